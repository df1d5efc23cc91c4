"""Writes of Start Smart: the public Interessensbekundung with double opt-in, and the pipeline steps of coordination staff."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wissensspeicher.accounts.rules import is_moderator
from wissensspeicher.accounts.services import moderator_addresses
from wissensspeicher.core import dates
from wissensspeicher.core.mail import absolute_url, mail_after_commit, mail_language
from wissensspeicher.startsmart.models import (
    STATES_MAILED_TO_MUNICIPALITY,
    ExpressionOfInterest,
    PipelineEntry,
    PipelineEntryKind,
    PipelineState,
    WantedFormat,
)

CHANGE_PERMISSION = "startsmart.change_expression_of_interest"


def _check_change(actor, eoi: ExpressionOfInterest) -> None:
    if actor is None or not actor.has_perm(CHANGE_PERMISSION, eoi):
        raise PermissionDenied(CHANGE_PERMISSION)


def _lock(eoi: ExpressionOfInterest) -> ExpressionOfInterest:
    """Re-read the row under a lock, so two staff members never move the same request from a stale state."""
    return ExpressionOfInterest.objects.select_for_update().select_related("municipality").get(pk=eoi.pk)


def _mail_opt_in(eoi: ExpressionOfInterest, *, request=None) -> None:
    with translation.override(eoi.language):  # the link, too, opens the page in the visitor's language
        link = absolute_url(reverse("startsmart:expression-of-interest-confirm", args=[eoi.token]), request)
        mail_after_commit(
            subject=_("Bitte bestätigen Sie Ihre Interessensbekundung für Start Smart"),
            body=_("Guten Tag %(name)s,\n\nvielen Dank für die Interessensbekundung für %(municipality)s. Bitte bestätigen Sie "
                   "Ihre E-Mail-Adresse über diesen Link:\n%(link)s\n\nErst danach geben wir Ihre Anfrage an die "
                   "Koordinierungsstelle weiter. Wenn Sie das Formular nicht ausgefüllt haben, können Sie diese E-Mail ignorieren.")
            % {"name": eoi.contact_name, "municipality": eoi.municipality, "link": link},
            to=[eoi.email],
        )


def _mail_staff(eoi: ExpressionOfInterest, *, request=None) -> None:
    """Coordination staff read German; they learn about every confirmed request."""
    with translation.override("de"):
        link = absolute_url(reverse("startsmart:expression-of-interest-detail", args=[eoi.pk]), request)
        mail_after_commit(
            subject=_("Neue Interessensbekundung Start Smart: %(municipality)s") % {"municipality": eoi.municipality},
            body=_("%(municipality)s (%(state)s) hat Interesse an Start Smart bekundet.\n\nAnsprechperson: %(name)s, %(function)s\n"
                   "Gewünschte Formate: %(formats)s\n\nZur Anfrage: %(link)s")
            % {"municipality": eoi.municipality, "state": eoi.municipality.state, "name": eoi.contact_name,
               "function": eoi.function, "formats": ", ".join(eoi.get_formats_display()) or "–", "link": link},
            to=moderator_addresses(),
            reply_to=[eoi.email],
        )


def _state_mail_text(eoi: ExpressionOfInterest, to_state: str) -> tuple[str, str]:
    """Subject and lead of the mail for a state the municipality should know about (call inside translation.override)."""
    if to_state == PipelineState.CONSULTATION_SCHEDULED:
        return _("Start Smart: Ihre Initialberatung ist vereinbart"), _(
            "wir freuen uns, Sie in einer Initialberatung kennenzulernen. Gemeinsam klären wir, wo Ihre Kommune steht "
            "und welche Formate von Start Smart Sie weiterbringen.")
    if to_state == PipelineState.ACCOMPANIED:
        return _("Start Smart: Wir begleiten Ihre Kommune"), _(
            "ab jetzt begleitet die Koordinierungsstelle Ihre Kommune bei Start Smart. Ihre Ansprechperson meldet sich "
            "mit den nächsten Terminen.")
    if to_state == PipelineState.COMPLETED:
        return _("Start Smart: Die Begleitung ist abgeschlossen"), _(
            "die Begleitung Ihrer Kommune durch Start Smart ist abgeschlossen. Vielen Dank für die Zusammenarbeit. "
            "Veranstaltungen und Maßnahmen finden Sie weiterhin im Wissensspeicher.")
    return _("Start Smart: Rückmeldung zu Ihrer Interessensbekundung"), _(
        "vielen Dank für Ihr Interesse an Start Smart. Leider können wir Ihre Kommune derzeit nicht begleiten. "
        "Unsere offenen Veranstaltungen und die Maßnahmen im Wissensspeicher stehen Ihnen weiterhin zur Verfügung.")


def _mail_state(eoi: ExpressionOfInterest, to_state: str, *, request=None) -> None:
    with translation.override(eoi.language):
        subject, lead = _state_mail_text(eoi, to_state)
        body = _("Guten Tag %(name)s,\n\n%(lead)s") % {"name": eoi.contact_name, "lead": lead}
        if eoi.next_step and to_state in (PipelineState.CONSULTATION_SCHEDULED, PipelineState.ACCOMPANIED):
            body += "\n\n" + _("Nächster Schritt: %(step)s") % {"step": eoi.next_step}
            if eoi.next_step_date:
                body += f" ({dates.date_long(eoi.next_step_date)})"
        body += "\n\n" + _("Bei Fragen antworten Sie einfach auf diese E-Mail.\n\nIhre Koordinierungsstelle Start Smart")
        reply_to = [eoi.assignee.email] if eoi.assignee_id and eoi.assignee.email else None
        mail_after_commit(subject=subject, body=body, to=[eoi.email], reply_to=reply_to)


@transaction.atomic
def expression_of_interest_submit(*, municipality, contact_name: str, function: str, email: str, consent: bool,
                                  topics=(), formats=(), phone: str = "", message: str = "", language: str | None = None,
                                  request=None) -> ExpressionOfInterest:
    """Store a new, unconfirmed request and send the opt-in link in the visitor's language."""
    errors = {}
    if municipality is None:
        errors["municipality"] = _("Bitte geben Sie Ihre Kommune an.")
    if not (contact_name or "").strip():
        errors["contact_name"] = _("Bitte geben Sie eine Ansprechperson an.")
    if not (email or "").strip():
        errors["email"] = _("Bitte geben Sie Ihre E-Mail-Adresse an.")
    if not consent:
        errors["consent"] = _("Bitte willigen Sie in die Verarbeitung Ihrer Angaben ein, damit wir Ihre Anfrage bearbeiten können.")
    unknown = [code for code in formats if code not in WantedFormat.values]
    if unknown:
        errors["formats"] = _("Unbekanntes Format: %(formats)s") % {"formats": ", ".join(unknown)}
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    eoi = ExpressionOfInterest.objects.create(
        municipality=municipality, contact_name=contact_name.strip()[:200], function=(function or "").strip()[:200],
        email=email.strip().lower(), phone=(phone or "").strip()[:50], formats=list(dict.fromkeys(formats)),
        message=(message or "").strip(), consent_at=now, language=mail_language(language or translation.get_language()),
        created_at=now)
    eoi.topics.set(topics)
    PipelineEntry.objects.create(expression_of_interest=eoi, kind=PipelineEntryKind.SUBMITTED, to_state=eoi.state, created_at=now)
    _mail_opt_in(eoi, request=request)
    return eoi


