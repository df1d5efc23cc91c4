from __future__ import annotations

import pytest

from wissensspeicher.events.demo import demo_events_load
from wissensspeicher.events.models import Event, EventFormat, Registration, RegistrationStatus
from wissensspeicher.accounts.tests.factories import verified_user

pytestmark = pytest.mark.django_db


def test_demo_events_load_once_with_every_format_a_series_and_a_full_event():
    verified_user("mitglied", email="mitglied@demo.wissensspeicher.example")
    count = demo_events_load()
    assert count >= 10
    assert demo_events_load() is None
    events = Event.objects.filter(is_demo=True)
    assert {e.format for e in events} == set(EventFormat.values)
    assert events.filter(series__isnull=False).count() == 3
    assert all(e.documents.exists() for e in events if e.is_past)
    full = events.get(slug="demo-themenwerkstatt-urbane-datenplattform")
    assert full.registrations.filter(status=RegistrationStatus.CONFIRMED).count() == full.capacity
    assert full.registrations.filter(status=RegistrationStatus.WAITING).exists()
    assert Registration.objects.filter(email="mitglied@demo.wissensspeicher.example").exists()
