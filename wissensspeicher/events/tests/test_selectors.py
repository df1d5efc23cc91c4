"""Reads of the events app."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from wissensspeicher.events import selectors
from wissensspeicher.events.services import registration_cancel, registration_create
from wissensspeicher.events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def test_member_sees_only_active_registrations_for_events_not_yet_over(member):
    coming = registration_create(EventFactory(title="Themenwerkstatt Wärmeplanung"), user=member)
    registration_cancel(registration_create(EventFactory(title="Webinar Förderaufrufe"), user=member))
    over = EventFactory(title="Regionalkonferenz Süd")
    registration_create(over, user=member)
    start = timezone.now() - dt.timedelta(days=3)
    type(over).objects.filter(pk=over.pk).update(start=start, end=start + dt.timedelta(hours=6))
    assert list(selectors.registration_list_upcoming_for_user(member)) == [coming]
    assert list(selectors.registration_list_upcoming_for_user(AnonymousUser())) == []
