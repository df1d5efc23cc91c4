"""Accounts in the roles the tests need."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wissensspeicher.accounts.models import MODERATOR_GROUP


def verified_user(username: str, *, email: str | None = None, **extra):
    """An account with a verified address, i.e. a member."""
    user = get_user_model().objects.create_user(username=username, email=email or f"{username}@kommune.example",
                                                password="x-Passwort-2026", **extra)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def moderator_user(username: str = "moritz", **extra):
    """A moderator of the coordination office, with the second factor moderators need to reach any page."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    user = verified_user(username, **extra)
    user.groups.add(Group.objects.get_or_create(name=MODERATOR_GROUP)[0])
    TOTP.activate(user, generate_totp_secret())
    return user
