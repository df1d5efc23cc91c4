"""Factories for measures and the people who work on them; taxonomies, states and model projects come
from the seeded reference data."""

from __future__ import annotations

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wissensspeicher.accounts.models import MODERATOR_GROUP, ProjectEditor
from wissensspeicher.measures.models import FieldOfAction, Measure, ProgressStatus, SpatialImpact
from wissensspeicher.measures.services.editorial import MeasureContent
from wissensspeicher.municipalities.models import ModelProject, State

PASSWORD = "Sichere-Passphrase-2026"


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure
        skip_postgeneration_save = True

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


class UserFactory(factory.django.DjangoModelFactory):
    """A member: an account whose e-mail address is verified (pass verified=False for one that is not)."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@kommune.example")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)
        elif create:
            EmailAddress.objects.create(user=self, email=self.email, verified=False, primary=True)


class ModeratorFactory(UserFactory):
    """A member of the coordination office (group "moderators")."""

    @factory.post_generation
    def moderator_group(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get_or_create(name=MODERATOR_GROUP)[0])


class AdminFactory(UserFactory):
    is_staff = True
    is_superuser = True


class ProjectEditorFactory(factory.django.DjangoModelFactory):
    """Editor rights of a member for a model project (Ulm unless given)."""

    class Meta:
        model = ProjectEditor

    user = factory.SubFactory(UserFactory)
    model_project = factory.LazyFunction(lambda: ModelProject.objects.get(name="Ulm"))


def editor_of(model_project, **user_fields):
    """A fresh member with editor rights for the model project (no permission cache on the object yet)."""
    return ProjectEditorFactory(model_project=model_project, user=UserFactory(**user_fields)).user


def measure_content(*, fields_of_action=("Mobilität",), municipalities=("Ulm",), **values) -> MeasureContent:
    """What an editor enters for a measure, as the form hands it to the services; values override fields."""
    base = {
        "title": "Parkplatzsensorik in der Innenstadt",
        "summary": "Sensoren melden freie Stellplätze an eine App und an Anzeigetafeln.",
        "description": "Ausgangslage: viel Parksuchverkehr.\n\nZiel: weniger Suchverkehr.",
        "state": State.objects.get(name="Baden-Württemberg"),
        "spatial_impact": SpatialImpact.objects.get(label="Gesamtstadt"),
        "status": ProgressStatus.objects.get(label="In Umsetzung"),
        "contact_name": "Alex Beispiel",
        "contact_email": "parken@ulm.example",
    }
    return MeasureContent(
        values={**base, **values},
        fields_of_action=list(FieldOfAction.objects.filter(label__in=fields_of_action)),
        municipalities=list(municipalities),
    )
