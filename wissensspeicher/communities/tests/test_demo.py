from __future__ import annotations

import pytest
from django.core import mail

from wissensspeicher.communities.demo import OPEN_DATA_SLUG, PEER_LEARNING_SLUG, TWINS_SLUG, demo_communities_load
from wissensspeicher.communities.models import Community, CommunityKind, MembershipStatus
from wissensspeicher.events.demo import demo_events_load
from wissensspeicher.accounts.tests.factories import verified_user

pytestmark = pytest.mark.django_db


def test_demo_loads_once_with_a_peer_learning_on_the_demo_series_and_two_working_groups():
    member = verified_user("mitglied-demo", email="mitglied@demo.wissensspeicher.example")
    editor = verified_user("redaktion-demo", email="redaktion@demo.wissensspeicher.example")
    demo_events_load()
    assert demo_communities_load() == 3
    assert demo_communities_load() == 0
    peer_learning = Community.objects.get(slug=PEER_LEARNING_SLUG, kind=CommunityKind.PEER_LEARNING)
    assert peer_learning.series.slug == "demo-peer-learning-datenplattformen" and peer_learning.host_model_project
    # Without the Start Smart demo the municipalities still take part, just without the link.
    assert {o.display_name for o in peer_learning.organisations.all()} >= {"Zwiesel", "Pirna"}
    assert {d.visibility for d in peer_learning.documents.all()} == {"members", "public"}
    assert all(d.file.read() for d in peer_learning.documents.all())
    twins = Community.objects.get(slug=TWINS_SLUG)
    assert twins.title == "Urbane Digitale Zwillinge" and twins.series.events.filter(is_published=True).count() == 2
    assert twins.memberships.get(user=member).status == MembershipStatus.REQUESTED
    assert Community.objects.get(slug=OPEN_DATA_SLUG).memberships.get(user=editor).status == MembershipStatus.APPROVED
    assert mail.outbox == []


def test_demo_loads_without_events_or_accounts():
    assert demo_communities_load() == 3


def test_demo_reuses_its_files_when_loaded_into_another_database(settings):
    demo_communities_load()
    names = sorted(Community.objects.get(slug=PEER_LEARNING_SLUG).documents.values_list("file", flat=True))
    Community.objects.all().delete()  # like a fresh database next to the same media folder
    demo_communities_load()
    assert sorted(Community.objects.get(slug=PEER_LEARNING_SLUG).documents.values_list("file", flat=True)) == names
