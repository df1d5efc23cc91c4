"""Writes of the core app."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _

from wissensspeicher.core.models import AccessibilityFeedback


def accessibility_feedback_create(*, description: str, page_url: str = "", name: str = "", email: str = "") -> AccessibilityFeedback:
    """Store a reported barrier and e-mail it to the operator's accessibility contact."""
    feedback = AccessibilityFeedback.objects.create(description=description, page_url=page_url, name=name, email=email)
    lines = [
        _("Über das Formular „Barriere melden“ ist eine Meldung eingegangen."),
        _("Seite: %(page)s") % {"page": page_url or "-"},
        _("Beschreibung:") + "\n" + description,
        _("Name: %(name)s") % {"name": name or "-"},
        _("E-Mail: %(email)s") % {"email": email or "-"},
    ]
    body = "\n\n".join(lines)
    transaction.on_commit(
        lambda: send_mail(
            subject=_("Barriere gemeldet: %(page)s") % {"page": page_url or _("ohne Seitenangabe")},
            message=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[settings.ACCESSIBILITY_CONTACT_EMAIL],
            fail_silently=False,
        )
    )
    return feedback
