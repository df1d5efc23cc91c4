"""Test data for Start Smart."""

from __future__ import annotations

import factory
from django.utils import timezone

from wissensspeicher.municipalities.models import Municipality
from wissensspeicher.startsmart.models import ExpressionOfInterest, WantedFormat


class ExpressionOfInterestFactory(factory.django.DjangoModelFactory):
    """A confirmed request in state "new" (pass confirmed_at=None for one still waiting for the opt-in)."""

    class Meta:
        model = ExpressionOfInterest

    municipality = factory.LazyFunction(lambda: Municipality.objects.get(key="09276148"))  # Zwiesel
    contact_name = factory.Sequence(lambda n: f"Theresa Gruber {n}")
    function = "Geschäftsleitung"
    email = factory.Sequence(lambda n: f"kontakt{n}@zwiesel.example")
    formats = factory.LazyFunction(lambda: [WantedFormat.CONSULTATION])
    consent_at = factory.LazyFunction(timezone.now)
    confirmed_at = factory.LazyFunction(timezone.now)