@transaction.atomic
def expression_of_interest_confirm(token: str, *, request=None) -> ExpressionOfInterest:
    """The opt-in link was confirmed (POST): the request enters the pipeline and staff hear of it; a second click changes nothing."""
    eoi = ExpressionOfInterest.objects.select_for_update().select_related("municipality__state").get(token=token)
    if eoi.is_confirmed:
        return eoi
    eoi.confirmed_at = timezone.now()
    eoi.save(update_fields=["confirmed_at", "updated_at"])
    PipelineEntry.objects.create(expression_of_interest=eoi, kind=PipelineEntryKind.CONFIRMED, created_at=eoi.confirmed_at)
    _mail_staff(eoi, request=request)
    return eoi


def _set_next_step(eoi: ExpressionOfInterest, actor, next_step: str, next_step_date: dt.date | None) -> PipelineEntry:
    eoi.next_step = (next_step or "").strip()[:300]
    eoi.next_step_date = next_step_date
    eoi.save(update_fields=["next_step", "next_step_date", "updated_at"])
    text = eoi.next_step
    if next_step_date:
        text = f"{text} ({dates.date_long(next_step_date)})" if text else dates.date_long(next_step_date)
    return PipelineEntry.objects.create(expression_of_interest=eoi, kind=PipelineEntryKind.NEXT_STEP, actor=actor,
                                        text=text or _("Nächster Schritt entfernt"))


