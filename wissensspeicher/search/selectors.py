"""The one search seam: ranked hits, snippets, facet counts, corrections and similar measures.

Pages, API and CLI call `search_measures`; nothing else talks to the engine.
Ranking fuses the lexical BM25 ranking with the semantic (embedding) ranking by reciprocal rank
fusion. Quoted phrases, "nur im Titel" and "exakte Treffer" stay strictly lexical.
"""

from __future__ import annotations

import html
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import tantivy
from django.conf import settings
from django.db.models import Count, Max
from django.utils.safestring import SafeString, mark_safe

from wissensspeicher.measures.selectors import measure_category_keys
from wissensspeicher.search import embeddings, engine
from wissensspeicher.search.analysis import fold, normalise, stem, stopwords, tokenize
from wissensspeicher.search.models import SynonymGroup
from wissensspeicher.search.query import QueryPlan, expected_all_words_matches, lexical_query, plan_query
from wissensspeicher.search.vectors import vector_index

# Tuned on the relevance set (search/relevance/queries.json); see docs/adr/0003-search-engine.md.
RRF_K = 10
LEXICAL_WEIGHT = 1.0
# Twice the lexical weight for every query: since measures are embedded passage by passage, the
# semantic ranking is the stronger one also for questions (relevance set and GermanQuAD, bench/RESULTS.md).
SEMANTIC_WEIGHT = 2.0
ALL_WORDS_MAX = 3  # queries of up to this many content words are keywords: hits contain them all ...
ALL_WORDS_MIN_HITS = 10  # ... unless fewer measures than this (before filters) do
SEMANTIC_POOL = 100  # how many nearest measures semantic retrieval contributes
SEMANTIC_MIN_SIMILARITY = 0.80  # below this a measure found only semantically is not a hit
SEMANTIC_MARGIN = 0.06  # ... nor if it is this far below the best semantic match
FACET_PARAMS = ("state", "fields_of_action", "spatial_impact", "status", "solution_types", "target_groups",
                "cohort", "category", "model_project")


@dataclass
class Hit:
    measure_id: int
    score: float
    lexical_rank: int | None = None
    semantic_rank: int | None = None
    snippet: SafeString | None = None


@dataclass
class SearchResult:
    query: str
    hits: list[Hit]
    total: int
    facets: dict[str, dict[object, int]]
    took_ms: float
    mode: str  # "hybrid" | "lexical" | "browse"
    corrections: dict[str, str] = field(default_factory=dict)
    corrected_query: str = ""
    plan: QueryPlan | None = None
    relaxed: bool = False  # no measure matched every word, so the hits match some of them


# --- synonyms -----------------------------------------------------------------------------------

_synonym_cache: dict[str, object] = {"stamp": None, "map": {}, "checked": 0.0}
_synonym_lock = threading.Lock()


def _synonyms() -> dict[tuple[str, ...], list[tuple[str, ...]]]:
    """Stem tuple of each variant -> the stem tuples of the other variants of its groups."""
    now = time.monotonic()
    if now - _synonym_cache["checked"] < settings.SEARCH_STAMP_INTERVAL:
        return _synonym_cache["map"]
    stamp = tuple(SynonymGroup.objects.filter(active=True).aggregate(n=Count("id"), t=Max("updated_at")).values())
    _synonym_cache["checked"] = now
    if _synonym_cache["stamp"] == stamp:
        return _synonym_cache["map"]
    with _synonym_lock:
        mapping: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
        stop = stopwords()
        for group in SynonymGroup.objects.filter(active=True):
            variants = []
            for term in group.term_list:
                stems = tuple(stem(t.text) for t in tokenize(term) if fold(t.text) not in stop)
                if stems and stems not in variants:
                    variants.append(stems)
            for variant in variants:
                others = mapping.setdefault(variant, [])
                others.extend(v for v in variants if v != variant and v not in others)
        _synonym_cache.update(stamp=stamp, map=mapping)
        return mapping


# --- filters and facets -------------------------------------------------------------------------


def _engine_keys(param: str, keys: list) -> list[int]:
    if param == "category":
        mapping = measure_category_keys()
        return [mapping[k] for k in keys if k in mapping]
    return [int(k) for k in keys]


