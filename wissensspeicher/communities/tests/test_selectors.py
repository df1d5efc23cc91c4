"""Reads: lists per kind, meetings of the series, documents per account, the request queue, interest candidates."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from wissensspeicher.communities import selectors
from wissensspeicher.communities.models import CommunityKind, CommunityMembership, CommunityOrganisation, DocumentVisibility, MembershipStatus
from wissensspeicher.communities.tests.factories import ExpressionOfInterestFactory, LinkDocumentFactory
from wissensspeicher.events.models import EventSeries
from wissensspeicher.events.tests.factories import EventFactory
from wissensspeicher.municipalities.models import Municipality
from wissensspeicher.startsmart.models import PipelineState

pytestmark = pytest.mark.django_db


def test_visitor_can_list_each_kind_separately(peer_learning, working_group):
    assert list(selectors.community_list(CommunityKind.PEER_LEARNING)) == [peer_learning]
    assert list(selectors.community_list(CommunityKind.WORKING_GROUP)) == [working_group]
    CommunityOrganisation.objects.create(community=working_group, name="Deutscher Landkreistag")
    assert selectors.community_list(CommunityKind.WORKING_GROUP).get().organisation_count == 1


def test_visitor_can_open_a_detail_only_under_its_kind(peer_learning):
    assert selectors.community_detail(CommunityKind.PEER_LEARNING, peer_learning.slug) == peer_learning
    with pytest.raises(type(peer_learning).DoesNotExist):
        selectors.community_detail(CommunityKind.WORKING_GROUP, peer_learning.slug)


def test_visitor_sees_published_meetings_of_the_series_split_by_time(working_group):
    series = EventSeries.objects.create(title="Treffen", slug="treffen")
    working_group.series = series
    working_group.save()
    now = timezone.now()
    upcoming = EventFactory(series=series)
    past = EventFactory(series=series, start=now - dt.timedelta(days=10), end=now - dt.timedelta(days=10, hours=-2))
    EventFactory(series=series, is_published=False)
    EventFactory()  # another series
    coming, gone = selectors.community_events(working_group)
    assert list(coming) == [upcoming] and list(gone) == [past]


def test_group_without_series_has_no_meetings(working_group):
    assert [list(q) for q in selectors.community_events(working_group)] == [[], []]


def test_visitor_sees_public_documents_and_group_member_all(working_group, group_member):
    public = LinkDocumentFactory(community=working_group, visibility=DocumentVisibility.PUBLIC)
    internal = LinkDocumentFactory(community=working_group)
    assert list(selectors.community_documents_for_user(working_group, AnonymousUser())) == [public]
    assert set(selectors.community_documents_for_user(working_group, group_member)) == {public, internal}


def test_member_sees_own_open_request(member, working_group):
    assert selectors.membership_for_user(working_group, member) is None
    membership = CommunityMembership.objects.create(community=working_group, user=member)
    assert selectors.membership_for_user(working_group, member) == membership
    assert selectors.membership_for_user(working_group, AnonymousUser()) is None


def test_moderator_sees_only_open_requests_oldest_first(member, editor, working_group, peer_learning):
    first = CommunityMembership.objects.create(community=working_group, user=member)
    second = CommunityMembership.objects.create(community=peer_learning, user=editor)
    CommunityMembership.objects.create(community=peer_learning, user=member, status=MembershipStatus.DECLINED)
    assert list(selectors.membership_list_pending()) == [first, second]


def test_approved_members_and_groups_of_a_user(group_member, working_group, peer_learning):
    assert [m.user for m in selectors.membership_list_approved(working_group)] == [group_member]
    assert set(selectors.community_list_for_user(group_member)) == {working_group, peer_learning}
    assert not selectors.community_list_for_user(AnonymousUser()).exists()


def test_interest_candidates_are_confirmed_and_want_peer_learning_or_are_accompanied(peer_learning):
    municipalities = list(Municipality.objects.filter(level="municipality").order_by("key")[:5])
    wants = ExpressionOfInterestFactory(municipality=municipalities[0], state=PipelineState.IN_REVIEW)
    accompanied = ExpressionOfInterestFactory(municipality=municipalities[1], formats=[])
    ExpressionOfInterestFactory(municipality=municipalities[2], state=PipelineState.IN_REVIEW, formats=["kick-off"])
    ExpressionOfInterestFactory(municipality=municipalities[3], confirmed_at=None)
    taken = ExpressionOfInterestFactory(municipality=municipalities[4])
    CommunityOrganisation.objects.create(community=peer_learning, municipality=taken.municipality)
    assert {eoi.pk for eoi in selectors.interest_candidates(peer_learning)} == {wants.pk, accompanied.pk}


def test_organisations_are_sorted_by_the_name_shown(working_group):
    CommunityOrganisation.objects.create(community=working_group, name="Zweckverband")
    CommunityOrganisation.objects.create(community=working_group, name="ahnenforschung e. V.")
    assert [o.display_name for o in selectors.community_organisations(working_group)] == ["ahnenforschung e. V.", "Zweckverband"]
