"""Search and matching for the Suche-Biete-Pool, with the measures' German analysis and embedding model.

Postings are few (thousands, not millions), so their lexical index lives in memory per process,
rebuilt when any posting changed: BM25 over the same analysed terms as the measure index
(stems, compound parts, umlaut folding, stop words), plus the same multilingual embeddings.
Matching ranks open postings of the opposite kind by a weighted sum of semantic similarity,
lexical similarity (the posting's own terms as the query), shared Handlungsfelder and category.
"""

from __future__ import annotations

import math
import threading
import time
from collections import Counter
from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.db.models import Count, Max

from wissensspeicher.search import embeddings, engine
from wissensspeicher.search.analysis import index_terms
from wissensspeicher.search.models import PostingEmbedding

# Tuned on demo/postings_matches.json (nDCG@5: semantic only 0.90, lexical only 0.89, these weights 0.96);
# rounded towards equal weights rather than the grid optimum, to not overfit 66 judged postings.
MATCH_WEIGHTS = {"semantic": 1.0, "lexical": 0.6, "fields": 0.5, "category": 0.05}
BM25_K1, BM25_B = 1.2, 0.75
TITLE_REPEAT = 2  # the title counts twice: it says what the posting is about
SEARCH_SEMANTIC_MIN = 0.83  # a posting found only semantically must be at least this similar to the query


@dataclass
class _Doc:
    id: int
    kind: str
    status: str
    category: str
    fields: frozenset[int]
    terms: Counter
    length: int


class _Index:
    def __init__(self, rows: list[dict]):
        splitter = engine.reader().splitter
        self.docs: dict[int, _Doc] = {}
        self.df: Counter = Counter()
        for row in rows:
            terms = Counter(index_terms(" ".join([row["title"]] * TITLE_REPEAT + [row["body"]]), splitter))
            self.docs[row["id"]] = _Doc(row["id"], row["kind"], row["status"], row["category"], frozenset(row["fields_of_action"]),
                                        terms, sum(terms.values()))
            self.df.update(terms.keys())
        self.average_length = (sum(d.length for d in self.docs.values()) / len(self.docs)) if self.docs else 1.0
        self.ids = np.zeros(0, dtype=np.int64)
        self.matrix = np.zeros((0, 384), dtype=np.float32)

    def idf(self, term: str) -> float:
        n, df = len(self.docs), self.df.get(term, 0)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def bm25(self, query_terms: Counter, candidates: list[int]) -> dict[int, float]:
        scores = {}
        for pid in candidates:
            doc = self.docs[pid]
            score = 0.0
            for term, weight in query_terms.items():
                tf = doc.terms.get(term, 0)
                if tf:
                    norm = tf * (BM25_K1 + 1) / (tf + BM25_K1 * (1 - BM25_B + BM25_B * doc.length / self.average_length))
                    score += self.idf(term) * norm * min(weight, 3)
            if score:
                scores[pid] = score
        return scores

    def vector(self, posting_id: int) -> np.ndarray | None:
        where = np.where(self.ids == posting_id)[0]
        return self.matrix[where[0]] if len(where) else None


_cache: dict[str, object] = {"stamp": None, "index": None, "checked": 0.0, "vectors": None}
_lock = threading.Lock()


def _index() -> _Index:
    from wissensspeicher.marketplace.models import Posting
    from wissensspeicher.marketplace.selectors import posting_search_documents

    now = time.monotonic()
    if _cache["index"] is not None and now - _cache["checked"] < settings.SEARCH_STAMP_INTERVAL:
        return _cache["index"]
    stamp = (tuple(Posting.objects.aggregate(n=Count("id"), t=Max("updated_at")).values()),
             tuple(PostingEmbedding.objects.aggregate(n=Count("id"), t=Max("updated_at")).values()))
    _cache["checked"] = now
    if stamp != _cache["stamp"]:
        with _lock:
            index = _Index(list(posting_search_documents()))
            rows = list(PostingEmbedding.objects.values_list("posting_id", "vector"))
            if rows:
                index.ids = np.array([r[0] for r in rows], dtype=np.int64)
                index.matrix = np.vstack([embeddings.from_bytes(r[1]) for r in rows])
            _cache.update(stamp=stamp, index=index)
    return _cache["index"]


def _normalised(scores: dict[int, float]) -> dict[int, float]:
    if not scores:
        return {}
    top = max(scores.values())
    return {k: v / top for k, v in scores.items()} if top > 0 else {}


