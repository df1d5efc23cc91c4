"""Start Smart: expressions of interest (Interessensbekundungen) and the pipeline coordination staff work them through."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wissensspeicher.measures.models import FieldOfAction
from wissensspeicher.municipalities.models import Municipality


class WantedFormat(models.TextChoices):
    KICKOFF = "kick-off", _("Kick-off-Workshop")
    THEME_WORKSHOP = "themenwerkstatt", _("Themenwerkstatt")
    PEER_LEARNING = "peer-learning", _("Peer-Learning")
    CONSULTATION = "initialberatung", _("Initialberatung")


class PipelineState(models.TextChoices):
    NEW = "new", pgettext_lazy("pipeline state", "neu")
    IN_REVIEW = "in_review", pgettext_lazy("pipeline state", "in Prüfung")
    CONSULTATION_SCHEDULED = "consultation", pgettext_lazy("pipeline state", "Initialberatung vereinbart")
    ACCOMPANIED = "accompanied", pgettext_lazy("pipeline state", "in Begleitung")
    COMPLETED = "completed", pgettext_lazy("pipeline state", "abgeschlossen")
    DECLINED = "declined", pgettext_lazy("pipeline state", "abgelehnt")


# Which state may follow which: the pipeline moves forward, may step back one stage, and ends in completed or declined.
PIPELINE_TRANSITIONS: dict[str, tuple[str, ...]] = {
    PipelineState.NEW: (PipelineState.IN_REVIEW, PipelineState.DECLINED),
    PipelineState.IN_REVIEW: (PipelineState.CONSULTATION_SCHEDULED, PipelineState.DECLINED, PipelineState.NEW),
    PipelineState.CONSULTATION_SCHEDULED: (PipelineState.ACCOMPANIED, PipelineState.COMPLETED, PipelineState.DECLINED,
                                           PipelineState.IN_REVIEW),
    PipelineState.ACCOMPANIED: (PipelineState.COMPLETED, PipelineState.CONSULTATION_SCHEDULED),
    PipelineState.COMPLETED: (PipelineState.ACCOMPANIED,),
    PipelineState.DECLINED: (PipelineState.IN_REVIEW,),
}

# States the municipality hears about by e-mail (the others are internal working steps).
STATES_MAILED_TO_MUNICIPALITY = (PipelineState.CONSULTATION_SCHEDULED, PipelineState.ACCOMPANIED,
                                 PipelineState.COMPLETED, PipelineState.DECLINED)


def opt_in_token() -> str:
    return secrets.token_urlsafe(32)


class ExpressionOfInterestQuerySet(models.QuerySet):
    def confirmed(self):
        """Only requests whose e-mail address was confirmed enter the pipeline."""
        return self.filter(confirmed_at__isnull=False)


class ExpressionOfInterest(models.Model):
    """A municipality's Interessensbekundung for Start Smart, from the public form to the end of its accompaniment."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="expressions_of_interest",
                                     verbose_name=_("Kommune"))
    contact_name = models.CharField(_("Ansprechperson"), max_length=200)
    function = models.CharField(_("Funktion"), max_length=200, help_text=_("z. B. Digitalisierungsbeauftragte, Bürgermeister"))
    email = models.EmailField(_("E-Mail-Adresse"))
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    topics = models.ManyToManyField(FieldOfAction, related_name="expressions_of_interest", blank=True,
                                    verbose_name=_("Themen (Handlungsfelder)"))
    formats = models.JSONField(_("Gewünschte Formate"), default=list, blank=True,
                               help_text=_("Liste aus kick-off, themenwerkstatt, peer-learning, initialberatung"))
    message = models.TextField(_("Anliegen"), blank=True)
    consent_at = models.DateTimeField(_("Einwilligung zur Datenverarbeitung am"))
    language = models.CharField(_("Sprache"), max_length=8, default="de", help_text=_("Sprache der E-Mails an die Kommune"))
    token = models.CharField(_("Schlüssel für den Bestätigungslink"), max_length=64, unique=True, default=opt_in_token,
                             editable=False)
    confirmed_at = models.DateTimeField(_("E-Mail bestätigt am"), null=True, blank=True, db_index=True)
    state = models.CharField(_("Stand"), max_length=20, choices=PipelineState.choices, default=PipelineState.NEW,
                             db_index=True)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="assigned_expressions_of_interest", verbose_name=_("Zuständig"))
    next_step = models.CharField(_("Nächster Schritt"), max_length=300, blank=True)
    next_step_date = models.DateField(_("Nächster Schritt am"), null=True, blank=True)
    is_demo = models.BooleanField(_("Demo-Datensatz"), default=False)
    created_at = models.DateTimeField(_("Eingegangen am"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True)

    objects = ExpressionOfInterestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("Interessensbekundung")
        verbose_name_plural = _("Interessensbekundungen")

    def __str__(self) -> str:
        return f"{self.municipality} ({self.contact_name})"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    def get_formats_display(self) -> list[str]:
        labels = dict(WantedFormat.choices)
        return [str(labels.get(code, code)) for code in self.formats]

    def allowed_next_states(self) -> tuple[str, ...]:
        return PIPELINE_TRANSITIONS.get(self.state, ())


class PipelineEntryKind(models.TextChoices):
    SUBMITTED = "submitted", _("eingegangen")
    CONFIRMED = "confirmed", _("E-Mail bestätigt")
    STATE = "state", _("Stand geändert")
    ASSIGNED = "assigned", _("Zuständigkeit geändert")
    NEXT_STEP = "next_step", _("Nächster Schritt geändert")
    NOTE = "note", _("Notiz")


class PipelineEntry(models.Model):
    """One line of an expression of interest's history: who did what when, and whether the municipality was told."""

    expression_of_interest = models.ForeignKey(ExpressionOfInterest, on_delete=models.CASCADE, related_name="entries",
                                               verbose_name=_("Interessensbekundung"))
    kind = models.CharField(_("Art"), max_length=12, choices=PipelineEntryKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("Durch"))
    from_state = models.CharField(_("Vorher"), max_length=20, choices=PipelineState.choices, blank=True)
    to_state = models.CharField(_("Nachher"), max_length=20, choices=PipelineState.choices, blank=True)
    text = models.TextField(_("Text"), blank=True)
    municipality_notified = models.BooleanField(_("Kommune per E-Mail informiert"), default=False)
    created_at = models.DateTimeField(_("Zeitpunkt"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("Verlaufseintrag")
        verbose_name_plural = _("Verlauf")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.expression_of_interest}"
