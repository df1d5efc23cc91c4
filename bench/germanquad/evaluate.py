"""Score ranked search results against relevance judgements: MRR@10, Recall@10, nDCG@10.

Reads the qrels written by prepare.py ({"<query id>": ["gq-<doc id>", ...]}) and a results file
({"<query id>": [external_id, ...]} in rank order, as printed by
`manage.py search_measures --batch FILE --json`). Every query in the qrels counts; a query missing
from the results scores 0. Relevance is binary. Prints one JSON object.

    .venv/bin/python bench/germanquad/evaluate.py --qrels bench/out/germanquad/qrels.json \
        --results bench/out/germanquad/results.json [--k 10]
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path


def score_query(ranked: list[str], relevant: set[str], k: int) -> dict[str, float]:
    """Reciprocal rank, recall, nDCG (binary gains) and success@1 of one ranking, cut at k."""
    top = list(dict.fromkeys(ranked))[:k]  # a repeated id counts once
    hits = [i for i, doc in enumerate(top) if doc in relevant]
    dcg = sum(1 / math.log2(i + 2) for i in hits)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(len(relevant), k)))
    return {
        "mrr": 1 / (hits[0] + 1) if hits else 0.0,
        "recall": len(hits) / len(relevant),
        "ndcg": dcg / ideal,
        "success@1": 1.0 if hits and hits[0] == 0 else 0.0,
    }


def evaluate(qrels: dict[str, list[str]], results: dict[str, list[str]], k: int = 10) -> dict:
    """Mean metrics over all queries that have at least one relevant document."""
    judged = {qid: set(docs) for qid, docs in qrels.items() if docs}
    if not judged:
        raise ValueError("the qrels hold no query with a relevant document")
    totals = {"mrr": 0.0, "recall": 0.0, "ndcg": 0.0, "success@1": 0.0}
    for qid, relevant in judged.items():
        for name, value in score_query(results.get(qid, []), relevant, k).items():
            totals[name] += value
    n = len(judged)
    return {
        f"mrr@{k}": round(totals["mrr"] / n, 4),
        f"recall@{k}": round(totals["recall"] / n, 4),
        f"ndcg@{k}": round(totals["ndcg"] / n, 4),
        "success@1": round(totals["success@1"] / n, 4),
        "queries": n,
        "queries_missing_from_results": sum(1 for qid in judged if qid not in results),
        "results_for_unjudged_queries": sum(1 for qid in results if qid not in judged),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--qrels", type=Path, required=True)
    parser.add_argument("--results", type=Path, required=True)
    parser.add_argument("--k", type=int, default=10)
    args = parser.parse_args(argv)
    qrels = json.loads(args.qrels.read_text(encoding="utf-8"))
    results = json.loads(args.results.read_text(encoding="utf-8"))
    print(json.dumps(evaluate(qrels, results, args.k)))


if __name__ == "__main__":
    main()
