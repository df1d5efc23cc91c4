"""Tell interested apps (search) which measures changed, after the transaction commits.

The knowledge base does not know who listens: apps register in their AppConfig.ready().
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import transaction

_listeners: list[Callable[[list[int]], None]] = []


def register_measures_changed_listener(listener: Callable[[list[int]], None]) -> None:
    """Call `listener(measure_ids)` after every committed change to measures."""
    if listener not in _listeners:
        _listeners.append(listener)


def measures_changed(measure_ids: Iterable[int]) -> None:
    """Announce changed (created, updated or deleted) measures once the transaction commits."""
    ids = sorted(set(measure_ids))
    if not ids:
        return
    for listener in list(_listeners):
        transaction.on_commit(lambda listener=listener: listener(ids))
