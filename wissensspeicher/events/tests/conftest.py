from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from wissensspeicher.accounts.models import MODERATOR_GROUP
from wissensspeicher.events.tests.factories import EventFactory, verified_user


@pytest.fixture
def member(db):
    return verified_user("mia")


@pytest.fixture
def moderator(db):
    user = verified_user("moritz")
    user.groups.add(Group.objects.get_or_create(name=MODERATOR_GROUP)[0])
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(user, generate_totp_secret())  # moderators must have a second factor to reach any page
    return user


@pytest.fixture
def event(db):
    return EventFactory()