def _filter_clauses(filters: dict[str, list], *, skip: str | None = None) -> list[tuple]:
    # Plain term queries (a term set query scans far more); score 0 so filters never change the ranking.
    clauses = []
    for param, keys in filters.items():
        if param == skip or not keys:
            continue
        terms = [tantivy.Query.term_query(engine.SCHEMA, param, key) for key in _engine_keys(param, keys)]
        query = terms[0] if len(terms) == 1 else tantivy.Query.boolean_query([(tantivy.Occur.Should, t) for t in terms])
        clauses.append((tantivy.Occur.Must, tantivy.Query.const_score_query(query, 0.0)))
    return clauses


def _combine(base: tantivy.Query | None, clauses: list[tuple]) -> tantivy.Query:
    parts = ([(tantivy.Occur.Must, base)] if base is not None else []) + clauses
    if not parts:
        return tantivy.Query.all_query()
    return tantivy.Query.boolean_query(parts)


def _filter_expression(filters: dict[str, list], *, skip: str | None = None) -> str:
    """The filters in the engine's query syntax, for filter aggregations ("*": no filter)."""
    parts = []
    for param, keys in filters.items():
        if param != skip and keys:
            parts.append("(" + " OR ".join(f"{param}:{key}" for key in _engine_keys(param, keys)) + ")")
    return " AND ".join(parts) or "*"


@dataclass
class _Facets:
    counts: dict[str, dict[object, int]]  # facet -> value -> measures
    filtered: int  # measures matching the query and every filter


def _facet_counts(searcher, base: tantivy.Query | None, filters: dict[str, list]) -> _Facets:
    """Counts per value of every facet over the query's results, in one engine call.

    A facet's own filter does not narrow its counts (the other filters do), so that choosing a
    second value in one facet shows how many more results it brings.
    """
    def terms(param):
        return {"terms": {"field": param, "size": 1000}}

    aggs = {"shared": {"filter": _filter_expression(filters), "aggs": {p: terms(p) for p in FACET_PARAMS if not filters.get(p)}}}
    for param in FACET_PARAMS:
        if filters.get(param):
            aggs[f"own_{param}"] = {"filter": _filter_expression(filters, skip=param), "aggs": {param: terms(param)}}
    result = searcher.aggregate(base if base is not None else tantivy.Query.all_query(), aggs)
    category_by_key = {v: k for k, v in measure_category_keys().items()}
    counts: dict[str, dict[object, int]] = {}
    for param in FACET_PARAMS:
        group = result.get(f"own_{param}" if filters.get(param) else "shared", {})
        buckets = {}
        for bucket in group.get(param, {}).get("buckets", []):
            key = int(bucket["key"])
            buckets[category_by_key.get(key, key) if param == "category" else key] = bucket["doc_count"]
        counts[param] = buckets
    return _Facets(counts, int(result["shared"]["doc_count"]))


def _facets_add(facets: _Facets, more: _Facets) -> _Facets:
    """Counts over two disjoint sets of measures together."""
    counts = {param: dict(buckets) for param, buckets in facets.counts.items()}
    for param, buckets in more.counts.items():
        target = counts.setdefault(param, {})
        for key, number in buckets.items():
            target[key] = target.get(key, 0) + number
    return _Facets(counts, facets.filtered + more.filtered)


def _count(searcher, query: tantivy.Query) -> int:
    """How many measures match (an aggregation: it skips the scoring a search does)."""
    return int(searcher.aggregate(query, {"n": {"value_count": {"field": "id"}}})["n"]["value"] or 0)


_pool: ThreadPoolExecutor | None = None
_pool_pid = 0
_pool_lock = threading.Lock()


def _background() -> ThreadPoolExecutor:
    """Threads of this process for engine work beside the ranked search (made anew after a fork).

    The engine releases the GIL while it evaluates a query, so facet counts computed here run at
    the same time as the ranked search (and the query embedding) instead of after them.
    """
    global _pool, _pool_pid
    with _pool_lock:
        if _pool is None or _pool_pid != os.getpid():
            _pool, _pool_pid = ThreadPoolExecutor(max_workers=4, thread_name_prefix="search-facets"), os.getpid()
        return _pool


# --- snippets -----------------------------------------------------------------------------------


