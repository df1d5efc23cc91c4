"""Moderators and admins work only with a second factor: until they set one up, every page sends them there."""

from __future__ import annotations

from django.shortcuts import redirect
from django.urls import reverse

from wissensspeicher.accounts.rules import is_moderator

SESSION_KEY = "second_factor_in_place"


def needs_second_factor(user) -> bool:
    return user.is_authenticated and is_moderator(user)


class SecondFactorRequiredMiddleware:
    # Paths a moderator without a second factor may still use: setting it up, logging out, static files.
    allowed_names = {"mfa_activate_totp", "mfa_index", "account_logout", "mfa_view_recovery_codes",
                     "mfa_generate_recovery_codes", "mfa_download_recovery_codes", "account_reauthenticate",
                     "mfa_reauthenticate", "set_language"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.session.get(SESSION_KEY):
            if needs_second_factor(user):
                from allauth.mfa.models import Authenticator

                if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
                    request.session[SESSION_KEY] = True
                elif not self._allowed(request):
                    return redirect(f"{reverse('mfa_activate_totp')}?next={request.get_full_path()}")
        return self.get_response(request)

    def _allowed(self, request) -> bool:
        path = request.path_info
        if path.startswith(("/static/", "/i18n/")):
            return True
        match = getattr(request, "resolver_match", None)
        try:
            from django.urls import resolve

            match = match or resolve(path)
        except Exception:  # noqa: BLE001 - unknown paths fall through to the 404 page
            return True
        return match.url_name in self.allowed_names
