"""Writes of the search seam: keeping the lexical index and the embeddings in step with the measures."""

from __future__ import annotations

import logging
import secrets
import threading
from collections.abc import Iterable

from django.conf import settings
from django.db import connection

from wissensspeicher.measures.selectors import measure_search_documents
from wissensspeicher.search import embeddings, engine
from wissensspeicher.search.models import EmbeddingStamp, MeasureEmbedding

logger = logging.getLogger(__name__)
# Up to this many changed measures are embedded right away; more (bulk imports) are embedded in
# batches by the import command or `search_reindex`, and are found lexically meanwhile.
EMBED_INLINE_LIMIT = 25


def embeddings_stamp_bump() -> None:
    """Tell every web process that the measure embeddings changed (a random token: rolled-back writes never reuse it)."""
    EmbeddingStamp.objects.update_or_create(name="measures", defaults={"token": secrets.token_hex(16)})


def _documents(ids: list[int] | None = None) -> list[engine.IndexDocument]:
    return [
        engine.IndexDocument(
            id=row["id"], title=row["title"], summary=row["summary"], body=row["body"],
            facets=row["facets"], multi_facets=row["multi_facets"],
        )
        for row in measure_search_documents(ids)
    ]


def measures_changed(measure_ids: list[int]) -> None:
    """Re-index the given measures at once (deleted or unpublished ones leave the index), then embed them.

    Small batches are embedded right away; larger ones in a background thread, which keeps a
    management command alive until it is done, so an import is found lexically at once and
    semantically as soon as its embeddings are ready.
    """
    documents = _documents(list(measure_ids))
    engine.write(documents, delete_ids=measure_ids)
    ids = [d.id for d in documents]
    # Unpublished (draft, archived) or deleted measures must not turn up as "similar measures" either.
    removed = set(measure_ids) - set(ids)
    if removed:
        MeasureEmbedding.objects.filter(measure_id__in=removed).delete()
        # Also when a deleted measure took its embedding with it (CASCADE): the processes still hold its vector.
        embeddings_stamp_bump()
    if len(ids) <= EMBED_INLINE_LIMIT or not settings.SEARCH_EMBED_IN_BACKGROUND:
        embeddings_update(ids)
        return

    def run() -> None:
        try:
            embeddings_update(ids)
        except Exception:  # noqa: BLE001 - a failed embedding run must not take the process down
            logger.exception("Embedding %d measures failed; run `manage.py search_reindex`", len(ids))
        finally:
            connection.close()

    threading.Thread(target=run, name="embed-measures", daemon=False).start()


def embeddings_update(measure_ids: Iterable[int] | None = None, *, batch_size: int = 32, progress=None) -> int:
    """Embed measures whose texts changed since their last embedding; returns how many were embedded.

    Each measure gets one vector per passage (title + summary, then windows of its description and
    transferability; `embeddings.passage_texts`), stored together in one row.
    """
    if not embeddings.available():
        return 0
    ids = None if measure_ids is None else list(measure_ids)
    rows = MeasureEmbedding.objects.values_list("measure_id", "text_hash", "model_name")
    known = {measure_id: (digest, name) for measure_id, digest, name in rows}  # a new model or passage scheme re-embeds
    pending: list[tuple[int, list[str], str]] = []
    for row in measure_search_documents(ids):
        texts = embeddings.passage_texts(row["title"], row["summary"], row["long_texts"])
        digest = embeddings.text_hash(texts)
        if known.get(row["id"]) != (digest, embeddings.MEASURE_EMBEDDING_NAME):
            pending.append((row["id"], texts, digest))
    done = 0
    measures_per_batch = max(1, batch_size // 4)  # about four passages each
    for start in range(0, len(pending), measures_per_batch):
        batch = pending[start:start + measures_per_batch]
        vectors = embeddings.embed_passages([text for _id, texts, _digest in batch for text in texts], batch_size=batch_size)
        row = 0
        for measure_id, texts, digest in batch:
            matrix = vectors[row:row + len(texts)]
            row += len(texts)
            MeasureEmbedding.objects.update_or_create(
                measure_id=measure_id,
                defaults={"text_hash": digest, "model_name": embeddings.MEASURE_EMBEDDING_NAME, "vector": embeddings.to_bytes(matrix)},
            )
        embeddings_stamp_bump()
        done += len(batch)
        if progress:
            progress(done, len(pending))
    return done


def search_reindex(*, progress=None) -> dict[str, int]:
    """Rebuild the lexical index from the database and bring every embedding up to date."""
    documents = _documents()
    engine.write(documents, replace_all=True)
    embedded = embeddings_update(progress=progress)
    from wissensspeicher.search.postings import postings_embed

    postings = postings_embed()
    return {"indexed": len(documents), "embedded": embedded, "postings_embedded": postings, "semantic": int(embeddings.available())}


def index_is_complete() -> bool:
    """Whether the lexical index holds every published measure and every measure has its embedding
    (written by the current model and passage scheme)."""
    from wissensspeicher.measures.models import Measure

    published = Measure.objects.published().count()
    if engine.document_count() != published:
        return False
    if not embeddings.available():
        return True
    from wissensspeicher.marketplace.models import Posting
    from wissensspeicher.search.models import PostingEmbedding

    return (
        MeasureEmbedding.objects.filter(model_name=embeddings.MEASURE_EMBEDDING_NAME).count() == published
        and PostingEmbedding.objects.count() == Posting.objects.count()
    )