def search_postings(query: str, candidate_ids: list[int]) -> list[int]:
    """Candidate postings matching the query, best first (lexical BM25 fused with semantic similarity)."""
    from wissensspeicher.search.query import plan_query
    from wissensspeicher.search.selectors import _synonyms

    index = _index()
    candidates = [pid for pid in candidate_ids if pid in index.docs]
    plan = plan_query(query, engine.reader(), _synonyms(), correct=True)
    query_terms: Counter = Counter()
    for term, boost in plan.terms:
        query_terms[term] += boost
    for group in plan.synonym_groups:
        for term in group:
            query_terms[term] += 0.6
    lexical = _normalised(index.bm25(query_terms, candidates))
    semantic: dict[int, float] = {}
    vector = embeddings.embed_query(plan.corrected_text or query) if embeddings.available() and len(index.ids) else None
    if vector is not None:
        allowed = set(candidates)
        similarities = index.matrix @ vector
        for pid, similarity in zip(index.ids.tolist(), similarities.tolist(), strict=True):
            if pid in allowed and (similarity >= SEARCH_SEMANTIC_MIN or pid in lexical):
                semantic[pid] = similarity
    semantic = {k: max(0.0, (v - 0.7) / 0.3) for k, v in semantic.items()}
    ids = set(lexical) | set(semantic)
    return sorted(ids, key=lambda pid: (-(lexical.get(pid, 0) + semantic.get(pid, 0)), pid))


def match_postings(posting_id: int, *, limit: int = 10, candidate_ids: list[int] | None = None) -> list[tuple[int, float]]:
    """Open postings of the opposite kind that best serve (or are served by) this posting, best first."""
    index = _index()
    own = index.docs.get(posting_id)
    if own is None:
        return []
    opposite = "offer" if own.kind == "need" else "need"
    candidates = candidate_ids if candidate_ids is not None else [
        d.id for d in index.docs.values() if d.kind == opposite and d.status == "open" and d.id != posting_id
    ]
    candidates = [pid for pid in candidates if pid in index.docs]
    if not candidates:
        return []
    lexical = _normalised(index.bm25(Counter({t: 1.0 for t in own.terms}), candidates))
    semantic: dict[int, float] = {}
    vector = index.vector(posting_id)
    if vector is not None:
        positions = {pid: i for i, pid in enumerate(index.ids.tolist())}
        rows = [positions[pid] for pid in candidates if pid in positions]
        if rows:
            similarities = index.matrix[rows] @ vector
            values = dict(zip([index.ids[r] for r in rows], similarities.tolist(), strict=True))
            low, high = min(values.values()), max(values.values())
            semantic = {int(k): (v - low) / (high - low) if high > low else 1.0 for k, v in values.items()}
    w = MATCH_WEIGHTS
    scored = []
    for pid in candidates:
        doc = index.docs[pid]
        union = own.fields | doc.fields
        fields = len(own.fields & doc.fields) / len(union) if union else 0.0
        score = (w["semantic"] * semantic.get(pid, 0.0) + w["lexical"] * lexical.get(pid, 0.0)
                 + w["fields"] * fields + w["category"] * (doc.category == own.category))
        scored.append((pid, score))
    scored.sort(key=lambda item: (-item[1], item[0]))
    return scored[:limit]


def postings_changed(posting_ids: list[int]) -> None:
    """Embed changed postings whose text changed (the in-memory index notices changes by itself)."""
    postings_embed(posting_ids)


def postings_embed(posting_ids: list[int] | None = None, *, batch_size: int = 32) -> int:
    """Embed postings whose title or text changed since their last embedding; returns how many."""
    from wissensspeicher.marketplace.selectors import posting_search_documents

    if not embeddings.available():
        return 0
    known = dict(PostingEmbedding.objects.values_list("posting_id", "text_hash"))
    pending = []
    for row in posting_search_documents(posting_ids):
        text = embeddings.passage_text(row["title"], row["body"][:1000])
        digest = embeddings.text_hash(text)
        if known.get(row["id"]) != digest:
            pending.append((row["id"], text, digest))
    for start in range(0, len(pending), batch_size):
        batch = pending[start:start + batch_size]
        vectors = embeddings.embed_passages([t for _i, t, _d in batch], batch_size=batch_size)
        for (posting_id, _text, digest), vector in zip(batch, vectors, strict=True):
            PostingEmbedding.objects.update_or_create(
                posting_id=posting_id, defaults={"text_hash": digest, "model_name": embeddings.MODEL_NAME, "vector": embeddings.to_bytes(vector)})
    return len(pending)
