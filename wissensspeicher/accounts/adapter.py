"""How allauth fits this site: where people land after login, and which sign-ups are allowed."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        return super().get_login_redirect_url(request) or reverse("accounts:dashboard")


def user_display(user) -> str:
    """How the site names an account in messages: the profile name, else the e-mail address (never the internal username)."""
    profile = getattr(user, "profile", None)
    return (getattr(profile, "name", "") or user.email or "").strip() or str(user.pk)
