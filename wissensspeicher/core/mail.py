"""Sending e-mail after the transaction commits, so nobody is told about a change that was rolled back."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction


def mail_after_commit(*, subject: str, body: str, to: list[str], reply_to: list[str] | None = None) -> None:
    """Queue one plain-text e-mail for when the current transaction commits."""
    recipients = [address for address in to if address]
    if not recipients:
        return

    def send() -> None:
        if reply_to:
            from django.core.mail import EmailMessage

            EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, recipients, reply_to=reply_to).send()
        else:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)

    transaction.on_commit(send)


def absolute_url(path: str, request=None) -> str:
    """A full address for e-mails: from the request when there is one, else from SITE_URL."""
    from django.conf import settings

    if request is not None:
        return request.build_absolute_uri(path)
    return settings.SITE_URL + path


def mail_language(code: str | None) -> str:
    """A language the site offers, for the mails to someone who used `code` (else the site's default)."""
    from django.conf import settings

    offered = {key for key, _name in settings.LANGUAGES}
    code = (code or "").split("-")[0].lower()
    return code if code in offered else settings.LANGUAGE_CODE
