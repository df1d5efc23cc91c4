"""Measures are embedded passage by passage, so a question about one detail of a long description finds it."""

from __future__ import annotations

import numpy as np

from wissensspeicher.measures.models import Measure
from wissensspeicher.search import embeddings, vectors
from wissensspeicher.search.models import MeasureEmbedding
from wissensspeicher.search.tests.test_vectors import clustered


def test_title_and_summary_come_first_then_windows_of_the_longer_texts():
    sentences = [f"Im Abschnitt {i} wurde die Beteiligung im Quartier erprobt." for i in range(40)]
    description = " ".join(sentences[:20]) + "\n\n" + " ".join(sentences[20:])
    passages = embeddings.passage_texts("Quartiersplattform", "Kurz gesagt.", [description, "Übertragbar auf kleine Gemeinden."])

    assert passages[0] == "Quartiersplattform\nKurz gesagt."
    windows = [p.removeprefix("Quartiersplattform\n") for p in passages[1:]]
    assert all(p.startswith("Quartiersplattform\n") for p in passages[1:])
    assert all(len(w) <= embeddings.PASSAGE_CHARS for w in windows) and len(windows) > 4
    # Every sentence is in exactly one window, in order, and the second text starts a window of its own.
    assert " ".join(windows[:-1]).split(". ") == " ".join(sentences).split(". ")
    assert windows[-1] == "Übertragbar auf kleine Gemeinden."


def test_run_on_text_is_cut_at_spaces_and_the_number_of_windows_is_capped():
    run_on = " ".join(["Sensor"] * 200)  # 1,399 characters without a sentence end
    windows = embeddings.passage_texts("T", "S", [run_on])[1:]
    assert len(windows) == 3 and all(len(w) <= len("T\n") + embeddings.PASSAGE_CHARS for w in windows)
    assert " ".join(w.removeprefix("T\n") for w in windows) == run_on

    huge = "Ein Satz über das Projekt. " * 2_000
    assert len(embeddings.passage_texts("T", "S", [huge])) == 1 + embeddings.PASSAGE_LIMIT
    assert embeddings.passage_texts("T", "S", ["", ""]) == ["T\nS"]


def test_a_measure_scores_its_best_passage_and_is_listed_once():
    matrix = clustered(60)
    ids = np.repeat(np.arange(100, 120), 3)  # 20 measures with three passages each
    index = vectors.VectorIndex(ids, matrix)
    assert len(index) == 20
    found = index.nearest(matrix[14], 5)  # the third passage of measure 104
    assert found[0][0] == 104 and abs(found[0][1] - 1.0) < 1e-5
    assert len({i for i, _s in found}) == len(found) == 5
    assert np.allclose(index.vector_of(104), matrix[12])  # the first passage (title + summary) stands for it
    assert 104 not in [i for i, _s in index.nearest(matrix[14], 5, exclude=104)]


def test_cells_keep_the_first_passage_of_each_measure(monkeypatch):
    monkeypatch.setattr(vectors, "EXACT_LIMIT", 100)
    matrix = clustered(900)
    ids = np.repeat(np.arange(300) * 7, 3)
    index = vectors.VectorIndex(ids, matrix)
    assert index.centroids is not None and len(index) == 300
    assert np.allclose(index.vector_of(7 * 42), matrix[42 * 3])
    found = index.nearest(matrix[42 * 3 + 2], 10)
    assert found[0][0] == 7 * 42 and len({i for i, _s in found}) == 10


def test_a_question_about_a_detail_of_the_description_finds_the_measure(demo_index):
    measure = Measure.objects.get(external_id="demo-1-021")  # theft is mentioned only in its description
    stored = embeddings.matrix_from_bytes(MeasureEmbedding.objects.get(measure=measure).vector)
    assert len(stored) == len(embeddings.passage_texts(measure.title, measure.summary, [measure.description, measure.transferability])) > 2

    question = embeddings.embed_query("Ist Diebstahl ein Problem im Selbstbedienungsladen?")
    assert vectors.vector_index().nearest(question, 1)[0][0] == measure.pk
    # The passage from the description is what makes it similar; its title and summary alone are far less so.
    title_and_summary = vectors.VectorIndex(np.array([measure.pk]), stored[:1])
    assert title_and_summary.nearest(question, 1)[0][1] < vectors.vector_index().nearest(question, 1)[0][1] - 0.03


def test_vectors_of_an_older_passage_scheme_are_found_and_replaced(demo_index):
    from django.core.management import call_command

    from wissensspeicher.search.services import index_is_complete

    assert index_is_complete()
    measure = Measure.objects.get(external_id="demo-1-021")
    MeasureEmbedding.objects.filter(measure=measure).update(model_name=embeddings.MODEL_NAME, text_hash="title and summary only")
    assert not index_is_complete()
    call_command("search_reindex", "--if-needed", verbosity=0)  # what `make run` does
    assert index_is_complete()
    assert MeasureEmbedding.objects.get(measure=measure).text_hash != "title and summary only"