def highlight(text: str, stems: set[str], *, words: int = 36) -> SafeString:
    """The passage of `text` with most query matches, matches wrapped in <mark>, HTML-escaped."""
    tokens = tokenize(text)
    if not tokens:
        return mark_safe(html.escape(text[:240]))
    normalised = normalise(text)
    source = normalised if len(normalised) != len(text) else text  # the text the token offsets refer to
    matched = [i for i, t in enumerate(tokens) if stem(t.text) in stems]
    if matched:
        best_start, best_count = 0, -1
        for i in matched:
            start = max(0, i - 6)
            count = sum(1 for j in matched if start <= j < start + words)
            if count > best_count:
                best_start, best_count = start, count
    else:
        best_start = 0
    window = tokens[best_start:best_start + words]
    start_char, end_char = window[0].start, window[-1].end
    pieces, cursor = [], start_char
    matched_set = set(matched)
    for offset, token in enumerate(window, start=best_start):
        pieces.append(html.escape(source[cursor:token.start]))
        word = html.escape(source[token.start:token.end])
        pieces.append(f"<mark>{word}</mark>" if offset in matched_set else word)
        cursor = token.end
    prefix = "… " if start_char > 0 else ""
    suffix = " …" if end_char < len(source.rstrip()) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)


# --- search -------------------------------------------------------------------------------------


