"""Project-wide pytest fixtures."""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def member(db):
    """A signed-up account with a verified address."""
    from wissensspeicher.accounts.tests.factories import verified_user

    return verified_user("mia")


@pytest.fixture
def moderator(db):
    """A moderator of the coordination office (with a second factor)."""
    from wissensspeicher.accounts.tests.factories import moderator_user

    return moderator_user()


@pytest.fixture
def measure_line():
    """A valid import line as a dict; tests change a key to make it wrong."""

    def build(**overrides):
        data = {
            "external_id": "ulm-parken-001",
            "title": "Parkplatzsensorik in der Innenstadt",
            "summary": "Sensoren melden freie Stellplätze an eine App und an Anzeigetafeln.",
            "description": "Ausgangslage: viel Parksuchverkehr.\n\nZiel: weniger Suchverkehr.\n\nVorgehen: 300 Sensoren.",
            "model_project": "Ulm",
            "municipalities": ["Ulm"],
            "state": "Baden-Württemberg",
            "fields_of_action": ["Mobilität", "Daten und digitale Infrastruktur"],
            "spatial_impact": "Gesamtstadt",
            "status": "In Umsetzung",
            "solution_types": ["Sensorik/IoT", "App"],
            "target_groups": ["Bürgerinnen und Bürger"],
            "start": "2021-04",
            "end": "2025-12",
            "budget_eur": 420000,
            "open_source": True,
            "repository_url": "https://code.example.org/ulm/parken",
            "licence": "EUPL-1.2",
            "transferability": "Die Sensoren sind herstellerunabhängig über LoRaWAN angebunden.",
            "contact": {"name": "Alex Beispiel", "role": "Projektleitung", "email": "parken@example.org"},
            "reused_by": ["Neu-Ulm"],
        }
        for key, value in overrides.items():
            if value is ...:
                data.pop(key, None)
            else:
                data[key] = value
        return data

    return build


@pytest.fixture
def to_lines():
    """Serialise dicts to JSON Lines."""

    def convert(*records):
        return [json.dumps(r, ensure_ascii=False) for r in records]

    return convert


@pytest.fixture(autouse=True)
def _search_index_per_test(settings, tmp_path):
    """Each test gets its own empty search index, like its own database transaction."""
    settings.SEARCH_INDEX_DIR = str(tmp_path / "search-index")


@pytest.fixture(autouse=True)
def _site_language_after_each_test():
    """A request to an /en/ page activates English for the thread; the next test starts in German again."""
    yield
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
