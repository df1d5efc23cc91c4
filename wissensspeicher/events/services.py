"""Writes of the events app: registrations with capacity and waiting list, double opt-in for guests, cancellation,
and the organisers' events and documents."""

from __future__ import annotations

import functools

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils import translation
from django.utils.translation import gettext as _

from wissensspeicher.core import dates
from wissensspeicher.core.mail import absolute_url, mail_after_commit, mail_language
from wissensspeicher.core.uploads import document_save, document_upload_validate
from wissensspeicher.events.ical import calendar_build
from wissensspeicher.events.models import Event, EventDocument, Registration, RegistrationStatus


def _when(event: Event) -> str:
    return dates.span_long(event.start, event.end)


def _links(registration: Registration, request=None) -> dict[str, str]:
    return {
        "cancel_url": absolute_url(reverse("events:registration-cancel", args=[registration.token]), request),
        "confirm_url": absolute_url(reverse("events:registration-confirm", args=[registration.token]), request),
        "event_url": absolute_url(registration.event.get_absolute_url(), request),
    }


def _cancel_footer(links: dict[str, str]) -> str:
    return _("\n\nFalls Sie nicht teilnehmen können, geben Sie Ihren Platz bitte frei:\n%(cancel_url)s") % links


def _in_their_language(mail):
    """Every mail about a registration is in the language its person used, also when another action sends it
    (a moderator's change, someone else's cancellation that frees a seat)."""

    @functools.wraps(mail)
    def send_in_language(registration: Registration, **kwargs) -> None:
        with translation.override(registration.language):
            mail(registration, **kwargs)

    return send_in_language


@_in_their_language
def _mail_confirmed(registration: Registration, *, request=None, promoted: bool = False) -> None:
    """The seat is certain: tell the person, with the access link and an .ics file for their calendar."""
    event = registration.event
    links = _links(registration, request)
    lead = (_("für Sie ist ein Platz auf der Warteliste frei geworden. Sie sind jetzt verbindlich angemeldet für:")
            if promoted else _("Ihre Anmeldung ist bestätigt für:"))
    body = _("Guten Tag %(name)s,\n\n%(lead)s\n\n%(title)s\n%(when)s\n%(where)s\n\nAlle Angaben: %(event_url)s") % {
        "name": registration.name, "lead": lead, "title": event.title, "when": _when(event),
        "where": event.venue_address or event.get_mode_display(), **links}
    if event.online_link and event.is_online:
        body += _("\n\nZugangslink: %(link)s") % {"link": event.online_link}
    body += _("\n\nIm Anhang finden Sie den Termin für Ihren Kalender.") + _cancel_footer(links)
    subject = _("Anmeldung bestätigt: %(title)s") % {"title": event.title}
    ics = calendar_build([event], request=request, method="PUBLISH")
    recipient = registration.email

    def send() -> None:
        message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient])
        message.attach("veranstaltung.ics", ics, "text/calendar; method=PUBLISH; charset=utf-8")
        message.send()

    transaction.on_commit(send)


@_in_their_language
def _mail_waiting(registration: Registration, *, request=None) -> None:
    links = _links(registration, request)
    mail_after_commit(
        subject=_("Warteliste: %(title)s") % {"title": registration.event.title},
        body=_("Guten Tag %(name)s,\n\ndie Veranstaltung „%(title)s“ ist ausgebucht. Wir haben Sie auf die Warteliste gesetzt. "
               "Wird ein Platz frei, rücken Sie in der Reihenfolge der Anmeldung nach und erhalten eine E-Mail.\n\n%(event_url)s") % {
            "name": registration.name, "title": registration.event.title, **links} + _cancel_footer(links),
        to=[registration.email],
    )


@_in_their_language
def _mail_opt_in(registration: Registration, *, request=None) -> None:
    links = _links(registration, request)
    mail_after_commit(
        subject=_("Bitte bestätigen Sie Ihre Anmeldung: %(title)s") % {"title": registration.event.title},
        body=_("Guten Tag %(name)s,\n\nbitte bestätigen Sie Ihre Anmeldung zu „%(title)s“ (%(when)s) über diesen Link:\n%(confirm_url)s\n\n"
               "Erst danach vergeben wir einen Platz. Wenn Sie sich nicht angemeldet haben, können Sie diese E-Mail ignorieren.") % {
            "name": registration.name, "title": registration.event.title, "when": _when(registration.event), **links} + _cancel_footer(links),
        to=[registration.email],
    )


def _check_open(event: Event) -> None:
    if not event.is_published:
        raise ValidationError(_("Diese Veranstaltung ist nicht veröffentlicht."))
    now = timezone.now()
    if event.registration_opens and now < event.registration_opens:
        raise ValidationError(_("Die Anmeldung beginnt am %(date)s.") % {"date": dates.date_time_long(event.registration_opens)})
    if not event.registration_is_open(now):
        raise ValidationError(_("Die Anmeldung für diese Veranstaltung ist geschlossen."))


