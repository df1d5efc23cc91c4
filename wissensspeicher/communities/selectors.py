"""Reads of the communities app: lists per kind, one group with organisations and meetings, documents, the request queue."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from wissensspeicher.communities.models import (
    ACTIVE_MEMBERSHIP_STATUSES,
    Community,
    CommunityDocument,
    CommunityMembership,
    DocumentVisibility,
    MembershipStatus,
)
from wissensspeicher.events.models import Event
from wissensspeicher.startsmart.models import ExpressionOfInterest, PipelineState, WantedFormat


def community_list(kind: str) -> QuerySet:
    """All peer learnings or all working groups, with host and number of organisations, by title."""
    return (Community.objects.filter(kind=kind).select_related("host_model_project")
            .annotate(organisation_count=Count("organisations", distinct=True)).order_by("title"))


def community_detail(kind: str, slug: str) -> Community:
    """One group with host, series and organisations; raises Community.DoesNotExist."""
    return (Community.objects.select_related("host_model_project", "series")
            .prefetch_related("organisations__municipality", "organisations__model_project").get(kind=kind, slug=slug))


def community_organisations(community: Community) -> list:
    """Participating organisations in alphabetical order of the name shown."""
    return sorted(community.organisations.all(), key=lambda organisation: organisation.display_name.casefold())


def community_events(community: Community, now: dt.datetime | None = None) -> tuple[QuerySet, QuerySet]:
    """Published meetings of the group's series: upcoming (soonest first) and past (latest first)."""
    if community.series_id is None:
        return Event.objects.none(), Event.objects.none()
    now = now or timezone.now()
    events = Event.objects.published().filter(series_id=community.series_id)
    return events.upcoming(now).order_by("start", "id"), events.past(now).order_by("-start", "-id")


def community_documents_for_user(community: Community, user) -> QuerySet:
    """The documents this account may see: public ones for everybody, all of them for members and moderators."""
    documents = CommunityDocument.objects.filter(community=community).select_related("community")
    if not user.has_perm("communities.view_documents", community):
        documents = documents.filter(visibility=DocumentVisibility.PUBLIC)
    return documents.order_by("-created_at", "-id")


def membership_for_user(community: Community, user) -> CommunityMembership | None:
    """The account's open request or approved membership in the group, if any."""
    if not user.is_authenticated:
        return None
    return CommunityMembership.objects.filter(community=community, user=user, status__in=ACTIVE_MEMBERSHIP_STATUSES).first()


def membership_list_approved(community: Community) -> QuerySet:
    """Approved members with their organisation (shown to members and moderators only)."""
    return (CommunityMembership.objects.filter(community=community, status=MembershipStatus.APPROVED)
            .select_related("user", "user__profile").order_by("organisation", "id"))


def membership_list_pending() -> QuerySet:
    """Open requests of all groups for moderators, oldest first."""
    return (CommunityMembership.objects.filter(status=MembershipStatus.REQUESTED)
            .select_related("community", "user", "user__profile").order_by("created_at", "id"))


def community_list_for_user(user) -> QuerySet:
    """Groups in which the account is an approved member."""
    if not user.is_authenticated:
        return Community.objects.none()
    return Community.objects.filter(memberships__user=user, memberships__status=MembershipStatus.APPROVED).distinct().order_by("title")


def interest_candidates(community: Community) -> list[ExpressionOfInterest]:
    """Confirmed expressions of interest that asked for a peer learning or are being accompanied, not yet taking part here."""
    taken = set(community.organisations.exclude(municipality=None).values_list("municipality_id", flat=True))
    candidates = (ExpressionOfInterest.objects.confirmed().exclude(state=PipelineState.DECLINED)
                  .exclude(municipality_id__in=taken).select_related("municipality").order_by("municipality__short_name", "-created_at"))
    # The wanted formats are a JSON list; "contains" on JSON is not portable to SQLite, and the list is short.
    return [eoi for eoi in candidates.filter(Q(state=PipelineState.ACCOMPANIED) | ~Q(formats=[]))
            if eoi.state == PipelineState.ACCOMPANIED or WantedFormat.PEER_LEARNING in (eoi.formats or [])]


def membership_list_for_user(user) -> QuerySet:
    """Every membership and request of the account, also declined and left ones (for the data export)."""
    return CommunityMembership.objects.filter(user=user).select_related("community").order_by("created_at")
