"""Factories for measures; taxonomies, states and model projects come from the seeded reference data."""

from __future__ import annotations

import factory

from wissensspeicher.measures.models import FieldOfAction, Measure, ProgressStatus, SpatialImpact
from wissensspeicher.municipalities.models import ModelProject, State


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    external_id = factory.Sequence(lambda n: f"test-{n:05d}")
    title = factory.Sequence(lambda n: f"Digitale Bürgerdienste Nr. {n}")
    summary = "Online-Anträge rund um die Uhr, ohne Termin im Rathaus."
    description = "Ausgangslage: lange Wartezeiten.\n\nZiel: alle Anträge online.\n\nVorgehen: schrittweise Umstellung."
    model_project = factory.LazyFunction(lambda: ModelProject.objects.get(name="Ulm"))
    state = factory.LazyFunction(lambda: State.objects.get(name="Baden-Württemberg"))
    spatial_impact = factory.LazyFunction(lambda: SpatialImpact.objects.get(label="Gesamtstadt"))
    status = factory.LazyFunction(lambda: ProgressStatus.objects.get(label="In Umsetzung"))

    @factory.post_generation
    def fields_of_action(self, create, extracted, **kwargs):
        if not create:
            return
        labels = extracted or ["Verwaltung und Bürgerservice"]
        self.fields_of_action.set(FieldOfAction.objects.filter(label__in=labels))
