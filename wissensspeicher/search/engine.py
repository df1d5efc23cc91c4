"""The embedded lexical engine (tantivy): schema, writing and per-process readers.

Only this module imports tantivy. Terms are analysed in Python (analysis.py) and stored in
whitespace-tokenised fields, so indexing and querying share one analysis exactly.
Several processes may read one index directory; writes are serialised with a file lock, and
a reader reopens its searcher when the index's meta file changed, so an edit committed by any
gunicorn worker is searchable in every worker at its next query.
"""

from __future__ import annotations

import fcntl
import json
import os
import threading
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import tantivy
from django.conf import settings

from wissensspeicher.search.analysis import CompoundSplitter, exact_terms, index_terms, vocabulary

TEXT_FIELDS = ("title", "summary", "body")
# Every term of the three text fields once, without frequencies or positions: counting and facets
# need only which measures match, and one posting list per term is read faster than three.
MATCH_FIELD = "terms"
EXACT_FIELDS = ("title_exact", "all_exact")
FACET_FIELDS = ("state", "status", "spatial_impact", "model_project", "cohort", "category")
MULTI_FACET_FIELDS = ("fields_of_action", "solution_types", "target_groups")
SCHEMA_VERSION = "4"  # also bumped when the analysis changes what terms a text makes: the index is rebuilt


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("id", stored=True, indexed=True, fast=True)
    for name in (*TEXT_FIELDS, *EXACT_FIELDS):
        builder.add_text_field(name, stored=False, tokenizer_name="whitespace", index_option="position")
    builder.add_text_field(MATCH_FIELD, stored=False, tokenizer_name="whitespace", index_option="basic")
    for name in (*FACET_FIELDS, *MULTI_FACET_FIELDS):
        builder.add_unsigned_field(name, stored=False, indexed=True, fast=True)
    return builder.build()


SCHEMA = _schema()


@dataclass
class IndexDocument:
    """What the engine needs of one measure: texts to analyse and facet keys."""

    id: int
    title: str
    summary: str
    body: str
    facets: dict[str, int]
    multi_facets: dict[str, list[int]]


def index_dir() -> Path:
    return Path(settings.SEARCH_INDEX_DIR)


def _open_or_create(path: Path) -> tantivy.Index:
    path.mkdir(parents=True, exist_ok=True)
    version_file = path / "schema-version"
    if tantivy.Index.exists(str(path)) and version_file.exists() and version_file.read_text() == SCHEMA_VERSION:
        return tantivy.Index.open(str(path))
    with _write_lock(path):
        if not (tantivy.Index.exists(str(path)) and version_file.exists() and version_file.read_text() == SCHEMA_VERSION):
            for child in path.iterdir():
                if child.is_file() and child.name not in (".write.lock",):
                    child.unlink()
            index = tantivy.Index(SCHEMA, path=str(path), reuse=False)
            version_file.write_text(SCHEMA_VERSION)
            return index
    return tantivy.Index.open(str(path))


@contextmanager
def _write_lock(path: Path):
    path.mkdir(parents=True, exist_ok=True)
    with open(path / ".write.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class Reader:
    """A process's view of the index: searcher, vocabulary and compound splitter."""

    def __init__(self, path: Path):
        self.path = path
        self.index = _open_or_create(path)
        self.stamp = None
        self.refresh()

    def _current_stamp(self):
        stamps = []
        for name in ("meta.json", "vocabulary.json"):
            try:
                stamps.append(os.stat(self.path / name).st_mtime_ns)
            except FileNotFoundError:
                stamps.append(0)
        return tuple(stamps)

    def refresh(self) -> None:
        stamp = self._current_stamp()
        if stamp == self.stamp:
            return
        self.index.reload()
        self.searcher = self.index.searcher()
        self.vocabulary = _read_vocabulary(self.path)
        self.splitter = CompoundSplitter(self.vocabulary)
        self._corrector = None
        self.stamp = stamp

    @property
    def corrector(self):
        """Typo corrector over this generation's vocabulary, built on first use."""
        if self._corrector is None:
            from wissensspeicher.search.query import TypoCorrector

            self._corrector = TypoCorrector(self.vocabulary)
        return self._corrector


_readers: dict[str, Reader] = {}
_readers_lock = threading.Lock()


def reader() -> Reader:
    """The current reader for the configured index directory, refreshed if another process wrote."""
    path = index_dir()
    key = str(path)
    with _readers_lock:
        current = _readers.get(key)
        if current is None:
            current = _readers[key] = Reader(path)
        else:
            current.refresh()
        return current


def _read_vocabulary(path: Path) -> dict[str, list]:
    """Folded word -> [document frequency, a surface spelling] (for typo correction and display)."""
    try:
        return json.loads((path / "vocabulary.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


def _write_vocabulary(path: Path, entries: dict[str, list]) -> None:
    tmp = path / "vocabulary.json.tmp"
    tmp.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path / "vocabulary.json")


def _document(doc: IndexDocument, splitter: CompoundSplitter) -> tantivy.Document:
    document = tantivy.Document()
    document.add_unsigned("id", doc.id)
    texts = [index_terms(text, splitter) for text in (doc.title, doc.summary, doc.body)]
    for name, terms in zip(TEXT_FIELDS, texts, strict=True):
        document.add_text(name, " ".join(terms))
    document.add_text(MATCH_FIELD, " ".join({term for terms in texts for term in terms}))
    document.add_text("title_exact", " ".join(exact_terms(doc.title)))
    document.add_text("all_exact", " ".join(exact_terms(f"{doc.title}\n{doc.summary}\n{doc.body}")))
    for name, value in doc.facets.items():
        document.add_unsigned(name, int(value))
    for name, values in doc.multi_facets.items():
        for value in values:
            document.add_unsigned(name, int(value))
    return document


def write(documents: Iterable[IndexDocument], *, delete_ids: Iterable[int] = (), replace_all: bool = False) -> int:
    """Add or replace documents (and delete others) in one commit; returns the number written."""
    path = index_dir()
    index = _open_or_create(path)
    documents = list(documents)
    with _write_lock(path):
        entries = {} if replace_all else _read_vocabulary(path)
        for doc in documents:
            for folded, surface in set(vocabulary([doc.title, doc.summary, doc.body])):
                entry = entries.setdefault(folded, [0, surface])
                entry[0] += 1
        splitter = CompoundSplitter(entries)
        # One thread: documents go into one segment until the budget fills (a rebuild gets a large one).
        heap_mb = settings.SEARCH_REBUILD_HEAP_MB if replace_all else 64
        writer = index.writer(heap_size=heap_mb * 1_000_000, num_threads=1)
        if replace_all:
            writer.delete_all_documents()
        else:
            ids = sorted({d.id for d in documents} | set(delete_ids))
            if ids:
                writer.delete_documents_by_query(tantivy.Query.term_set_query(SCHEMA, "id", ids))
        for doc in documents:
            writer.add_document(_document(doc, splitter))
        writer.commit()
        writer.wait_merging_threads()
        _write_vocabulary(path, entries)
    return len(documents)


def document_count() -> int:
    return reader().searcher.num_docs
