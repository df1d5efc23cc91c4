"""Relevance evaluation over the demo data: nDCG@10 of the search seam on graded judgments.

    python manage.py shell -c "from wissensspeicher.search.relevance.evaluate import report; report()"
"""

from __future__ import annotations

import json
import math
from pathlib import Path

QUERIES = Path(__file__).resolve().parent / "queries.json"
BASELINE = Path(__file__).resolve().parent / "baseline.json"


def dcg(grades: list[int]) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades))


def ndcg_at(ranking: list[str], judgments: dict[str, int], k: int = 10) -> float:
    """nDCG@k of a ranking of external ids against graded judgments (unjudged = 0)."""
    ideal = dcg(sorted(judgments.values(), reverse=True)[:k])
    return dcg([judgments.get(i, 0) for i in ranking[:k]]) / ideal if ideal else 0.0


def load_queries() -> list[dict]:
    return json.loads(QUERIES.read_text(encoding="utf-8"))


def evaluate(**search_options) -> dict:
    """Mean nDCG@10 overall and per kind of query; runs every query through the search seam."""
    from wissensspeicher.measures.models import Measure
    from wissensspeicher.measures.selectors import measure_filters_parse
    from wissensspeicher.search.selectors import search_measures

    external = dict(Measure.objects.values_list("id", "external_id"))
    per_query, per_kind = {}, {}
    for item in load_queries():
        raw = {k: v if isinstance(v, list) else [v] for k, v in (item.get("filters") or {}).items()}
        filters = measure_filters_parse(raw).keys
        result = search_measures(item["query"], filters, per_page=10, with_facets=False, **search_options)
        ranking = [external[h.measure_id] for h in result.hits]
        score = ndcg_at(ranking, item["judgments"])
        per_query[item["id"]] = round(score, 4)
        per_kind.setdefault(item["kind"], []).append(score)
    overall = sum(per_query.values()) / len(per_query)
    return {
        "ndcg@10": round(overall, 4),
        "by_kind": {kind: round(sum(v) / len(v), 4) for kind, v in sorted(per_kind.items())},
        "by_query": per_query,
    }


def report(**search_options) -> dict:
    result = evaluate(**search_options)
    print(json.dumps({k: v for k, v in result.items() if k != "by_query"}, indent=2))
    worst = sorted(result["by_query"].items(), key=lambda kv: kv[1])[:10]
    print("worst:", worst)
    return result
