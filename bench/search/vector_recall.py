"""Speed and recall of the vector index (wissensspeicher/search/vectors.py) on clustered test vectors.

Builds a `VectorIndex` over synthetic unit vectors around topic centres, several passages per
measure, and reports build time, median/p95 per query and the share of the exact 20 nearest
measures it finds. Not a test; no database is touched.

    OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/search/vector_recall.py [--measures 100000] [--passages 5.6]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--measures", type=int, default=100_000)
    parser.add_argument("--passages", type=float, default=5.6, help="mean vectors per measure")
    parser.add_argument("--topics", type=int, default=800)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from wissensspeicher.search import vectors

    rng = np.random.default_rng(0)
    ids = np.repeat(np.arange(args.measures), rng.poisson(args.passages - 1, args.measures) + 1)
    centres = rng.standard_normal((args.topics, 384)).astype(np.float32)
    matrix = centres[rng.integers(0, args.topics, len(ids))] + 0.6 * rng.standard_normal((len(ids), 384)).astype(np.float32)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    started = time.perf_counter()
    index = vectors.VectorIndex(ids, matrix)
    build = time.perf_counter() - started
    queries = matrix[rng.integers(0, len(ids), args.queries)] + 0.3 * rng.standard_normal((args.queries, 384)).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    timings, recall = [], []
    for query in queries:
        t0 = time.perf_counter()
        found = index.nearest(query, 20)
        timings.append((time.perf_counter() - t0) * 1000)
        best = np.full(args.measures, -np.inf, dtype=np.float32)
        np.maximum.at(best, ids, matrix @ query)
        truth = set(np.argsort(-best)[:20].tolist())
        recall.append(len(truth & {i for i, _s in found}) / 20)
    timings.sort()
    print(json.dumps({
        "measures": args.measures, "vectors": int(len(ids)), "cells": 0 if index.centroids is None else len(index.centroids),
        "build_seconds": round(build, 1), "median_ms": round(statistics.median(timings), 2),
        "p95_ms": round(timings[int(0.95 * len(timings)) - 1], 2), "recall_at_20": round(float(np.mean(recall)), 3),
    }, indent=2))


if __name__ == "__main__":
    main()
