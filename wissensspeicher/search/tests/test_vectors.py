"""Nearest neighbours: exact for small collections, an inverted-file index for large ones that finds nearly the same."""

from __future__ import annotations

import numpy as np

from wissensspeicher.search import vectors


def clustered(count: int, dims: int = 64, topics: int = 200, seed: int = 1) -> np.ndarray:
    """Unit vectors around topic centres, like sentence embeddings of texts on a few hundred subjects."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((topics, dims))
    matrix = centres[rng.integers(0, topics, count)] + 0.35 * rng.standard_normal((count, dims))
    return (matrix / np.linalg.norm(matrix, axis=1, keepdims=True)).astype(np.float32)


def test_small_collections_are_searched_exactly_best_first():
    matrix = clustered(500)
    ids = np.arange(1000, 1500)
    index = vectors.VectorIndex(ids, matrix)
    assert index.centroids is None
    found = index.nearest(matrix[7], 5)
    assert found[0] == (1007, found[0][1]) and abs(found[0][1] - 1.0) < 1e-5
    assert [s for _i, s in found] == sorted((s for _i, s in found), reverse=True)
    assert 1007 not in [i for i, _s in index.nearest(matrix[7], 5, exclude=1007)]


def test_large_collections_use_cells_and_find_nearly_all_true_neighbours(monkeypatch):
    monkeypatch.setattr(vectors, "EXACT_LIMIT", 1_000)
    matrix = clustered(6_000)
    ids = np.arange(6_000) * 3  # ids are not row numbers
    approximate = vectors.VectorIndex(ids, matrix)
    assert approximate.centroids is not None and len(approximate) == 6_000
    rng = np.random.default_rng(2)
    queries = matrix[rng.integers(0, 6_000, 50)] + 0.2 * rng.standard_normal((50, 64)).astype(np.float32)  # near the subjects
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    recall = []
    for query in queries:
        truth = {int(ids[i]) for i in np.argsort(-(matrix @ query))[:20]}
        recall.append(len(truth & {i for i, _s in approximate.nearest(query, 20)}) / 20)
    assert np.mean(recall) >= 0.9
    assert approximate.vector_of(int(ids[42])) is not None and np.allclose(approximate.vector_of(int(ids[42])), matrix[42])