def _seat_is_free(event: Event) -> bool:
    return Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count() < event.capacity


def _lock(event: Event) -> Event:
    """Lock the event row: every write that hands out seats waits here, so two requests never take the last seat twice."""
    return Event.objects.select_for_update().get(pk=event.pk)


@transaction.atomic
def registration_create(event: Event, *, user=None, name: str = "", organisation: str = "", email: str = "",
                        request=None) -> Registration:
    """Register a member (confirmed or waiting at once) or a guest (pending until the e-mail link is clicked)."""
    event = _lock(event)
    _check_open(event)
    if user is not None:
        if not user.has_perm("events.register_for_event", event):
            raise PermissionDenied("events.register_for_event")
        email = user.email
        name = name or getattr(getattr(user, "profile", None), "name", "") or user.get_full_name() or user.get_username()
    elif not event.allow_guests:
        raise ValidationError(_("Für diese Veranstaltung können sich nur angemeldete Mitglieder registrieren."))
    email = (email or "").strip().lower()
    name = (name or "").strip()
    errors = {}
    if not name:
        errors["name"] = _("Bitte geben Sie Ihren Namen an.")
    if not email:
        errors["email"] = _("Bitte geben Sie Ihre E-Mail-Adresse an.")
    if errors:
        raise ValidationError(errors)
    active = Registration.objects.active().filter(event=event)
    if active.filter(email=email).exists() or (user is not None and active.filter(user=user).exists()):
        raise ValidationError(_("Mit dieser E-Mail-Adresse besteht bereits eine Anmeldung zu dieser Veranstaltung."))
    if user is None:
        status = RegistrationStatus.PENDING
    else:
        status = RegistrationStatus.CONFIRMED if _seat_is_free(event) else RegistrationStatus.WAITING
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                event=event, user=user, name=name[:200], organisation=(organisation or "").strip()[:200], email=email, status=status,
                language=mail_language(translation.get_language()), confirmed_at=timezone.now() if status == RegistrationStatus.CONFIRMED else None)
    except IntegrityError as exc:  # the constraint caught what the check above could not see yet
        raise ValidationError(_("Mit dieser E-Mail-Adresse besteht bereits eine Anmeldung zu dieser Veranstaltung.")) from exc
    if status == RegistrationStatus.CONFIRMED:
        _mail_confirmed(registration, request=request)
    elif status == RegistrationStatus.WAITING:
        _mail_waiting(registration, request=request)
    else:
        _mail_opt_in(registration, request=request)
    return registration


@transaction.atomic
def registration_confirm_email(token: str, *, request=None) -> Registration:
    """A guest clicked the opt-in link: give them a seat if one is free, else a place on the waiting list."""
    registration = Registration.objects.select_related("event").get(token=token)
    event = _lock(registration.event)
    registration = Registration.objects.select_related("event").get(pk=registration.pk)  # re-read under the lock
    if registration.status != RegistrationStatus.PENDING:
        return registration  # a second click on the link changes nothing
    if event.is_past:
        raise ValidationError(_("Diese Veranstaltung hat bereits stattgefunden."))
    if _seat_is_free(event):
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = timezone.now()
        registration.save(update_fields=["status", "confirmed_at"])
        _mail_confirmed(registration, request=request)
    else:
        registration.status = RegistrationStatus.WAITING
        registration.save(update_fields=["status"])
        _mail_waiting(registration, request=request)
    return registration


def _promote_waiting(event: Event, *, request=None) -> list[Registration]:
    """Fill free seats from the waiting list in order of registration; the caller holds the event lock."""
    promoted = []
    while _seat_is_free(event):
        waiting = Registration.objects.filter(event=event, status=RegistrationStatus.WAITING).order_by("created_at", "id").first()
        if waiting is None:
            break
        waiting.status = RegistrationStatus.CONFIRMED
        waiting.confirmed_at = timezone.now()
        waiting.save(update_fields=["status", "confirmed_at"])
        _mail_confirmed(waiting, request=request, promoted=True)
        promoted.append(waiting)
    return promoted


@transaction.atomic
def registration_cancel(registration: Registration | str, *, request=None) -> Registration:
    """Cancel by token (e-mail link) or instance; a freed seat goes to the first person on the waiting list."""
    token = registration if isinstance(registration, str) else registration.token
    found = Registration.objects.select_related("event").get(token=token)
    event = _lock(found.event)
    registration = Registration.objects.select_related("event").get(pk=found.pk)
    if registration.status == RegistrationStatus.CANCELLED:
        return registration
    if event.is_past:
        raise ValidationError(_("Diese Veranstaltung hat bereits stattgefunden."))
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    _promote_waiting(event, request=request)
    return registration


# Path segments under /veranstaltungen/ and /api/v1/events/ that an event's slug must not shadow.
RESERVED_SLUGS = frozenset({"neu", "feed", "feeds", "registrations", "anmeldung"})


