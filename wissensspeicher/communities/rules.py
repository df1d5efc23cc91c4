"""Who may do what with peer learnings and working groups (django-rules predicates, used by pages and services alike)."""

from __future__ import annotations

import rules

from wissensspeicher.accounts.rules import is_editor_of_project, is_member, is_moderator
from wissensspeicher.communities.models import ACTIVE_MEMBERSHIP_STATUSES, CommunityDocument, CommunityMembership, MembershipStatus


def _community(obj):
    """Permissions on a document are decided by its group."""
    return obj.community if isinstance(obj, CommunityDocument) else obj


def _statuses(user, community) -> set[str]:
    """Statuses of the account's memberships in the group (cached on the user object for the request)."""
    cache = user.__dict__.setdefault("_community_statuses", {})
    if community.pk not in cache:
        cache[community.pk] = set(CommunityMembership.objects.filter(community=community, user=user).values_list("status", flat=True))
    return cache[community.pk]


@rules.predicate
def is_approved_member(user, obj) -> bool:
    community = _community(obj)
    return community is not None and is_member(user) and MembershipStatus.APPROVED in _statuses(user, community)


@rules.predicate
def has_active_membership(user, obj) -> bool:
    """Approved or still waiting for a decision."""
    community = _community(obj)
    return community is not None and is_member(user) and bool(_statuses(user, community) & set(ACTIVE_MEMBERSHIP_STATUSES))


@rules.predicate
def is_host_editor(user, obj) -> bool:
    """Editors of the hosting model project run their peer learning, so they count as members without asking."""
    community = _community(obj)
    return community is not None and community.host_model_project_id is not None and is_editor_of_project(user, community.host_model_project_id)


@rules.predicate
def is_public_document(_user, document) -> bool:
    return document is not None and document.is_public


@rules.predicate
def is_uploader(user, document) -> bool:
    return document is not None and user.is_authenticated and document.uploaded_by_id == user.pk


is_community_member = is_approved_member | is_host_editor

rules.add_perm("communities.view_community", rules.always_allow)  # descriptions, organisations and meetings are public
rules.add_perm("communities.view_documents", is_community_member | is_moderator)
rules.add_perm("communities.view_document", is_public_document | is_community_member | is_moderator)
rules.add_perm("communities.request_membership", is_member & ~has_active_membership & ~is_host_editor)
rules.add_perm("communities.leave_community", is_member & has_active_membership)
rules.add_perm("communities.decide_membership", is_moderator)
rules.add_perm("communities.change_community", is_moderator)
rules.add_perm("communities.add_document", is_community_member | is_moderator)
# Uploaders may take back their own files as long as they still belong to the group.
rules.add_perm("communities.remove_document", is_moderator | (is_uploader & is_community_member))
