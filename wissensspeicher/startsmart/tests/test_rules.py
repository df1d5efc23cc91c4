"""Every Start Smart permission for every role."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from wissensspeicher.measures.tests.factories import AdminFactory, ModeratorFactory, UserFactory, editor_of
from wissensspeicher.municipalities.models import ModelProject
from wissensspeicher.startsmart.tests.factories import ExpressionOfInterestFactory

pytestmark = pytest.mark.django_db

ROLES = ("visitor", "member", "editor", "moderator", "admin")
TABLE = {
    "startsmart.submit_expression_of_interest": set(ROLES),
    "startsmart.view_pipeline": {"moderator", "admin"},
    "startsmart.change_expression_of_interest": {"moderator", "admin"},
}


def make(role: str):
    return {"visitor": AnonymousUser, "member": UserFactory, "moderator": ModeratorFactory, "admin": AdminFactory,
            "editor": lambda: editor_of(ModelProject.objects.get(name="Ulm"))}[role]()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("permission", sorted(TABLE))
def test_each_role_can_or_cannot_per_permission(role, permission):
    user = make(role)
    expected = role in TABLE[permission]
    assert user.has_perm(permission) is expected
    assert user.has_perm(permission, ExpressionOfInterestFactory()) is expected
