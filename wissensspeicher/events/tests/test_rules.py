"""Every events permission for every role."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from wissensspeicher.events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db

PERMISSIONS = ["events.view_event", "events.register_for_event", "events.view_registrations", "events.change_event"]
EXPECTED = {
    # role: (published event, unpublished event) per permission
    "visitor": {"events.view_event": (True, False), "events.register_for_event": (False, False),
                "events.view_registrations": (False, False), "events.change_event": (False, False)},
    "member": {"events.view_event": (True, False), "events.register_for_event": (True, False),
               "events.view_registrations": (False, False), "events.change_event": (False, False)},
    "moderator": {"events.view_event": (True, True), "events.register_for_event": (True, False),
                  "events.view_registrations": (True, True), "events.change_event": (True, True)},
}


@pytest.mark.parametrize("role", EXPECTED)
@pytest.mark.parametrize("permission", PERMISSIONS)
def test_each_role_can_or_cannot_per_permission(role, permission, member, moderator):
    user = {"visitor": AnonymousUser(), "member": member, "moderator": moderator}[role]
    published, unpublished = EventFactory(), EventFactory(is_published=False)
    assert (user.has_perm(permission, published), user.has_perm(permission, unpublished)) == EXPECTED[role][permission]