@transaction.atomic
def expression_of_interest_transition(eoi: ExpressionOfInterest, to_state: str, *, actor, note: str = "",
                                      next_step: str | None = None, next_step_date: dt.date | None = None,
                                      request=None) -> PipelineEntry:
    """Move the request to an allowed next state; the municipality gets an e-mail for the states it should know about."""
    _check_change(actor, eoi)
    eoi = _lock(eoi)
    if not eoi.is_confirmed:
        raise ValidationError(_("Diese Interessensbekundung ist noch nicht per E-Mail bestätigt."))
    if to_state not in eoi.allowed_next_states():
        allowed = ", ".join(str(PipelineState(s).label) for s in eoi.allowed_next_states())
        current = PipelineState(eoi.state).label
        target = PipelineState(to_state).label if to_state in PipelineState.values else to_state
        raise ValidationError(
            _("Von „%(current)s“ kann die Anfrage nicht nach „%(target)s“ wechseln. Möglich ist: %(allowed)s.")
            % {"current": current, "target": target, "allowed": allowed}, code="transition")
    if next_step is not None and (next_step.strip() or next_step_date):
        _set_next_step(eoi, actor, next_step, next_step_date)
    from_state = eoi.state
    eoi.state = to_state
    eoi.save(update_fields=["state", "updated_at"])
    notify = to_state in STATES_MAILED_TO_MUNICIPALITY
    entry = PipelineEntry.objects.create(expression_of_interest=eoi, kind=PipelineEntryKind.STATE, actor=actor,
                                         from_state=from_state, to_state=to_state, text=(note or "").strip(),
                                         municipality_notified=notify)
    if notify:
        _mail_state(eoi, to_state, request=request)
    return entry


@transaction.atomic
def expression_of_interest_assign(eoi: ExpressionOfInterest, assignee, *, actor) -> PipelineEntry:
    """Make a staff member responsible (or nobody, with None)."""
    _check_change(actor, eoi)
    if assignee is not None and not is_moderator(assignee):
        raise ValidationError({"assignee": _("Zuständig kann nur jemand aus der Koordinierungsstelle sein.")})
    eoi = _lock(eoi)
    eoi.assignee = assignee
    eoi.save(update_fields=["assignee", "updated_at"])
    name = (getattr(getattr(assignee, "profile", None), "name", "") or assignee.get_username()) if assignee else _("niemand")
    return PipelineEntry.objects.create(expression_of_interest=eoi, kind=PipelineEntryKind.ASSIGNED, actor=actor,
                                        text=_("Zuständig: %(name)s") % {"name": name})


@transaction.atomic
def expression_of_interest_set_next_step(eoi: ExpressionOfInterest, *, actor, next_step: str,
                                         next_step_date: dt.date | None = None) -> PipelineEntry:
    """Record what happens next and when (an empty step clears it)."""
    _check_change(actor, eoi)
    return _set_next_step(_lock(eoi), actor, next_step, next_step_date)


@transaction.atomic
def expression_of_interest_add_note(eoi: ExpressionOfInterest, *, actor, text: str) -> PipelineEntry:
    """Add an internal note to the history (the municipality never sees it)."""
    _check_change(actor, eoi)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Bitte schreiben Sie eine Notiz.")})
    eoi = _lock(eoi)
    eoi.save(update_fields=["updated_at"])
    return PipelineEntry.objects.create(expression_of_interest=eoi, kind=PipelineEntryKind.NOTE, actor=actor, text=text)


# Unconfirmed requests hold personal data nobody has agreed to pass on: they go after this many days (DSGVO, data minimisation).
UNCONFIRMED_RETENTION_DAYS = 30


@transaction.atomic
def expressions_of_interest_purge_unconfirmed(*, now=None) -> int:
    """Delete requests whose e-mail address was never confirmed within the retention period; returns how many."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=UNCONFIRMED_RETENTION_DAYS)
    _total, per_model = ExpressionOfInterest.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).delete()
    return per_model.get(ExpressionOfInterest._meta.label, 0)
