"""Events of the programme (conferences, workshops, peer learnings, webinars), their series, documents and registrations."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wissensspeicher.measures.models import FieldOfAction
from wissensspeicher.municipalities.models import ModelProject, Municipality


class EventFormat(models.TextChoices):
    REGIONAL_CONFERENCE = "regionalkonferenz", _("Regionalkonferenz")
    CONGRESS = "kongress", _("Kongress")
    KICKOFF = "kick-off-workshop", _("Kick-off-Workshop")
    THEME_WORKSHOP = "themenwerkstatt", _("Themenwerkstatt")
    PEER_LEARNING = "peer-learning", _("Peer-Learning-Treffen")
    WEBINAR = "webinar", _("Webinar")


class EventMode(models.TextChoices):
    ONLINE = "online", _("online")
    ON_SITE = "vor-ort", _("vor Ort")
    HYBRID = "hybrid", _("hybrid")


class EventSeries(models.Model):
    """Meetings that belong together, e.g. a peer learning with several meetings over 6–12 months."""

    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(_("Kurzname"), max_length=200, unique=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    host_model_project = models.ForeignKey(ModelProject, on_delete=models.SET_NULL, null=True, blank=True, related_name="event_series",
                                           verbose_name=_("Gastgebendes Modellprojekt"))
    is_demo = models.BooleanField(_("Demo-Datensatz"), default=False)
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("Veranstaltungsreihe")
        verbose_name_plural = _("Veranstaltungsreihen")

    def __str__(self) -> str:
        return self.title


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def upcoming(self, now=None):
        """Events that have not ended yet (a running event is still 'upcoming' for visitors)."""
        return self.filter(end__gte=now or timezone.now())

    def past(self, now=None):
        return self.filter(end__lt=now or timezone.now())


class Event(models.Model):
    """One event with a date, a place or an online link, and a limited number of seats."""

    format = models.CharField(_("Format"), max_length=20, choices=EventFormat.choices, db_index=True)
    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(_("Kurzname"), max_length=200, unique=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    start = models.DateTimeField(_("Beginn"), db_index=True)
    end = models.DateTimeField(_("Ende"), db_index=True)
    mode = models.CharField(_("Durchführung"), max_length=10, choices=EventMode.choices, default=EventMode.ON_SITE)
    venue_address = models.CharField(_("Veranstaltungsort"), max_length=300, blank=True, help_text=_("Adresse für Teilnahme vor Ort"))
    online_link = models.URLField(_("Zugangslink"), max_length=500, blank=True,
                                  help_text=_("Wird nur bestätigten Teilnehmenden angezeigt"))
    host_model_project = models.ForeignKey(ModelProject, on_delete=models.SET_NULL, null=True, blank=True, related_name="events",
                                           verbose_name=_("Gastgebendes Modellprojekt"))
    host_municipality = models.ForeignKey(Municipality, on_delete=models.SET_NULL, null=True, blank=True, related_name="events",
                                          verbose_name=_("Gastgebende Kommune"))
    fields_of_action = models.ManyToManyField(FieldOfAction, related_name="events", blank=True, verbose_name=_("Handlungsfelder"))
    capacity = models.PositiveIntegerField(_("Plätze"), help_text=_("Höchstzahl bestätigter Teilnehmender"))
    registration_opens = models.DateTimeField(_("Anmeldung ab"), null=True, blank=True, help_text=_("Leer: sofort"))
    registration_closes = models.DateTimeField(_("Anmeldung bis"), null=True, blank=True, help_text=_("Leer: bis zum Beginn"))
    allow_guests = models.BooleanField(_("Gäste ohne Konto zulassen"), default=False,
                                       help_text=_("Gäste bestätigen ihre Anmeldung über einen Link per E-Mail"))
    is_published = models.BooleanField(_("Veröffentlicht"), default=False, db_index=True)
    series = models.ForeignKey(EventSeries, on_delete=models.SET_NULL, null=True, blank=True, related_name="events",
                               verbose_name=_("Reihe"))
    is_demo = models.BooleanField(_("Demo-Datensatz"), default=False)
    revision = models.PositiveIntegerField(
        _("Fassung für Kalender"), default=0, editable=False,
        help_text=_("Steigt mit jeder Änderung von Zeit, Ort oder Zugang, damit Kalender den Eintrag aktualisieren"))
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["start", "id"]
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="events_event_end_after_start"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="events_event_capacity_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:event-detail", args=[self.slug])

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    @property
    def is_online(self) -> bool:
        return self.mode in (EventMode.ONLINE, EventMode.HYBRID)

    def registration_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        opens = self.registration_opens
        closes = self.registration_closes or self.start
        return self.is_published and (opens is None or opens <= now) and now < closes


class DocumentKind(models.TextChoices):
    SLIDES = "folien", _("Folien")
    MINUTES = "protokoll", _("Protokoll")
    OTHER = "sonstiges", _("Sonstiges")


def event_document_upload_to(document: EventDocument, filename: str) -> str:
    # One folder per event; the storage adds a suffix when a name is taken, so nothing is overwritten.
    return f"events/{document.event.slug}/{filename}"


class EventDocument(models.Model):
    """Slides, minutes or other material published after an event: an uploaded file or a link."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="documents", verbose_name=_("Veranstaltung"))
    title = models.CharField(_("Titel"), max_length=200)
    file = models.FileField(_("Datei"), upload_to=event_document_upload_to, max_length=300, blank=True)
    url = models.URLField(_("Adresse"), max_length=500, blank=True, help_text=_("Statt einer Datei: ein Link"))
    kind = models.CharField(_("Art"), max_length=10, choices=DocumentKind.choices, default=DocumentKind.OTHER)

    class Meta:
        ordering = ["kind", "title"]
        verbose_name = _("Dokument")
        verbose_name_plural = _("Dokumente")
        constraints = [
            models.CheckConstraint(condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")), name="events_document_file_or_url"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def link(self) -> str:
        """Where readers get the document: the link itself, or the download address of the uploaded file."""
        return self.url or reverse("events:document-download", args=[self.event.slug, self.pk])


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("E-Mail-Bestätigung ausstehend")
    CONFIRMED = "confirmed", pgettext_lazy("registration status", "bestätigt")
    WAITING = "waiting", _("Warteliste")
    CANCELLED = "cancelled", _("storniert")


ACTIVE_STATUSES = (RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING)


def registration_token() -> str:
    return secrets.token_urlsafe(32)


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=ACTIVE_STATUSES)


class Registration(models.Model):
    """A member's or guest's seat (or place on the waiting list) at an event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("Veranstaltung"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="event_registrations",
                             verbose_name=_("Konto"))
    name = models.CharField(_("Name"), max_length=200)
    organisation = models.CharField(_("Organisation"), max_length=200, blank=True)
    email = models.EmailField(_("E-Mail-Adresse"), help_text=_("Immer in Kleinbuchstaben gespeichert"))
    status = models.CharField(_("Status"), max_length=10, choices=RegistrationStatus.choices, db_index=True)
    # One secret serves both e-mail links (opt-in and cancellation): whoever holds the mail may do both.
    token = models.CharField(_("Schlüssel für E-Mail-Links"), max_length=64, unique=True, default=registration_token, editable=False)
    confirmed_at = models.DateTimeField(_("Bestätigt am"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("Storniert am"), null=True, blank=True)
    language = models.CharField(_("Sprache"), max_length=8, default="de",
                                help_text=_("Sprache der Seite bei der Anmeldung; alle E-Mails zu dieser Anmeldung sind in ihr"))
    is_demo = models.BooleanField(_("Demo-Datensatz"), default=False)
    created_at = models.DateTimeField(_("Angemeldet am"), default=timezone.now, db_index=True,
                                      help_text=_("Bestimmt die Reihenfolge auf der Warteliste"))

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("Anmeldung")
        verbose_name_plural = _("Anmeldungen")
        constraints = [
            # The services check first for a friendly message; these catch the race between two requests.
            models.UniqueConstraint(fields=["event", "user"], condition=~Q(status="cancelled") & Q(user__isnull=False),
                                    name="events_registration_one_active_per_user"),
            models.UniqueConstraint(fields=["event", "email"], condition=~Q(status="cancelled"),
                                    name="events_registration_one_active_per_email"),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.event}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES
