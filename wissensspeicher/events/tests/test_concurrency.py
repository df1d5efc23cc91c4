"""Seats are never handed out twice, even when many people register at the same moment."""

from __future__ import annotations

import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, connections

from wissensspeicher.events.models import Registration, RegistrationStatus
from wissensspeicher.events.services import registration_create
from wissensspeicher.accounts.tests.factories import verified_user
from wissensspeicher.events.tests.factories import EventFactory

REGISTRATIONS = 200
SEATS = 50
THREADS = 50


@pytest.fixture
def database_for_threads(django_db_setup, django_db_blocker, tmp_path):
    """A database that other threads can write to, left as it was for the tests after this one.

    Requested before `transactional_db`, so its teardown runs after that fixture's flush.

    SQLite: pytest-django's test database is in memory with a shared cache, where concurrent writers fail at
    once with "database table is locked" instead of waiting for the busy timeout. So this test runs on a file
    copy (WAL, IMMEDIATE transactions and the 20 s timeout from the settings apply), and the flush empties
    only the copy; the in-memory database is never touched.

    PostgreSQL (CI): the flush empties the real test database, including rows that data migrations created;
    they are loaded back from the serialization that `django_db_serialized_rollback` asked for.
    """
    settings_dict = connections.settings[connection.alias]
    swapped = connection.vendor == "sqlite" and connection.is_in_memory_db()
    with django_db_blocker.unblock():
        if swapped:
            connection.ensure_connection()
            keeper = connection.connection  # holding this open keeps the in-memory database alive
            copy = sqlite3.connect(tmp_path / "events-concurrency.sqlite3")
            keeper.backup(copy)
            copy.close()
            in_memory_name = settings_dict["NAME"]
            # Threads build their connections from this same dict, so they open the copy too.
            settings_dict["NAME"] = str(tmp_path / "events-concurrency.sqlite3")
            connection.connection = None
    yield
    with django_db_blocker.unblock():
        if swapped:
            connection.close()
            settings_dict["NAME"] = in_memory_name
            connection.connection = keeper
        elif hasattr(connection, "_test_serialized_contents"):
            connection.creation.deserialize_db_from_string(connection._test_serialized_contents)


def test_members_cannot_take_more_seats_than_exist_when_registering_at_once(
    database_for_threads, django_db_serialized_rollback, transactional_db
):
    event = EventFactory(capacity=SEATS)
    user_ids = [verified_user(f"teilnehmer{n:03d}").pk for n in range(REGISTRATIONS)]
    start = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def register(chunk: list[int]) -> None:
        try:
            start.wait()  # all threads begin together, so the requests really overlap
            for user_id in chunk:
                registration_create(event, user=get_user_model().objects.get(pk=user_id))
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)
        finally:
            connection.close()  # each thread opened its own connection; PostgreSQL would keep it open

    chunks = [user_ids[i::THREADS] for i in range(THREADS)]
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        list(pool.map(register, chunks))

    assert errors == []
    statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert len(statuses) == REGISTRATIONS
    assert statuses.count(RegistrationStatus.CONFIRMED) == SEATS
    assert statuses.count(RegistrationStatus.WAITING) == REGISTRATIONS - SEATS
