"""The contact relay: visitors write to a measure's contact person without seeing the address."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from wissensspeicher.core.mail import mail_after_commit
from wissensspeicher.measures.models import Measure


def measure_contact_send(measure: Measure, *, name: str, email: str, message: str, page_url: str = "") -> None:
    """E-mail the message to the measure's contact person, with the sender as reply-to address."""
    if not measure.is_published or not measure.contact_email:
        raise ValidationError(_("Für diese Maßnahme ist keine Kontaktadresse hinterlegt."))
    body = _(
        "%(name)s (%(email)s) schreibt Ihnen über den Wissensspeicher zur Maßnahme „%(title)s“ (%(url)s):\n\n%(message)s\n\n"
        "Antworten Sie einfach auf diese E-Mail. Ihre Adresse wurde der Person nicht angezeigt."
    ) % {"name": name, "email": email, "title": measure.title, "url": page_url, "message": message}
    mail_after_commit(subject=_("Anfrage zu „%(title)s“") % {"title": measure.title}, body=body,
                      to=[measure.contact_email], reply_to=[email])
