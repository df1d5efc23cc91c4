"""Who may do what with accounts and roles: every permission of accounts/rules.py for every role."""

from __future__ import annotations

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from wissensspeicher.measures.tests.factories import (
    AdminFactory,
    ModeratorFactory,
    ProjectEditorFactory,
    UserFactory,
    editor_of,
)
from wissensspeicher.municipalities.models import ModelProject

pytestmark = pytest.mark.django_db

ROLES = ("visitor", "unverified", "member", "editor_a", "editor_b", "moderator", "admin")

# For each permission: the roles that have it.
ACCOUNTS_TABLE: dict[str, frozenset[str]] = {
    # Any verified account may ask for editor rights (editors for a further project, too).
    "accounts.request_editor_rights": frozenset({"member", "editor_a", "editor_b", "moderator", "admin"}),
    "accounts.decide_editor_request": frozenset({"moderator", "admin"}),
    "accounts.view_moderation": frozenset({"moderator", "admin"}),
    # Any member may hold API keys (e.g. for marketplace postings); what a key may write is decided by
    # the permissions of its account (editing measures still needs editor rights).
    "accounts.manage_api_tokens": frozenset({"member", "editor_a", "editor_b", "moderator", "admin"}),
}


@pytest.fixture
def make_user():
    def make(role: str):
        if role == "visitor":
            return AnonymousUser()
        if role == "unverified":
            return UserFactory(verified=False)
        if role == "member":
            return UserFactory()
        if role == "editor_a":
            return editor_of(ModelProject.objects.get(name="Ulm"))
        if role == "editor_b":
            return editor_of(ModelProject.objects.get(name="Bamberg"))
        if role == "moderator":
            return ModeratorFactory()
        if role == "admin":
            return AdminFactory()
        raise ValueError(role)

    return make


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("permission", sorted(ACCOUNTS_TABLE))
def test_every_role_can_exactly_what_the_accounts_table_allows(make_user, role, permission):
    user = make_user(role)
    expected = role in ACCOUNTS_TABLE[permission]

    assert rules.has_perm(permission, user) is expected
    assert user.has_perm(permission) is expected


def test_unverified_account_with_editor_rights_cannot_manage_api_tokens():
    right = ProjectEditorFactory(user=UserFactory(verified=False))

    assert not right.user.has_perm("accounts.manage_api_tokens")
    assert not right.user.has_perm("accounts.request_editor_rights")


def test_inactive_moderator_cannot_decide_editor_requests():
    moderator = ModeratorFactory(is_active=False)

    assert not moderator.has_perm("accounts.decide_editor_request")
    assert not moderator.has_perm("accounts.view_moderation")
