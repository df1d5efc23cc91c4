from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.cache import cache

from wissensspeicher.measures.tests.factories import ModeratorFactory, UserFactory


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()  # the form's rate limit counts per client address, and every test client has the same one


@pytest.fixture
def member(db):
    return UserFactory()


@pytest.fixture
def moderator(db):
    user = ModeratorFactory(email="carola@koordination.example")
    TOTP.activate(user, generate_totp_secret())  # moderators must have a second factor to reach any page
    return user
