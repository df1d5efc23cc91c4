"""Matching evaluation over the demo pool: nDCG@5 of `match_postings` against demo/postings_matches.json.

    python manage.py shell -c "from wissensspeicher.marketplace.relevance import report; report()"
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from django.conf import settings

JUDGMENTS = Path(settings.BASE_DIR) / "demo" / "postings_matches.json"
BASELINE = Path(__file__).resolve().parent / "matching_baseline.json"


def _ndcg(ranking: list[str], judged: dict[str, int], k: int = 5) -> float:
    dcg = sum((2 ** judged.get(e, 0) - 1) / math.log2(i + 2) for i, e in enumerate(ranking[:k]))
    ideal = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(sorted(judged.values(), reverse=True)[:k]))
    return dcg / ideal if ideal else 0.0


def evaluate(k: int = 5) -> dict:
    """Mean nDCG@k over every judged need and offer."""
    from wissensspeicher.marketplace.models import Posting
    from wissensspeicher.search.postings import match_postings

    ids = dict(Posting.objects.exclude(external_id=None).values_list("external_id", "id"))
    external = {v: k for k, v in ids.items()}
    scores = {}
    for item in json.loads(JUDGMENTS.read_text(encoding="utf-8")):
        source = item.get("need") or item.get("offer")
        judged = item.get("offers") or item.get("needs") or {}
        ranking = [external.get(pid) for pid, _s in match_postings(ids[source], limit=k)]
        scores[source] = round(_ndcg(ranking, judged, k), 4)
    return {f"ndcg@{k}": round(sum(scores.values()) / len(scores), 4), "by_posting": scores}


def report() -> dict:
    result = evaluate()
    worst = sorted(result["by_posting"].items(), key=lambda kv: kv[1])[:8]
    print(json.dumps({"ndcg@5": result["ndcg@5"], "worst": worst}, indent=2))
    return result