def search_measures(
    query: str,
    filters: dict[str, list] | None = None,
    *,
    page: int = 1,
    per_page: int = 20,
    sort: str = "relevance",
    title_only: bool = False,
    exact: bool = False,
    semantic: bool = True,
    with_facets: bool = True,
    correct: bool = True,
    fill: bool = False,
) -> SearchResult:
    """Ranked measures for a query with filters, facet counts over the results, and typo corrections."""
    started = time.perf_counter()
    filters = {k: v for k, v in (filters or {}).items() if v}
    reader = engine.reader()
    searcher = reader.searcher
    plan = plan_query(query, reader, _synonyms(), correct=correct and not exact)
    # Short queries are keywords: every word must match (as itself, all its compound parts or a synonym).
    # Only if few measures match them all do measures matching some of the words count as hits.
    all_words = not exact and 1 < len(plan.words) <= ALL_WORDS_MAX
    filter_clauses = _filter_clauses(filters)
    relaxed = False
    counted = False  # whether the measures matching every word (without filters) were counted already
    if all_words and expected_all_words_matches(plan) < 2 * ALL_WORDS_MIN_HITS:
        # Probably few measures contain every word: count them first, so that a query that is to
        # be relaxed is not searched and faceted with all words in vain.
        counted = True
        relaxed = _count(searcher, lexical_query(plan, title_only=title_only, all_words=True, counting=True)) < ALL_WORDS_MIN_HITS
        all_words = not relaxed
    lexical = lexical_query(plan, title_only=title_only, exact=exact, all_words=all_words, filters=filter_clauses)
    counting = lexical_query(plan, title_only=title_only, exact=exact, all_words=all_words, counting=True)
    offset = max(page - 1, 0) * per_page
    pool = max(offset + per_page, 200) if semantic else offset + per_page

    background = _background()
    if lexical is None and not plan.phrases:
        # No query words (only stop words, say): every measure matching the filters, newest first
        # as on the list page (ids rise with the time a measure was created).
        facets_job = background.submit(_facet_counts, searcher, None, filters) if with_facets else None
        result = searcher.search(_combine(None, filter_clauses), limit=offset + per_page, order_by_field="id", order=tantivy.Order.Desc)
        ids = searcher.fast_field_values("id", [address for _score, address in result.hits])
        hits = [Hit(measure_id=int(i), score=0.0) for i in ids][offset:]
        facets = facets_job.result().counts if facets_job else {}
        return SearchResult(query, hits, result.count, facets, (time.perf_counter() - started) * 1000, "browse", plan=plan)

    # The facet counts are computed in a second thread beside the ranked search. If the query is
    # relaxed, they are computed anew for the relaxed query (the first ones are not used).
    job = background.submit(_facet_counts, searcher, counting, filters) if with_facets else None
    lexical_result = searcher.search(lexical, limit=pool)
    if all_words and not counted and lexical_result.count < ALL_WORDS_MIN_HITS and (
        not filter_clauses or _count(searcher, counting) < ALL_WORDS_MIN_HITS
    ):
        # Fewer measures than that match every word even without filters: any word may match.
        relaxed = True
        lexical = lexical_query(plan, title_only=title_only, exact=exact, filters=filter_clauses)
        counting = lexical_query(plan, title_only=title_only, exact=exact, counting=True)
        job = background.submit(_facet_counts, searcher, counting, filters) if with_facets else None
        lexical_result = searcher.search(lexical, limit=pool)
    lexical_ids = [int(i) for i in searcher.fast_field_values("id", [a for _s, a in lexical_result.hits])]
    lexical_scores = [score for score, _a in lexical_result.hits]

    semantic_ids: list[int] = []
    semantic_scores: dict[int, float] = {}
    nearest: list[tuple[int, float]] = []
    use_semantic = semantic and not exact and not title_only and not plan.phrases and embeddings.available()
    if use_semantic:
        vector = embeddings.embed_query(plan.corrected_text or query)
        if vector is not None:
            nearest = vector_index().nearest(vector, SEMANTIC_POOL)
            if nearest and filter_clauses:
                allowed_query = _combine(tantivy.Query.term_set_query(engine.SCHEMA, "id", [i for i, _s in nearest]), filter_clauses)
                allowed_hits = searcher.search(allowed_query, limit=len(nearest))
                allowed = {int(i) for i in searcher.fast_field_values("id", [a for _s, a in allowed_hits.hits])}
                nearest = [(i, s) for i, s in nearest if i in allowed]
            lexical_set = set(lexical_ids)
            floor = max(SEMANTIC_MIN_SIMILARITY, (nearest[0][1] if nearest else 0) - SEMANTIC_MARGIN)
            for measure_id, similarity in nearest:
                if similarity >= floor or measure_id in lexical_set:
                    semantic_ids.append(measure_id)
                    semantic_scores[measure_id] = similarity

    fused: dict[int, Hit] = {}
    for rank, (measure_id, _score) in enumerate(zip(lexical_ids, lexical_scores, strict=True), start=1):
        fused[measure_id] = Hit(measure_id, LEXICAL_WEIGHT / (RRF_K + rank), lexical_rank=rank)
    for rank, measure_id in enumerate(semantic_ids, start=1):
        hit = fused.setdefault(measure_id, Hit(measure_id, 0.0))
        hit.score += SEMANTIC_WEIGHT / (RRF_K + rank)
        hit.semantic_rank = rank
    ranked = sorted(fused.values(), key=lambda h: (-h.score, h.measure_id))
    if fill and use_semantic and len(ranked) < offset + per_page:
        # Scripted evaluation wants a full ranking: continue with the nearest measures below the thresholds.
        seen = {h.measure_id for h in ranked}
        ranked.extend(Hit(i, 0.0, semantic_rank=None) for i, _s in nearest if i not in seen)
    semantic_only = [i for i in semantic_ids if i not in set(lexical_ids)]
    total = lexical_result.count

    facets = {}
    if with_facets or semantic_only:
        counted = job.result() if job else None
        if semantic_only:
            # Measures found only semantically (they pass the filters) and not matched by the query's words.
            extra_query = tantivy.Query.boolean_query([
                (tantivy.Occur.Must, tantivy.Query.term_set_query(engine.SCHEMA, "id", semantic_only)),
                (tantivy.Occur.MustNot, counting),
            ])
            extra = _facet_counts(searcher, extra_query, filters)
            total += extra.filtered
            counted = _facets_add(counted, extra) if counted else None
        facets = counted.counts if counted else {}
    return SearchResult(
        query=query,
        hits=ranked[offset:offset + per_page],
        total=total,
        facets=facets,
        took_ms=(time.perf_counter() - started) * 1000,
        mode="hybrid" if semantic_ids else "lexical",
        corrections=plan.corrections,
        corrected_query=plan.corrected_text if plan.corrections else "",
        plan=plan,
        relaxed=relaxed,
    )


def snippets_for(result: SearchResult, texts: dict[int, str]) -> None:
    """Fill each hit's snippet from the given measure texts (summary and description)."""
    stems = result.plan.highlight_stems if result.plan else set()
    for hit in result.hits:
        if hit.measure_id in texts:
            hit.snippet = highlight(texts[hit.measure_id], stems)


def similar_measures(measure_id: int, *, title: str = "", summary: str = "", limit: int = 5) -> list[int]:
    """Ids of the measures most like this one (by embedding, or lexically without the model)."""
    if embeddings.available():
        index = vector_index()
        own = index.vector_of(measure_id)
        if own is not None:
            return [i for i, _s in index.nearest(own, limit, exclude=measure_id)]
    reader = engine.reader()
    plan = plan_query(f"{title} {summary}", reader, {}, correct=False)
    query = lexical_query(plan)
    if query is None:
        return []
    query = tantivy.Query.boolean_query(
        [(tantivy.Occur.Must, query), (tantivy.Occur.MustNot, tantivy.Query.term_query(engine.SCHEMA, "id", measure_id))]
    )
    result = reader.searcher.search(query, limit=limit)
    return [int(i) for i in reader.searcher.fast_field_values("id", [a for _s, a in result.hits])]
