"""Fixtures for search tests: the demo measures, indexed lexically and semantically."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from wissensspeicher.measures.management.commands.load_demo_data import DEMO_FILE
from wissensspeicher.measures.services import measures_import
from wissensspeicher.search.services import search_reindex


@pytest.fixture
def demo_index(db, django_capture_on_commit_callbacks):
    """All demo measures in the database and in a fresh search index."""
    with django_capture_on_commit_callbacks(execute=False):
        measures_import(DEMO_FILE.read_text(encoding="utf-8").splitlines(), is_demo=True)
    search_reindex()


@pytest.fixture
def reindex():
    return lambda: call_command("search_reindex", verbosity=0)
