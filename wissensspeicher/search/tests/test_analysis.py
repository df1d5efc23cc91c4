"""German analysis: the same word in every spelling and inflection reaches the same index term."""

from __future__ import annotations

from wissensspeicher.search.analysis import CompoundSplitter, exact_terms, fold, index_terms, stem, stopwords
from wissensspeicher.search.query import TypoCorrector


def test_umlaut_spellings_inflections_and_case_stem_alike():
    assert stem("grünflächen") == stem("gruenflaechen") == stem("Grünfläche".lower())
    assert stem("dorfläden") == stem("dorfladen")
    assert stem("spielplätzen") == stem("spielplatz")
    assert stem("straße") == stem("strasse")
    assert fold("Grünfläche") == "Gruenflaeche"
    assert stem("café") == stem("cafe") and fold("łódź") == "lodz"  # other accents are dropped
    assert exact_terms("Reparaturcafé in Łódź") == ["reparaturcafe", "in", "lodz"]


def test_compounds_are_indexed_with_their_parts_beside_the_whole_word():
    splitter = CompoundSplitter(["glasfaser", "netz", "bürger", "beteiligung", "verkehr", "zählung"])
    assert splitter.split("glasfasernetze") == ("glasfaser", "netze")
    assert splitter.split(fold("bürgerbeteiligung")) == ("buerger", "beteiligung")
    assert splitter.split(fold("verkehrszählung")) == ("verkehr", "zaehlung")  # Fugen-s
    terms = index_terms("Das Glasfasernetz der Stadt", splitter)
    assert terms[:1] == [stem("glasfasernetz")] and stem("netz") in terms and stem("glasfaser") in terms
    assert "das" not in terms and "der" not in terms  # stop words
    assert splitter.split("netz") == ()
    # A compound the index already knows as a word is still split: its parts are what finds it.
    known = CompoundSplitter(["glasfasernetz", "glasfaser", "netz"])
    assert known.split("glasfasernetz") == ("glasfaser", "netz")


def test_exact_terms_are_folded_but_not_stemmed():
    assert exact_terms("Digitale Zwillinge für Straßen") == ["digitale", "zwillinge", "fuer", "strassen"]
    assert "und" in stopwords() and "wie" in stopwords()


def test_typo_corrector_picks_the_nearest_frequent_word():
    corrector = TypoCorrector({"verkehrszaehlung": [5, "verkehrszählung"], "verkehrsplanung": [2, "verkehrsplanung"]})
    assert corrector.correct("verkehrszaehlunng") == "verkehrszaehlung"
    assert corrector.correct("verkerszaehlung") == "verkehrszaehlung"
    assert corrector.correct("ganzanderes") is None
