"""Writes of the Suche-Biete-Pool: postings by members, relayed messages, reports, moderation, expiry."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.formats import date_format
from django.utils import timezone
from django.utils.translation import gettext as _

from wissensspeicher.core.mail import absolute_url, mail_after_commit
from wissensspeicher.marketplace.models import Message, Posting, PostingStatus, Report
from wissensspeicher.marketplace.services.events import postings_changed

DEFAULT_VALIDITY = dt.timedelta(days=182)  # six months
REMINDER_BEFORE = dt.timedelta(days=7)


def _check(user, permission: str, posting=None) -> None:
    if not user.has_perm(permission, posting):
        raise PermissionDenied(permission)


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


@transaction.atomic
def posting_save(user, posting: Posting, *, fields_of_action, request=None) -> Posting:
    """Create or change a posting (the form's instance); new ones belong to the user and tell matching watchers."""
    is_new = posting.pk is None
    if is_new:
        _check(user, "marketplace.add_posting")
        posting.owner = user
        posting.valid_until = posting.valid_until or timezone.localdate() + DEFAULT_VALIDITY
    else:
        _check(user, "marketplace.change_posting", posting)
    if posting.valid_until < timezone.localdate():
        raise ValidationError({"valid_until": _("Das Datum liegt in der Vergangenheit.")})
    posting.expiry_reminder_sent_at = None  # a changed posting gets a fresh reminder before its (new) date
    posting.save()
    posting.fields_of_action.set(fields_of_action)
    postings_changed([posting.pk])
    if is_new:
        transaction.on_commit(lambda: posting_notify_watchers(posting.pk, request=request))
    return posting


def posting_notify_watchers(posting_id: int, *, request=None) -> int:
    """E-mail owners of fitting postings who asked to hear about new matches; returns mails sent."""
    from wissensspeicher.marketplace.selectors import posting_matches

    posting = Posting.objects.select_related("place").get(pk=posting_id)
    sent = 0
    for other in posting_matches(posting, limit=5):
        if other.notify_matches and other.owner_id and other.owner_id != posting.owner_id and other.owner.email:
            mail_after_commit(
                subject=_("Neuer passender Eintrag zu „%(title)s“") % {"title": other.title},
                body=_("Im Suche-Biete-Pool gibt es einen neuen Eintrag, der zu Ihrem Eintrag „%(yours)s“ passt:\n\n%(kind)s: %(title)s (%(place)s)\n%(url)s\n\n"
                       "Diese Benachrichtigung schalten Sie in Ihrem Eintrag ab.") % {
                    "yours": other.title, "kind": posting.get_kind_display(), "title": posting.title, "place": posting.place.name,
                    "url": _absolute(request, posting.get_absolute_url())},
                to=[other.owner.email],
            )
            sent += 1
    return sent


@transaction.atomic
def posting_set_status(user, posting: Posting, status: str) -> Posting:
    """The owner marks a posting fulfilled, withdraws it, or reopens it."""
    _check(user, "marketplace.change_posting", posting)
    if status not in (PostingStatus.OPEN, PostingStatus.FULFILLED, PostingStatus.WITHDRAWN):
        raise ValidationError(_("Unbekannter Status."))
    if status == PostingStatus.OPEN and posting.valid_until < timezone.localdate():
        raise ValidationError({"valid_until": _("Verlängern Sie bitte zuerst das Datum „Gültig bis“.")})
    posting.status = status
    posting.save(update_fields=["status", "updated_at"])
    postings_changed([posting.pk])
    return posting


@transaction.atomic
def message_send(posting: Posting, *, sender, name: str, email: str, text: str, consent: bool, request=None) -> Message:
    """Relay a message to the posting's owner (reply-to: the sender) and keep it in the owner's inbox."""
    if not posting.is_open:
        raise ValidationError(_("Dieser Eintrag ist nicht mehr offen."))
    if not consent:
        raise ValidationError({"consent": _("Bitte stimmen Sie zu, dass wir Ihren Namen und Ihre Adresse weitergeben.")})
    recipient = (posting.owner.email if posting.owner_id and posting.owner.is_active else "") or posting.place.contact_email
    if not recipient:
        raise ValidationError(_("Für diesen Eintrag ist niemand erreichbar."))
    message = Message.objects.create(posting=posting, sender=sender if getattr(sender, "is_authenticated", False) else None,
                                     sender_name=name, sender_email=email, text=text, consent=consent)
    mail_after_commit(
        subject=_("Nachricht zu Ihrem Eintrag „%(title)s“") % {"title": posting.title},
        body=_("%(name)s (%(email)s) schreibt Ihnen über den Suche-Biete-Pool:\n\n%(text)s\n\n"
               "Antworten Sie einfach auf diese E-Mail. Alle Nachrichten: %(inbox)s") % {
            "name": name, "email": email, "text": text, "inbox": _absolute(request, reverse("marketplace:inbox"))},
        to=[recipient], reply_to=[email],
    )
    return message


@transaction.atomic
def report_create(user, posting: Posting, *, reason: str, request=None) -> Report:
    """A member reports a posting; moderators are told."""
    _check(user, "marketplace.report_posting", posting)
    if not reason.strip():
        raise ValidationError({"reason": _("Bitte nennen Sie den Grund der Meldung.")})
    report = Report.objects.create(posting=posting, reporter=user, reason=reason.strip())
    from wissensspeicher.accounts.services import moderator_addresses

    mail_after_commit(
        subject=_("Eintrag gemeldet: %(title)s") % {"title": posting.title},
        body=_("Ein Eintrag im Suche-Biete-Pool wurde gemeldet.\n\nGrund: %(reason)s\n\nZur Moderation: %(url)s") % {
            "reason": reason, "url": _absolute(request, reverse("marketplace:moderation"))},
        to=moderator_addresses(),
    )
    return report


@transaction.atomic
def posting_moderate(moderator, posting: Posting, *, hide: bool, note: str) -> Posting:
    """A moderator hides or restores a posting with a note; open reports are closed and the owner is told."""
    _check(moderator, "marketplace.moderate_posting", posting)
    if not note.strip():
        raise ValidationError({"note": _("Bitte begründen Sie die Entscheidung kurz; die verantwortliche Person erhält sie.")})
    if hide:
        posting.status = PostingStatus.HIDDEN
    else:
        posting.status = PostingStatus.EXPIRED if posting.valid_until < timezone.localdate() else PostingStatus.OPEN
    posting.moderation_note = note.strip()
    posting.save(update_fields=["status", "moderation_note", "updated_at"])
    Report.objects.filter(posting=posting, resolved_at__isnull=True).update(resolved_at=timezone.now(), resolved_by=moderator)
    postings_changed([posting.pk])
    if posting.owner_id and posting.owner.email:
        mail_after_commit(
            subject=(_("Ihr Eintrag wurde ausgeblendet: %(title)s") if hide else _("Ihr Eintrag ist wieder sichtbar: %(title)s")) % {"title": posting.title},
            body=_("Anmerkung der Moderation:\n\n%(note)s") % {"note": note.strip()},
            to=[posting.owner.email],
        )
    return posting


def postings_expire(now: dt.datetime | None = None) -> dict[str, int]:
    """Expire open postings past their date; remind owners a week before. Returns counts."""
    today = timezone.localdate(now) if now else timezone.localdate()
    with transaction.atomic():
        due = Posting.objects.filter(status=PostingStatus.OPEN, valid_until__lt=today)
        expired_ids = list(due.values_list("id", flat=True))
        due.update(status=PostingStatus.EXPIRED)
        postings_changed(expired_ids)
        reminders = Posting.objects.filter(
            status=PostingStatus.OPEN, valid_until__lte=today + REMINDER_BEFORE, valid_until__gte=today,
            expiry_reminder_sent_at__isnull=True, owner__isnull=False,
        ).select_related("owner")
        sent = []
        for posting in reminders:
            valid_until = date_format(posting.valid_until, "DATE_FORMAT")
            mail_after_commit(
                subject=_("Ihr Eintrag läuft am %(date)s ab: %(title)s") % {"date": valid_until, "title": posting.title},
                body=_("Ihr Eintrag „%(title)s“ im Suche-Biete-Pool ist bis %(date)s gültig. Verlängern Sie ihn, wenn er noch aktuell ist, "
                       "oder markieren Sie ihn als erledigt: %(url)s") % {
                    "title": posting.title, "date": valid_until, "url": absolute_url(posting.get_absolute_url())},
                to=[posting.owner.email],
            )
            sent.append(posting.pk)
        Posting.objects.filter(pk__in=sent).update(expiry_reminder_sent_at=timezone.now())
    return {"expired": len(expired_ids), "reminded": len(sent)}


def place_message_send(place, *, name: str, email: str, text: str, consent: bool) -> None:
    """Relay a message to a place's contact address (never shown), reply-to the sender."""
    if not consent:
        raise ValidationError({"consent": _("Bitte stimmen Sie zu, dass wir Ihren Namen und Ihre Adresse weitergeben.")})
    if not place.contact_email:
        raise ValidationError(_("Für diesen Ort ist keine Kontaktadresse hinterlegt."))
    mail_after_commit(
        subject=_("Nachricht an %(place)s über den Suche-Biete-Pool") % {"place": place.name},
        body=_("%(name)s (%(email)s) schreibt Ihnen über den Suche-Biete-Pool:\n\n%(text)s\n\nAntworten Sie einfach auf diese E-Mail.") % {
            "name": name, "email": email, "text": text},
        to=[place.contact_email], reply_to=[email],
    )
