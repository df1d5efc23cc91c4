"""Matching quality over the demo pool must not drop below the recorded nDCG@5."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from wissensspeicher.marketplace.relevance import BASELINE, evaluate


@pytest.mark.slow
@pytest.mark.django_db
def test_matching_ndcg_at_5_does_not_drop_below_the_recorded_value():
    from wissensspeicher.marketplace.demo import DEMO_DIR
    from wissensspeicher.marketplace.services import postings_import

    report = postings_import((DEMO_DIR / "postings.jsonl").read_text(encoding="utf-8").splitlines())
    assert not report.errors
    call_command("search_reindex")  # embeds the postings too
    recorded = json.loads(BASELINE.read_text())["ndcg@5"]
    result = evaluate()
    assert result["ndcg@5"] >= recorded - 0.01, sorted(result["by_posting"].items(), key=lambda kv: kv[1])[:5]
