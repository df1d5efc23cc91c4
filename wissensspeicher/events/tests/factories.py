"""Test data for the events app."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from wissensspeicher.events.models import Event, EventFormat, EventMode


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    format = EventFormat.THEME_WORKSHOP
    title = factory.Sequence(lambda n: f"Themenwerkstatt Datenplattformen {n}")
    slug = factory.Sequence(lambda n: f"themenwerkstatt-datenplattformen-{n}")
    description = "Wie Kommunen urbane Datenplattformen gemeinsam betreiben."
    start = factory.LazyFunction(lambda: timezone.now().replace(second=0, microsecond=0) + dt.timedelta(days=14))
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(hours=3))
    mode = EventMode.HYBRID
    venue_address = "Rathaus, Marktplatz 1, 89073 Ulm"
    online_link = "https://konferenz.example.org/raum/geheim-4711"
    capacity = 30
    is_published = True
