"""The knowledge base: measures (Maßnahmen) and the taxonomies moderators maintain."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords

from wissensspeicher.municipalities.models import ModelProject, Municipality, State


class TaxonomyTerm(models.Model):
    """A label of one of the taxonomies; editable data rows, not code."""

    label = models.CharField(
        _("Bezeichnung"), max_length=100, unique=True, help_text=_("Deutsche Bezeichnung, wie im Importformat")
    )
    label_en = models.CharField(_("Bezeichnung (Englisch)"), max_length=100, blank=True)
    slug = models.SlugField(_("Kurzname"), max_length=100, unique=True, help_text=_("Für Adressen und Filter"))
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    description = models.TextField(_("Beschreibung"), blank=True)

    class Meta:
        abstract = True
        ordering = ["position", "label"]

    def __str__(self) -> str:
        return self.display_label

    @property
    def display_label(self) -> str:
        """The label in the active language (German where no English label is maintained)."""
        if self.label_en and (get_language() or "de").startswith("en"):
            return self.label_en
        return self.label


class FieldOfAction(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("Handlungsfeld")
        verbose_name_plural = _("Handlungsfelder")


class SpatialImpact(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("Raumwirkung")
        verbose_name_plural = _("Raumwirkungen")


class ProgressStatus(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("Bearbeitungsstand")
        verbose_name_plural = _("Bearbeitungsstände")


class SolutionType(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("Lösungstyp")
        verbose_name_plural = _("Lösungstypen")


class TargetGroup(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("Zielgruppe")
        verbose_name_plural = _("Zielgruppen")


class PublicationState(models.TextChoices):
    """Where a measure is in the editorial workflow (separate from its progress, the Bearbeitungsstand)."""

    DRAFT = "draft", _("Entwurf")
    IN_REVIEW = "in_review", _("In Prüfung")
    PUBLISHED = "published", _("Veröffentlicht")
    ARCHIVED = "archived", _("Archiviert")


class MeasureQuerySet(models.QuerySet):
    def published(self):
        return self.filter(publication_state=PublicationState.PUBLISHED)

    def demo(self):
        return self.filter(is_demo=True)


class Measure(models.Model):
    """A Smart City measure (Maßnahme) of a model project."""

    external_id = models.CharField(
        _("Externe ID"), max_length=200, unique=True, null=True, blank=True, help_text=_("Stabile ID aus der Quelle")
    )
    title = models.CharField(_("Titel"), max_length=200)
    summary = models.CharField(_("Kurzbeschreibung"), max_length=500)
    description = models.TextField(_("Beschreibung"), help_text=_("Ausgangslage, Ziel, Vorgehen; Absätze durch Leerzeilen"))
    model_project = models.ForeignKey(
        ModelProject, on_delete=models.PROTECT, related_name="measures", verbose_name=_("Modellprojekt")
    )
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="measures", verbose_name=_("Bundesland"))
    fields_of_action = models.ManyToManyField(FieldOfAction, related_name="measures", verbose_name=_("Handlungsfelder"))
    spatial_impact = models.ForeignKey(
        SpatialImpact, on_delete=models.PROTECT, related_name="measures", verbose_name=_("Raumwirkung")
    )
    status = models.ForeignKey(
        ProgressStatus, on_delete=models.PROTECT, related_name="measures", verbose_name=_("Bearbeitungsstand")
    )
    solution_types = models.ManyToManyField(
        SolutionType, related_name="measures", blank=True, verbose_name=_("Lösungstypen")
    )
    target_groups = models.ManyToManyField(TargetGroup, related_name="measures", blank=True, verbose_name=_("Zielgruppen"))
    start = models.DateField(_("Beginn"), null=True, blank=True, help_text=_("Monat des Beginns (Tag ist immer der 1.)"))
    end = models.DateField(_("Ende"), null=True, blank=True, help_text=_("Monat des Endes (Tag ist immer der 1.)"))
    budget_eur = models.PositiveBigIntegerField(_("Budget (EUR)"), null=True, blank=True)
    open_source = models.BooleanField(_("Open Source"), null=True, blank=True)
    repository_url = models.URLField(_("Quellcode-Repository"), max_length=500, blank=True)
    licence = models.CharField(_("Lizenz"), max_length=100, blank=True, help_text=_("SPDX-Kennung, z. B. EUPL-1.2"))
    transferability = models.TextField(_("Übertragbarkeit"), blank=True, help_text=_("Wie andere Kommunen die Lösung übernehmen können"))
    contact_name = models.CharField(_("Ansprechperson"), max_length=200, blank=True)
    contact_role = models.CharField(_("Funktion der Ansprechperson"), max_length=200, blank=True)
    contact_email = models.EmailField(
        _("E-Mail der Ansprechperson"), blank=True, help_text=_("Wird nie öffentlich angezeigt")
    )
    contact_consent = models.BooleanField(
        _("Einwilligung der Ansprechperson"), default=False,
        help_text=_("Die Ansprechperson ist einverstanden, dass Name und Funktion öffentlich angezeigt werden"),
    )
    is_demo = models.BooleanField(
        _("Demo-Datensatz"), default=False, db_index=True, help_text=_("Fiktives Beispiel aus den Demo-Daten")
    )
    publication_state = models.CharField(
        _("Veröffentlichungsstatus"), max_length=12, choices=PublicationState.choices, default=PublicationState.DRAFT, db_index=True
    )
    revision_of = models.OneToOneField(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="pending_revision",
        verbose_name=_("Überarbeitung von"),
        help_text=_("Geänderte Fassung einer veröffentlichten Maßnahme, bis die Moderation sie veröffentlicht"),
    )
    relations = models.JSONField(
        _("Zuordnungen"), default=dict, blank=True, editable=False,
        help_text=_("Kategorien und Kommunen als Kurzliste, damit jede Version in der Historie vollständig ist"),
    )
    last_checked_at = models.DateTimeField(_("Zuletzt geprüft am"), null=True, blank=True)
    check_reminder_sent_at = models.DateTimeField(_("Erinnerung zur Prüfung gesendet am"), null=True, blank=True)
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True, db_index=True)

    objects = MeasureQuerySet.as_manager()
    history = HistoricalRecords(
        verbose_name=_("Version einer Maßnahme"),
        excluded_fields=["updated_at", "check_reminder_sent_at", "revision_of"],
        user_related_name="+",
    )

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("Maßnahme")
        verbose_name_plural = _("Maßnahmen")
        indexes = [models.Index(fields=["-created_at", "-id"], name="measure_newest")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("measures:measure-detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.publication_state == PublicationState.PUBLISHED

    @property
    def public_contact(self) -> bool:
        """Name and function of the contact person may be shown (the editor confirmed consent)."""
        return self.contact_consent and bool(self.contact_name)

    @property
    def description_paragraphs(self) -> list[str]:
        return [p.strip() for p in self.description.split("\n\n") if p.strip()]


class MunicipalityLinkKind(models.TextChoices):
    INVOLVED = "involved", _("Beteiligt")
    REUSED_BY = "reused_by", _("Nachgenutzt von")


class MeasureMunicipality(models.Model):
    """A municipality named on a measure, kept as written even when the registry cannot resolve it."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="municipality_links", verbose_name=_("Maßnahme"))
    kind = models.CharField(_("Art"), max_length=12, choices=MunicipalityLinkKind.choices)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    name_as_written = models.CharField(_("Name wie angegeben"), max_length=200)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measure_links",
        verbose_name=_("Kommune im Verzeichnis"),
        help_text=_("Leer, wenn der Name nicht eindeutig aufgelöst werden konnte"),
    )

    class Meta:
        ordering = ["measure", "kind", "position"]
        verbose_name = _("Kommune einer Maßnahme")
        verbose_name_plural = _("Kommunen einer Maßnahme")
        constraints = [
            models.UniqueConstraint(fields=["measure", "kind", "position"], name="measure_municipality_position_unique")
        ]
        indexes = [models.Index(fields=["municipality", "kind"], name="measure_muni_lookup")]

    def __str__(self) -> str:
        return self.name_as_written


class ReviewCommentKind(models.TextChoices):
    COMMENT = "comment", _("Kommentar")
    SUBMITTED = "submitted", _("Zur Prüfung eingereicht")
    SENT_BACK = "sent_back", _("Zur Überarbeitung zurückgegeben")
    PUBLISHED = "published", _("Veröffentlicht")
    ARCHIVED = "archived", _("Archiviert")
    CHECKED = "checked", _("Aktualität bestätigt")


class ReviewComment(models.Model):
    """A note in a measure's editorial conversation: comments and workflow steps with who and when."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="review_comments", verbose_name=_("Maßnahme"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("Verfasst von")
    )
    kind = models.CharField(_("Art"), max_length=10, choices=ReviewCommentKind.choices, default=ReviewCommentKind.COMMENT)
    text = models.TextField(_("Text"), blank=True)
    created_at = models.DateTimeField(_("Verfasst am"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("Redaktionsnotiz")
        verbose_name_plural = _("Redaktionsnotizen")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"