def event_slug_check(slug: str) -> None:
    """Refuse a slug that would shadow an address of the site."""
    if slug in RESERVED_SLUGS:
        raise ValidationError({"slug": _("„%(slug)s“ ist für Adressen der Website reserviert. Bitte wählen Sie einen anderen "
                                         "Kurznamen.") % {"slug": slug}})


def _unique_slug(title: str) -> str:
    base = slugify(title)[:180] or "veranstaltung"
    slug, number = base, 2
    while slug in RESERVED_SLUGS or Event.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def event_save(user, event: Event, *, fields_of_action=(), request=None) -> Event:
    """Create or change an event (organisers); more seats go to the waiting list at once, in order of registration."""
    if not user.has_perm("events.change_event", event if event.pk else None):
        raise PermissionDenied("events.change_event")
    before = _lock(event) if event.pk else None  # a registration in flight must not take a seat the new capacity no longer has
    if not event.slug:
        event.slug = _unique_slug(event.title)
    else:
        event_slug_check(event.slug)
    changed = before is not None and any(getattr(before, name) != getattr(event, name) for name in CHANGES_MAILED)
    if changed:
        event.revision = before.revision + 1  # the SEQUENCE of its calendar entries: clients apply the newer one
    event.save()
    event.fields_of_action.set(fields_of_action)
    _promote_waiting(event, request=request)
    if changed and event.is_published and not event.is_past:
        for registration in event.registrations.filter(status__in=(RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING)):
            _mail_changed(registration, request=request)
    return event


# What registered people need to hear about when it changes: when, where and how to join.
CHANGES_MAILED = ("start", "end", "mode", "venue_address", "online_link")


@_in_their_language
def _mail_changed(registration: Registration, *, request=None) -> None:
    """Date, place or access changed: tell the person, with a fresh calendar entry when their seat is confirmed."""
    event = registration.event
    links = _links(registration, request)
    body = _("Guten Tag %(name)s,\n\ndie Veranstaltung „%(title)s“, zu der Sie angemeldet sind, hat sich geändert. "
             "Es gilt jetzt:\n\n%(when)s\n%(where)s\n\nAlle Angaben: %(event_url)s") % {
        "name": registration.name, "title": event.title, "when": _when(event),
        "where": event.venue_address or event.get_mode_display(), **links}
    confirmed = registration.status == RegistrationStatus.CONFIRMED
    if confirmed and event.online_link and event.is_online:
        body += _("\n\nZugangslink: %(link)s") % {"link": event.online_link}
    if confirmed:
        body += _("\n\nIm Anhang finden Sie den geänderten Termin für Ihren Kalender.")
    body += _cancel_footer(links)
    subject = _("Geändert: %(title)s") % {"title": event.title}
    ics = calendar_build([event], request=request, method="PUBLISH") if confirmed else None
    recipient = registration.email

    def send() -> None:
        message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient])
        if ics is not None:
            message.attach("veranstaltung.ics", ics, "text/calendar; method=PUBLISH; charset=utf-8")
        message.send()

    transaction.on_commit(send)


@transaction.atomic
def event_document_create(user, event: Event, *, title: str, kind: str, url: str = "", file=None) -> EventDocument:
    """Publish slides, minutes or other material of an event that has taken place: an uploaded file or a link."""
    if not user.has_perm("events.change_event", event):
        raise PermissionDenied("events.change_event")
    if not event.is_past:
        raise ValidationError(_("Unterlagen können Sie erst nach dem Ende der Veranstaltung hinzufügen."))
    title, url = (title or "").strip(), (url or "").strip()
    if not title:
        raise ValidationError({"title": _("Bitte geben Sie einen Titel an.")})
    if file and url:
        raise ValidationError({"url": _("Bitte laden Sie entweder eine Datei hoch oder geben Sie eine Adresse an, nicht beides.")})
    if not file and not url:
        raise ValidationError({"file": _("Bitte laden Sie eine Datei hoch oder geben Sie die Adresse des Dokuments an.")})
    if file:
        document_upload_validate(file)
    document = EventDocument(event=event, title=title[:200], url=url, kind=kind)
    document.full_clean(exclude=["file"])
    document_save(document, file)
    return document


@transaction.atomic
def registrations_forget_user(user) -> int:
    """Before an account is deleted: free its seats at coming events (the waiting list moves up) and remove the person's
    name, organisation and address from every registration, so attendee lists keep only a count. Returns how many."""
    registrations = list(Registration.objects.filter(user=user).select_related("event"))
    for registration in registrations:
        if registration.is_active and not registration.event.is_past:
            registration_cancel(registration)
    Registration.objects.filter(pk__in=[r.pk for r in registrations]).update(
        name=_("Gelöschtes Konto"), organisation="", user=None,
        # Unique per registration, so the one-active-address-per-event constraint never trips over two deleted accounts.
        email=Concat(Value("geloescht-"), Cast("id", CharField()), Value("@invalid.example")))
    return len(registrations)
