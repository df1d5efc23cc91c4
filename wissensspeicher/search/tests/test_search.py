"""The search seam as municipal staff use it: pages, API, CLI and the index behind them."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from wissensspeicher.measures.models import Measure, ProgressStatus
from wissensspeicher.measures.selectors import measure_filters_parse
from wissensspeicher.search import embeddings
from wissensspeicher.search.models import SynonymGroup
from wissensspeicher.search.selectors import search_measures


def external_ids(result) -> list[str]:
    ids = dict(Measure.objects.values_list("id", "external_id"))
    return [ids[h.measure_id] for h in result.hits]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Dorfläden", "demo-1-021"),  # inflected
        ("Spielplätzen", "demo-1-033"),
        ("Netz Glasfaser", "demo-1-043"),  # compound parts in the other order
        ("Gruenflaechen", "demo-1-009"),  # ae/oe/ue spelling
        ("Verkehrszählunng", "demo-1-013"),  # typo
        ("Nachbarn helfen sich", "demo-3-046"),  # paraphrase, found semantically
    ],
)
def test_people_find_what_they_mean(demo_index, query, expected):
    assert expected in external_ids(search_measures(query))[:3]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Beteiligung", "demo-2-018"),  # its texts say only "Bürgerbeteiligung" (a synonym, too)
        ("Netz", "demo-1-035"),  # ... only "Wärmenetze" and "Nahwärmenetzen"
        ("Sensornetz Klima", "demo-2-021"),  # ... "Klimasensornetz"
    ],
)
def test_a_part_of_a_compound_finds_the_measures_that_use_the_compound(demo_index, query, expected):
    # Lexically: the parts of every compound in the measures are indexed beside the whole word,
    # also when the compound itself is a word the index knows.
    assert expected in external_ids(search_measures(query, semantic=False, per_page=200))


def test_a_correction_is_shown_as_the_measures_spell_it(demo_index):
    result = search_measures("Reperaturcafe")  # the demo measure writes "Reparaturcafé"
    assert result.corrected_query == "Reparaturcafé"
    assert external_ids(result)[:1] == ["demo-2-024"]  # Reparaturcafé-Plattform für den Hohen Fläming


def test_typo_is_corrected_and_the_page_says_so(client, demo_index):
    html = client.get("/massnahmen/", {"q": "Verkehrszählunng"}).content.decode()
    assert "Ergebnisse für „Verkehrszählung“" in html and "meinten Sie" in html
    assert "<mark>" in html
    html = client.get("/massnahmen/", {"q": "Verkehrszählunng", "korrektur": "0"}).content.decode()
    assert "meinten Sie" not in html


@pytest.mark.parametrize("query", ["Beteiligung Jugend", "Großeltern das Handy beibringen", "heat action plan", "tenant electricity"])
def test_real_words_the_measures_do_not_contain_are_not_corrected(demo_index, query):
    # "Jugend" is not a typo of "Jungen", nor "beibringen" of "einbringen", nor "heat" of "hat".
    result = search_measures(query)
    assert result.corrections == {} and result.corrected_query == ""


def test_filters_combine_with_the_query_and_facets_count_the_results(demo_index):
    filters = measure_filters_parse({"state": ["Schleswig-Holstein"]}).keys
    result = search_measures("Dorfladen", filters, semantic=False)
    assert external_ids(result) and all(
        Measure.objects.get(external_id=e).state.name == "Schleswig-Holstein" for e in external_ids(result)
    )
    unfiltered = search_measures("Dorfladen", semantic=False)
    state_counts = result.facets["state"]
    # The state facet ignores its own filter: other states show what they would add.
    assert sum(state_counts.values()) == unfiltered.total
    assert result.total == state_counts[filters["state"][0]]


@pytest.mark.parametrize("query", ["Dorfladen", "Netz Glasfaser", "Apps Senioren", "Beteiligung", "Parkplatz Dorfladen kommunale"])
def test_facets_count_exactly_the_measures_the_query_finds(demo_index, query):
    # Facets are counted with a cheaper query than the ranked one; both must match the same measures.
    result = search_measures(query, semantic=False, per_page=500)
    assert result.total == len(result.hits) > 0
    assert sum(result.facets["status"].values()) == sum(result.facets["state"].values()) == result.total  # one each
    status = Measure.objects.get(id=result.hits[0].measure_id).status
    filtered = search_measures(query, measure_filters_parse({"status": [status.label]}).keys, semantic=False, per_page=500)
    assert filtered.total == len(filtered.hits) == filtered.facets["status"][status.id] > 0
    assert sum(filtered.facets["state"].values()) == filtered.total
    assert sum(filtered.facets["status"].values()) == result.total  # the status facet ignores its own filter


def test_quoted_phrase_title_only_and_exact_stay_lexical(demo_index, monkeypatch):
    called = []
    monkeypatch.setattr(embeddings, "embed_query", lambda text: called.append(text))
    phrase = search_measures('"digitaler Zwilling"')
    assert phrase.total >= 1 and phrase.mode == "lexical"
    titles = Measure.objects.filter(id__in=[h.measure_id for h in search_measures("Zwilling", title_only=True).hits]).values_list("title", flat=True)
    assert titles and all("zwilling" in t.lower() for t in titles)
    assert search_measures("Dorfläden", exact=True).total < search_measures("Dorfläden", semantic=False).total
    assert called == []


def test_search_falls_back_to_lexical_when_the_model_cannot_load(demo_index, monkeypatch, caplog):
    monkeypatch.setattr(embeddings, "_model", None)
    monkeypatch.setattr(embeddings, "_failed", True)
    result = search_measures("Dorfläden")
    assert result.mode == "lexical" and "demo-1-021" in external_ids(result)


def test_moderators_synonyms_take_effect_at_once(demo_index):
    assert "demo-1-021" not in external_ids(search_measures("Greißlerei", semantic=False))
    SynonymGroup.objects.create(terms="Greißlerei | Dorfladen")
    assert "demo-1-021" in external_ids(search_measures("Greißlerei", semantic=False))


def test_an_edit_is_searchable_at_once(demo_index, django_capture_on_commit_callbacks):
    from wissensspeicher.measures.services import measures_changed

    measure = Measure.objects.get(external_id="demo-1-021")
    measure.title = "Quasselbude im Dorf"
    measure.status = ProgressStatus.objects.get(label="Eingestellt")
    with django_capture_on_commit_callbacks(execute=True):
        measure.save()
        measures_changed([measure.pk])
    assert external_ids(search_measures("Quasselbude"))[:1] == ["demo-1-021"]
    with django_capture_on_commit_callbacks(execute=True):
        pk = measure.pk
        measure.delete()
        measures_changed([pk])
    assert "demo-1-021" not in external_ids(search_measures("Quasselbude"))


def test_similar_measures_on_the_page_and_in_the_api(client, demo_index):
    measure = Measure.objects.get(external_id="demo-1-021")
    html = client.get(measure.get_absolute_url()).content.decode()
    assert "Ähnliche Maßnahmen" in html
    body = client.get("/api/v1/measures/demo-1-021").json()
    assert len(body["similar"]) == 5 and "demo-1-021" not in [s["external_id"] for s in body["similar"]]
    assert "demo-2-051" in [s["external_id"] for s in body["similar"]]  # the other Dorfladen


def test_api_searches_with_q_and_filters(client, demo_index):
    body = client.get("/api/v1/measures", {"q": "Dorfläden", "state": "Niedersachsen"}).json()
    assert body["items"][0]["external_id"] == "demo-2-051"
    assert "<mark>" in body["items"][0]["snippet_html"] and body["items"][0]["score"] > 0


def test_cli_prints_ranked_json_and_runs_batches(demo_index, capsys, tmp_path):
    call_command("search_measures", "Dorfläden", "--state", "Schleswig-Holstein", "--json")
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["external_id"] == "demo-1-021" and set(rows[0]) == {"external_id", "title", "score"}
    batch = tmp_path / "batch.json"
    batch.write_text(json.dumps([{"id": "a", "query": "Glasfaser", "filters": {}},
                                 {"id": "b", "query": "Sensoren", "filters": {"fields_of_action": ["Mobilität", "Energie"]}}]))
    call_command("search_measures", "--batch", str(batch), "--json")
    output = json.loads(capsys.readouterr().out)
    assert set(output) == {"a", "b"} and len(output["a"]) == 20
    assert all("Mobilität" in [f.label for f in Measure.objects.get(external_id=e).fields_of_action.all()]
               or "Energie" in [f.label for f in Measure.objects.get(external_id=e).fields_of_action.all()] for e in output["b"])


def test_reindex_rebuilds_the_index_from_the_database(demo_index, settings, tmp_path, reindex):
    settings.SEARCH_INDEX_DIR = str(tmp_path / "fresh")
    assert search_measures("Dorfläden", semantic=False).total == 0
    reindex()
    assert search_measures("Dorfläden").total > 0


def test_each_database_gets_its_own_index_directory():
    import os
    import subprocess
    import sys

    def index_dir(database_url: str) -> str:
        env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
        env.pop("SEARCH_INDEX_DIR", None)
        code = "import django; django.setup(); from django.conf import settings; print(settings.SEARCH_INDEX_DIR)"
        return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout.strip()

    first = index_dir("sqlite:////tmp/one.sqlite3")
    assert first == index_dir("sqlite:////tmp/one.sqlite3")
    assert first != index_dir("sqlite:////tmp/two.sqlite3")
    assert first != index_dir("postgres://u@127.0.0.1:5432/one")


def test_operators_can_switch_semantic_ranking_off(demo_index, settings):
    settings.SEARCH_SEMANTIC = False
    result = search_measures("Nachbarn helfen sich")
    assert result.mode == "lexical"


def test_short_queries_find_measures_with_all_words_and_relax_only_when_few_do(client, demo_index):
    both = search_measures("Wasser Sensoren", semantic=False, per_page=200)
    assert not both.relaxed and both.total >= 10
    water, sensors = ({h.measure_id for h in search_measures(word, semantic=False, per_page=200).hits} for word in ("Wasser", "Sensoren"))
    assert {h.measure_id for h in both.hits} == water & sensors
    assert both.total < len(water | sensors)

    few = search_measures("Insel Saison", semantic=False)
    assert few.relaxed and few.total > 0
    html = client.get("/massnahmen/", {"q": "Insel Saison"}).content.decode()
    assert "Keine Maßnahme enthält alle Suchwörter" in html


@pytest.mark.parametrize("query", ["Wasser Sensoren", "Netz Glasfaser", "Apps Senioren", "Grünflächen Stadt", "Insel Saison"])
def test_filtered_hits_are_the_query_hits_that_pass_the_filters_however_the_selection_is_written(demo_index, monkeypatch, query):
    # With filters, the engine query selects measures as a disjunction of plain conjunctions (each
    # combination of the words' alternatives, with the filters inside); past a number of
    # combinations as an intersection of disjunctions. Either way it finds the query's hits that
    # pass the filters, in the same order, with the same facet counts.
    from wissensspeicher.search import query as search_query

    unfiltered = search_measures(query, semantic=False, per_page=500)
    status = Measure.objects.get(id=unfiltered.hits[0].measure_id).status
    filters = measure_filters_parse({"status": [status.label]}).keys
    conjunctions = search_measures(query, filters, semantic=False, per_page=500)
    passing = set(Measure.objects.filter(status=status).values_list("id", flat=True))
    assert [h.measure_id for h in conjunctions.hits] == [h.measure_id for h in unfiltered.hits if h.measure_id in passing]
    assert conjunctions.relaxed == unfiltered.relaxed

    monkeypatch.setattr(search_query, "SELECTION_COMBINATIONS_MAX", 0)
    intersected = search_measures(query, filters, semantic=False, per_page=500)
    assert [(h.measure_id, h.score) for h in intersected.hits] == [(h.measure_id, h.score) for h in conjunctions.hits]
    assert intersected.facets == conjunctions.facets and intersected.total == conjunctions.total


@pytest.mark.parametrize("query", ["Wasser Sensoren", "Insel Saison", "Apps Senioren", "Dorfladen Parkplatz Wärmenetz"])
def test_whether_a_query_is_relaxed_does_not_depend_on_counting_first(demo_index, monkeypatch, query):
    # When few measures are expected to contain every word, they are counted before the search;
    # otherwise after it. The hits, the total and the decision to relax must be the same.
    from wissensspeicher.search import selectors

    status = Measure.objects.get(external_id="demo-1-021").status
    for filters in ({}, measure_filters_parse({"status": [status.label]}).keys):
        results = []
        for expected in (0.0, float("inf")):
            monkeypatch.setattr(selectors, "expected_all_words_matches", lambda plan, expected=expected: expected)
            result = search_measures(query, filters, semantic=False, per_page=100)
            results.append(([h.measure_id for h in result.hits], result.total, result.relaxed, result.facets))
        assert results[0] == results[1]


def test_a_query_of_only_stop_words_lists_the_measures_newest_first_like_the_list_page(demo_index):
    result = search_measures("und die", semantic=False, per_page=10)
    assert result.mode == "browse" and result.total == Measure.objects.count()
    newest = list(Measure.objects.order_by("-created_at", "-id").values_list("id", flat=True))
    assert [h.measure_id for h in result.hits] == newest[:10]
    assert [h.measure_id for h in search_measures("und die", semantic=False, page=2, per_page=10).hits] == newest[10:20]


def test_processes_check_their_vectors_with_one_small_read_and_reload_after_a_change(demo_index, django_assert_num_queries):
    from wissensspeicher.search.services import embeddings_stamp_bump
    from wissensspeicher.search.vectors import vector_index

    index = vector_index()
    with django_assert_num_queries(1):  # the stamp row only, never a scan of the embeddings
        assert vector_index() is index
    embeddings_stamp_bump()
    assert vector_index() is not index  # another process's write is picked up
