"""The measure embeddings in memory, and nearest-neighbour search over them.

Up to EXACT_LIMIT vectors every query is compared with every measure. Beyond that an inverted-file
index answers: the vectors are grouped into about √n cells by spherical k-means, stored cell by cell,
and a query reads only the cells whose centres are closest to it (PROBE_SHARE of them), so at 100k
measures it compares ~10k vectors instead of all (brute force over 100k × 384 float32 values is
memory-bound, ~8 ms). The result is approximate: a neighbour in an unvisited cell is missed.
"""

from __future__ import annotations

import math
import threading
import time

import numpy as np
from django.conf import settings

from wissensspeicher.search import embeddings
from wissensspeicher.search.models import EmbeddingStamp, MeasureEmbedding

EXACT_LIMIT = 20_000
PROBE_SHARE = 0.1
KMEANS_ITERATIONS = 6
KMEANS_SAMPLE_PER_CELL = 64


class VectorIndex:
    """Ids and L2-normalised vectors of the measures, searchable by cosine similarity."""

    def __init__(self, ids: np.ndarray, matrix: np.ndarray):
        self.centroids = None
        self.offsets = None
        if len(ids) > EXACT_LIMIT:
            self.centroids, cells = _kmeans(matrix, int(math.sqrt(len(ids))))
            order = np.argsort(cells, kind="stable")
            ids, matrix = ids[order], np.ascontiguousarray(matrix[order])
            self.offsets = np.searchsorted(cells[order], np.arange(len(self.centroids) + 1))
        self.ids, self.matrix = ids, matrix
        self._row = {int(i): n for n, i in enumerate(ids)}

    def __len__(self) -> int:
        return len(self.ids)

    def vector_of(self, measure_id: int) -> np.ndarray | None:
        row = self._row.get(measure_id)
        return None if row is None else self.matrix[row]

    def nearest(self, vector: np.ndarray, limit: int, *, exclude: int | None = None) -> list[tuple[int, float]]:
        """The `limit` most similar measures, best first, as (id, cosine similarity)."""
        if not len(self.ids):
            return []
        if self.centroids is None:
            rows, scores = np.arange(len(self.ids)), self.matrix @ vector
        else:
            probes = max(1, math.ceil(len(self.centroids) * PROBE_SHARE))
            cells = np.argpartition(-(self.centroids @ vector), probes - 1)[:probes]
            rows = np.concatenate([np.arange(self.offsets[c], self.offsets[c + 1]) for c in cells])
            scores = np.concatenate([self.matrix[self.offsets[c]:self.offsets[c + 1]] @ vector for c in cells])
        if exclude is not None:
            scores = np.where(self.ids[rows] == exclude, -1.0, scores)
        limit = min(limit, len(scores))
        top = np.argpartition(-scores, limit - 1)[:limit]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(self.ids[rows[i]]), float(scores[i])) for i in top]


def _kmeans(matrix: np.ndarray, cells: int) -> tuple[np.ndarray, np.ndarray]:
    """Spherical k-means: centres from a sample (deterministic), then every vector's cell."""
    rng = np.random.default_rng(0)
    sample_size = min(len(matrix), cells * KMEANS_SAMPLE_PER_CELL)
    sample = matrix[np.sort(rng.choice(len(matrix), sample_size, replace=False))]
    centroids = sample[rng.choice(sample_size, cells, replace=False)].copy()
    for _ in range(KMEANS_ITERATIONS):
        assigned = np.argmax(sample @ centroids.T, axis=1)
        sums = np.zeros_like(centroids)
        np.add.at(sums, assigned, sample)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        filled = norms[:, 0] > 0
        centroids[filled] = sums[filled] / norms[filled]  # an empty cell keeps its centre
    assignment = np.concatenate([np.argmax(matrix[s:s + 20_000] @ centroids.T, axis=1) for s in range(0, len(matrix), 20_000)])
    return centroids, assignment


_cache: dict[str, object] = {"stamp": "unloaded", "index": None, "checked": 0.0}
_lock = threading.Lock()


def vector_index() -> VectorIndex:
    """This process's vector index, rebuilt when another process changed the embeddings (one small read to check)."""
    now = time.monotonic()
    if now - _cache["checked"] < settings.SEARCH_STAMP_INTERVAL and _cache["index"] is not None:
        return _cache["index"]
    # "unloaded" differs from every stamp, also from None (no embedding written yet), so the first call always loads.
    stamp = EmbeddingStamp.objects.filter(name="measures").values_list("token", flat=True).first()
    _cache["checked"] = now
    if _cache["stamp"] != stamp:
        with _lock:
            rows = list(MeasureEmbedding.objects.values_list("measure_id", "vector"))
            ids = np.array([r[0] for r in rows], dtype=np.int64)
            matrix = np.vstack([embeddings.from_bytes(r[1]) for r in rows]) if rows else np.zeros((0, 384), np.float32)
            _cache.update(stamp=stamp, index=VectorIndex(ids, matrix))
    return _cache["index"]
