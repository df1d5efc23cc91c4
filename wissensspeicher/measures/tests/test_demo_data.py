"""The demo content shipped in demo/measures.jsonl."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from django.core.management import call_command

from wissensspeicher.measures.management.commands.load_demo_data import DEMO_FILE
from wissensspeicher.measures.models import FieldOfAction, Measure, ProgressStatus
from wissensspeicher.municipalities.models import ModelProject

pytestmark = pytest.mark.django_db


def test_demo_file_imports_cleanly_and_covers_every_project_field_and_status(settings):
    settings.WISSENSSPEICHER = {**settings.WISSENSSPEICHER, "LOAD_DEMO_DATA": True}
    call_command("load_demo_data")

    assert Measure.objects.count() >= 150
    assert Measure.objects.filter(is_demo=False).count() == 0
    assert set(Measure.objects.values_list("model_project", flat=True)) == set(ModelProject.objects.values_list("id", flat=True))
    assert FieldOfAction.objects.filter(measures=None).count() == 0
    assert ProgressStatus.objects.filter(measures=None).count() == 0
    emails = Measure.objects.exclude(contact_email="").values_list("contact_email", flat=True)
    # Reserved domains only (RFC 2606): demo mail must never reach a real mailbox.
    assert emails and all(e.endswith(("@example.org", ".example")) for e in emails)
    from django.contrib.auth import get_user_model

    from wissensspeicher.marketplace.models import Place, Posting

    assert all(e.endswith(".example") for e in get_user_model().objects.values_list("email", flat=True))
    assert all(e.endswith(".example") for e in Place.objects.exclude(contact_email="").values_list("contact_email", flat=True))
    assert Place.objects.filter(is_demo=True).count() >= 20 and Posting.objects.filter(is_demo=True).count() >= 60


def test_demo_data_loads_only_once(settings):
    settings.WISSENSSPEICHER = {**settings.WISSENSSPEICHER, "LOAD_DEMO_DATA": True}
    call_command("load_demo_data")
    first = dict(Measure.objects.values_list("external_id", "updated_at"))
    call_command("load_demo_data")
    assert dict(Measure.objects.values_list("external_id", "updated_at")) == first


def test_production_does_not_load_demo_data_unless_forced(settings):
    settings.WISSENSSPEICHER = {**settings.WISSENSSPEICHER, "LOAD_DEMO_DATA": False}
    call_command("load_demo_data")
    assert Measure.objects.count() == 0
    call_command("load_demo_data", "--force")
    assert Measure.objects.demo().count() > 0


def test_demo_records_have_unique_ids_and_realistic_text():
    records = [json.loads(line) for line in DEMO_FILE.read_text(encoding="utf-8").splitlines()]
    ids = Counter(r["external_id"] for r in records)
    assert max(ids.values()) == 1
    assert all(len(r["description"].split("\n\n")) >= 2 for r in records)
