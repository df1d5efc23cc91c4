"""Every communities permission for every role, on a peer learning (hosted by Ulm) and a working group (no host)."""

from __future__ import annotations

import pytest

from wissensspeicher.communities.models import CommunityMembership, DocumentVisibility, MembershipStatus
from wissensspeicher.communities.tests.factories import LinkDocumentFactory

pytestmark = pytest.mark.django_db

T, F = True, False
# permission: role -> (peer learning, working group)
EXPECTED = {
    "communities.view_community": {"visitor": (T, T), "member": (T, T), "editor": (T, T), "host editor": (T, T),
                                   "group member": (T, T), "moderator": (T, T)},
    "communities.view_documents": {"visitor": (F, F), "member": (F, F), "editor": (F, F), "host editor": (T, F),
                                   "group member": (T, T), "moderator": (T, T)},
    "communities.request_membership": {"visitor": (F, F), "member": (T, T), "editor": (T, T), "host editor": (F, T),
                                       "group member": (F, F), "moderator": (T, T)},
    "communities.leave_community": {"visitor": (F, F), "member": (F, F), "editor": (F, F), "host editor": (F, F),
                                    "group member": (T, T), "moderator": (F, F)},
    "communities.decide_membership": {"visitor": (F, F), "member": (F, F), "editor": (F, F), "host editor": (F, F),
                                      "group member": (F, F), "moderator": (T, T)},
    "communities.change_community": {"visitor": (F, F), "member": (F, F), "editor": (F, F), "host editor": (F, F),
                                     "group member": (F, F), "moderator": (T, T)},
    "communities.add_document": {"visitor": (F, F), "member": (F, F), "editor": (F, F), "host editor": (T, F),
                                 "group member": (T, T), "moderator": (T, T)},
}
ROLES = ["visitor", "member", "editor", "host editor", "group member", "moderator"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("permission", EXPECTED)
def test_each_role_can_or_cannot_per_permission(role, permission, users, peer_learning, working_group):
    user = users[role]
    assert (user.has_perm(permission, peer_learning), user.has_perm(permission, working_group)) == EXPECTED[permission][role]


@pytest.mark.parametrize("role", ROLES)
def test_each_role_can_see_public_documents_and_only_members_the_others(role, users, peer_learning):
    user = users[role]
    public = LinkDocumentFactory(community=peer_learning, visibility=DocumentVisibility.PUBLIC)
    internal = LinkDocumentFactory(community=peer_learning, visibility=DocumentVisibility.MEMBERS)
    assert user.has_perm("communities.view_document", public)
    assert user.has_perm("communities.view_document", internal) == EXPECTED["communities.view_documents"][role][0]


@pytest.mark.parametrize("role", ROLES)
def test_only_moderators_and_the_uploading_member_can_remove_a_document(role, users, working_group, group_member):
    own = LinkDocumentFactory(community=working_group, uploaded_by=group_member)
    other = LinkDocumentFactory(community=working_group, uploaded_by=users["moderator"])
    user = users[role]
    assert user.has_perm("communities.remove_document", own) == (role in ("moderator", "group member"))
    assert user.has_perm("communities.remove_document", other) == (role == "moderator")


def test_unverified_account_cannot_request_membership(unverified, working_group):
    assert not unverified.has_perm("communities.request_membership", working_group)


def test_member_with_open_request_cannot_request_again_but_can_withdraw(member, working_group):
    CommunityMembership.objects.create(community=working_group, user=member, status=MembershipStatus.REQUESTED)
    assert not member.has_perm("communities.request_membership", working_group)
    assert member.has_perm("communities.leave_community", working_group)
    assert not member.has_perm("communities.view_documents", working_group)


@pytest.mark.parametrize("status", [MembershipStatus.DECLINED, MembershipStatus.LEFT])
def test_member_declined_or_left_can_ask_again_and_cannot_see_documents(member, working_group, status):
    CommunityMembership.objects.create(community=working_group, user=member, status=status)
    assert member.has_perm("communities.request_membership", working_group)
    assert not member.has_perm("communities.view_documents", working_group)
