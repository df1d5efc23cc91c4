"""Suche-Biete-Pool: places (Stadtlabore, Ankerorte) and their offers and needs, messages and reports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wissensspeicher.measures.models import FieldOfAction
from wissensspeicher.municipalities.models import ModelProject, Municipality


class PlaceKind(models.TextChoices):
    URBAN_LAB = "stadtlabor", _("Stadtlabor")
    ANCHOR = "ankerort", _("Smarter Ankerort")
    MAKERSPACE = "makerspace", _("Makerspace")
    LIBRARY_LAB = "bibliothek", _("Digitallabor in der Bibliothek")
    COWORKING = "coworking", _("Coworking und Innovationsraum")
    LIVING_LAB = "reallabor", _("Reallabor")
    OTHER = "sonstiges", _("Sonstiger Ort")


class Place(models.Model):
    """A lab or similar place that offers and asks for things in the pool."""

    name = models.CharField(_("Name"), max_length=200, unique=True)
    slug = models.SlugField(_("Kurzname"), max_length=200, unique=True)
    kind = models.CharField(_("Art"), max_length=20, choices=PlaceKind.choices, default=PlaceKind.OTHER)
    municipality = models.ForeignKey(Municipality, on_delete=models.SET_NULL, null=True, blank=True, related_name="places",
                                     verbose_name=_("Kommune"))
    municipality_as_written = models.CharField(_("Kommune wie angegeben"), max_length=200, blank=True)
    model_project = models.ForeignKey(ModelProject, on_delete=models.SET_NULL, null=True, blank=True, related_name="places",
                                      verbose_name=_("Modellprojekt"))
    address = models.CharField(_("Adresse"), max_length=300, blank=True)
    latitude = models.FloatField(_("Breitengrad"), null=True, blank=True)
    longitude = models.FloatField(_("Längengrad"), null=True, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    offers = models.TextField(_("Was der Ort anbietet"), blank=True)
    contact_email = models.EmailField(_("Kontakt-E-Mail"), blank=True, help_text=_("Wird nie angezeigt; Nachrichten werden weitergeleitet"))
    is_demo = models.BooleanField(_("Demo-Datensatz"), default=False)
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Ort")
        verbose_name_plural = _("Orte")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("marketplace:place-detail", args=[self.slug])


class PostingKind(models.TextChoices):
    OFFER = "offer", pgettext_lazy("posting kind", "Biete")
    NEED = "need", pgettext_lazy("posting kind", "Suche")


class PostingCategory(models.TextChoices):
    KNOWLEDGE = "wissen", _("Wissen und Erfahrung")
    SOFTWARE = "software", _("Software und Lösung")
    ROOM = "raum", _("Raum und Ausstattung")
    FORMAT = "format", _("Veranstaltungsformat")
    STAFF = "personal", _("Personal und Hospitation")
    DATA = "daten", _("Daten")


class PostingStatus(models.TextChoices):
    OPEN = "open", _("offen")
    FULFILLED = "fulfilled", _("erledigt")
    EXPIRED = "expired", _("abgelaufen")
    HIDDEN = "hidden", _("ausgeblendet")
    WITHDRAWN = "withdrawn", _("zurückgezogen")


class PostingQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=PostingStatus.OPEN)

    def public(self):
        """What visitors may see: everything but hidden and withdrawn postings."""
        return self.exclude(status__in=[PostingStatus.HIDDEN, PostingStatus.WITHDRAWN])


class Posting(models.Model):
    """An offer (Biete) or a need (Suche) of a place or municipality."""

    external_id = models.CharField(_("Externe ID"), max_length=200, unique=True, null=True, blank=True)
    kind = models.CharField(_("Art"), max_length=5, choices=PostingKind.choices, db_index=True)
    title = models.CharField(_("Titel"), max_length=200)
    body = models.TextField(_("Text"))
    category = models.CharField(_("Kategorie"), max_length=10, choices=PostingCategory.choices, db_index=True)
    place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="postings", verbose_name=_("Ort"))
    municipality = models.ForeignKey(Municipality, on_delete=models.SET_NULL, null=True, blank=True, related_name="postings",
                                     verbose_name=_("Kommune"))
    municipality_as_written = models.CharField(_("Kommune wie angegeben"), max_length=200, blank=True)
    fields_of_action = models.ManyToManyField(FieldOfAction, related_name="postings", blank=True, verbose_name=_("Handlungsfelder"))
    valid_until = models.DateField(_("Gültig bis"))
    status = models.CharField(_("Status"), max_length=10, choices=PostingStatus.choices, default=PostingStatus.OPEN, db_index=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="postings",
                              verbose_name=_("Verantwortlich"))
    notify_matches = models.BooleanField(_("Bei passenden neuen Einträgen benachrichtigen"), default=False)
    moderation_note = models.TextField(_("Notiz der Moderation"), blank=True)
    expiry_reminder_sent_at = models.DateTimeField(_("Erinnerung vor Ablauf gesendet am"), null=True, blank=True)
    is_demo = models.BooleanField(_("Demo-Datensatz"), default=False)
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True)

    objects = PostingQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("Eintrag")
        verbose_name_plural = _("Einträge")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("marketplace:posting-detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == PostingStatus.OPEN


class Message(models.Model):
    """A message relayed to a posting's owner; the sender agreed that their address is passed on."""

    posting = models.ForeignKey(Posting, on_delete=models.CASCADE, related_name="messages", verbose_name=_("Eintrag"))
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                               verbose_name=_("Absender (Konto)"))
    sender_name = models.CharField(_("Name"), max_length=200)
    sender_email = models.EmailField(_("E-Mail-Adresse"))
    text = models.TextField(_("Nachricht"))
    consent = models.BooleanField(_("Einwilligung zur Weitergabe"), default=False)
    created_at = models.DateTimeField(_("Gesendet am"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Nachricht")
        verbose_name_plural = _("Nachrichten")


class Report(models.Model):
    """A signed-in user reports a posting; a moderator decides."""

    posting = models.ForeignKey(Posting, on_delete=models.CASCADE, related_name="reports", verbose_name=_("Eintrag"))
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("Gemeldet von"))
    reason = models.TextField(_("Grund"))
    created_at = models.DateTimeField(_("Gemeldet am"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("Bearbeitet am"), null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                    verbose_name=_("Bearbeitet von"))

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("Meldung")
        verbose_name_plural = _("Meldungen")
