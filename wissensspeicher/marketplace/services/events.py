"""Tell interested apps (search) which postings changed, after the transaction commits."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import transaction

_listeners: list[Callable[[list[int]], None]] = []


def register_postings_changed_listener(listener: Callable[[list[int]], None]) -> None:
    """Call `listener(posting_ids)` after every committed change to postings."""
    if listener not in _listeners:
        _listeners.append(listener)


def postings_changed(posting_ids: Iterable[int]) -> None:
    """Announce changed postings once the transaction commits."""
    ids = sorted(set(posting_ids))
    if not ids:
        return
    for listener in list(_listeners):
        transaction.on_commit(lambda listener=listener: listener(ids))
