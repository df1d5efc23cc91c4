"""The measure embeddings in memory, and nearest-neighbour search over them.

A measure has one vector per passage (title + summary, then windows of its longer texts) and
scores its best passage. Up to EXACT_LIMIT vectors every query is compared with every passage.
Beyond that an inverted-file index answers: the vectors are grouped into about √n cells by
spherical k-means, stored cell by cell, and a query reads only the cells whose centres are closest
to it (PROBE_SHARE of them, and at most about EXACT_LIMIT vectors), so at 100k vectors it compares
~10k instead of all (brute force over 100k × 384 float32 values is memory-bound, ~8 ms). The result
is approximate: a neighbour in an unvisited cell is missed, more often the more vectors there are
(recall figures: ADR 0006).
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
    """Passage vectors (L2-normalised) with the id of the measure each belongs to, searchable by cosine similarity.

    A measure may have several passages (`embeddings.passage_texts`); it scores its best one. Its
    first passage (title + summary) stands for the whole measure in `vector_of`.
    """

    def __init__(self, ids: np.ndarray, matrix: np.ndarray):
        self.centroids = None
        self.offsets = None
        measure_ids, first_rows = np.unique(ids, return_index=True)  # each measure's first passage
        if len(ids) > EXACT_LIMIT:
            self.centroids, cells = _kmeans(matrix, int(math.sqrt(len(ids))))
            order = np.argsort(cells, kind="stable")
            ids, matrix = ids[order], np.ascontiguousarray(matrix[order])
            self.offsets = np.searchsorted(cells[order], np.arange(len(self.centroids) + 1))
            position = np.empty(len(order), dtype=np.int64)
            position[order] = np.arange(len(order))
            first_rows = position[first_rows]
        self.ids, self.matrix = ids, matrix
        self._row = dict(zip(measure_ids.tolist(), first_rows.tolist(), strict=True))

    def __len__(self) -> int:
        """How many measures have vectors."""
        return len(self._row)

    def vector_of(self, measure_id: int) -> np.ndarray | None:
        row = self._row.get(measure_id)
        return None if row is None else self.matrix[row]

    def nearest(self, vector: np.ndarray, limit: int, *, exclude: int | None = None) -> list[tuple[int, float]]:
        """The `limit` most similar measures (by their best passage), best first, as (id, cosine similarity)."""
        if not len(self.ids):
            return []
        if self.centroids is None:
            rows, scores = np.arange(len(self.ids)), self.matrix @ vector
        else:
            # The closest PROBE_SHARE of the cells, but never more vectors than the exact path compares.
            share = min(PROBE_SHARE, EXACT_LIMIT / len(self.ids))
            probes = max(1, math.ceil(len(self.centroids) * share))
            cells = np.argpartition(-(self.centroids @ vector), probes - 1)[:probes]
            rows = np.concatenate([np.arange(self.offsets[c], self.offsets[c + 1]) for c in cells])
            scores = np.concatenate([self.matrix[self.offsets[c]:self.offsets[c + 1]] @ vector for c in cells])
        if not len(scores) or limit < 1:  # every probed cell was empty
            return []
        owners = self.ids[rows]
        if exclude is not None:
            scores = np.where(owners == exclude, -np.inf, scores)
        # The best passages first; read more of them until `limit` different measures are found.
        take = min(len(scores), limit * 4)
        while True:
            top = np.argpartition(-scores, take - 1)[:take]
            top = top[np.argsort(-scores[top], kind="stable")]
            best: dict[int, float] = {}
            for i in top:
                if scores[i] == -np.inf:
                    break
                best.setdefault(int(owners[i]), float(scores[i]))
                if len(best) == limit:
                    break
            if len(best) == limit or take == len(scores):
                return list(best.items())
            take = min(len(scores), take * 4)


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
            matrices = [(measure_id, embeddings.matrix_from_bytes(vector))
                         for measure_id, vector in MeasureEmbedding.objects.values_list("measure_id", "vector")]
            ids = np.repeat(np.array([measure_id for measure_id, _m in matrices], dtype=np.int64), [len(m) for _id, m in matrices])
            matrix = np.vstack([m for _id, m in matrices]) if matrices else np.zeros((0, 384), np.float32)
            _cache.update(stamp=stamp, index=VectorIndex(ids, matrix))
    return _cache["index"]
