"""Our relevance set (search/relevance/queries.json): nDCG@10 must not drop below the recorded value."""

from __future__ import annotations

import json

import pytest

from wissensspeicher.search.relevance.evaluate import BASELINE, evaluate, load_queries


def test_relevance_set_covers_every_kind_of_query():
    queries = load_queries()
    kinds = {q["kind"] for q in queries}
    assert len(queries) >= 40
    assert {"inflected", "compound", "typo", "acronym", "paraphrase", "question", "english", "filtered"} <= kinds


@pytest.mark.slow
def test_ndcg_at_10_does_not_drop_below_the_recorded_value(demo_index):
    recorded = json.loads(BASELINE.read_text())["ndcg@10"]
    result = evaluate()
    assert result["ndcg@10"] >= recorded - 0.005, result["by_kind"]
