"""Test data for the communities app."""

from __future__ import annotations

import factory
from django.utils import timezone

from wissensspeicher.communities.models import Community, CommunityDocument, CommunityKind, DocumentVisibility
from wissensspeicher.municipalities.models import ModelProject, Municipality
from wissensspeicher.startsmart.models import ExpressionOfInterest, PipelineState


class CommunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Community

    kind = CommunityKind.WORKING_GROUP
    title = factory.Sequence(lambda n: f"Arbeitsgemeinschaft Digitale Zwillinge {n}")
    slug = factory.Sequence(lambda n: f"digitale-zwillinge-{n}")
    description = "Kommunen teilen Datenmodelle und Erfahrungen mit digitalen Zwillingen."


class PeerLearningFactory(CommunityFactory):
    kind = CommunityKind.PEER_LEARNING
    title = factory.Sequence(lambda n: f"Peer Learning Datenplattformen {n}")
    slug = factory.Sequence(lambda n: f"peer-learning-datenplattformen-{n}")
    host_model_project = factory.LazyFunction(lambda: ModelProject.objects.get(name="Ulm"))


class LinkDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommunityDocument

    community = factory.SubFactory(CommunityFactory)
    title = factory.Sequence(lambda n: f"Protokoll {n}")
    url = factory.Sequence(lambda n: f"https://example.org/protokoll-{n}.pdf")
    visibility = DocumentVisibility.MEMBERS


class ExpressionOfInterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpressionOfInterest

    municipality = factory.LazyFunction(lambda: Municipality.objects.filter(level="municipality").order_by("key").first())
    contact_name = "Theresa Gruber"
    function = "Digitalisierungsbeauftragte"
    email = factory.Sequence(lambda n: f"kontakt{n}@kommune.example")
    formats = ["peer-learning"]
    consent_at = factory.LazyFunction(timezone.now)
    confirmed_at = factory.LazyFunction(timezone.now)
    state = PipelineState.ACCOMPANIED
