"""Peer learnings and working groups: groups of organisations with members, a meeting series and shared documents."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wissensspeicher.events.models import EventSeries
from wissensspeicher.municipalities.models import ModelProject, Municipality


class CommunityKind(models.TextChoices):
    PEER_LEARNING = "peer_learning", _("Peer-Learning")
    WORKING_GROUP = "working_group", _("Arbeits- und Entwicklungsgemeinschaft")


# Address prefix per kind; the views resolve a section back to its kind.
SECTIONS = {CommunityKind.PEER_LEARNING: "peer-learnings", CommunityKind.WORKING_GROUP: "arbeitsgemeinschaften"}


class Community(models.Model):
    """A peer learning (hosted by a model project) or a working group: one concept, two kinds."""

    kind = models.CharField(_("Art"), max_length=20, choices=CommunityKind.choices, db_index=True)
    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(_("Kurzname"), max_length=200, unique=True, help_text=_("Teil der Adresse der Seite"))
    description = models.TextField(_("Beschreibung"), blank=True, help_text=_("Öffentlich sichtbar"))
    host_model_project = models.ForeignKey(
        ModelProject, on_delete=models.PROTECT, null=True, blank=True, related_name="communities",
        verbose_name=_("Gastgebendes Modellprojekt"), help_text=_("Pflicht bei Peer-Learnings"))
    series = models.ForeignKey(EventSeries, on_delete=models.SET_NULL, null=True, blank=True, related_name="communities",
                               verbose_name=_("Veranstaltungsreihe"), help_text=_("Die Treffen dieser Gruppe"))
    is_demo = models.BooleanField(_("Demo-Datensatz"), default=False)
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("Peer-Learning oder Arbeitsgemeinschaft")
        verbose_name_plural = _("Peer-Learnings und Arbeitsgemeinschaften")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        name = "peer-learning-detail" if self.kind == CommunityKind.PEER_LEARNING else "working-group-detail"
        return reverse(f"communities:{name}", args=[self.slug])

    @property
    def is_peer_learning(self) -> bool:
        return self.kind == CommunityKind.PEER_LEARNING

    @property
    def section(self) -> str:
        """The first part of the page addresses (German, as visitors see it)."""
        return SECTIONS[self.kind]


class CommunityOrganisation(models.Model):
    """A participating organisation: a municipality, a model project or another body named in free text."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="organisations", verbose_name=_("Gruppe"))
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                     verbose_name=_("Kommune"))
    model_project = models.ForeignKey(ModelProject, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                      verbose_name=_("Modellprojekt"))
    name = models.CharField(_("Name"), max_length=200, blank=True, help_text=_("Für andere Organisationen, z. B. Verbände"))
    expression_of_interest = models.ForeignKey(
        "startsmart.ExpressionOfInterest", on_delete=models.SET_NULL, null=True, blank=True, related_name="community_organisations",
        verbose_name=_("Interessensbekundung"), help_text=_("Aus welcher Interessensbekundung die Teilnahme hervorging"))
    created_at = models.DateTimeField(_("Aufgenommen am"), auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("Beteiligte Organisation")
        verbose_name_plural = _("Beteiligte Organisationen")
        constraints = [
            models.CheckConstraint(condition=Q(municipality__isnull=False) | Q(model_project__isnull=False) | ~Q(name=""),
                                   name="communities_organisation_named"),
            models.UniqueConstraint(fields=["community", "municipality"], condition=Q(municipality__isnull=False),
                                    name="communities_organisation_one_per_municipality"),
            models.UniqueConstraint(fields=["community", "model_project"], condition=Q(model_project__isnull=False),
                                    name="communities_organisation_one_per_model_project"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.name:
            return self.name
        if self.model_project_id:
            return str(self.model_project)
        return self.municipality.display_name if self.municipality_id else ""


class MembershipStatus(models.TextChoices):
    REQUESTED = "requested", pgettext_lazy("membership status", "angefragt")
    APPROVED = "approved", pgettext_lazy("membership status", "bestätigt")
    DECLINED = "declined", pgettext_lazy("membership status", "abgelehnt")
    LEFT = "left", pgettext_lazy("membership status", "ausgetreten")


ACTIVE_MEMBERSHIP_STATUSES = (MembershipStatus.REQUESTED, MembershipStatus.APPROVED)


class CommunityMembership(models.Model):
    """An account's request to join a group, and – once approved – its access to member-only documents."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("Gruppe"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_memberships",
                             verbose_name=_("Konto"))
    organisation = models.CharField(_("Organisation"), max_length=200, blank=True, help_text=_("Für welche Organisation die Person mitarbeitet"))
    status = models.CharField(_("Status"), max_length=10, choices=MembershipStatus.choices, default=MembershipStatus.REQUESTED,
                              db_index=True)
    message = models.TextField(_("Nachricht"), blank=True, help_text=_("Warum die Person mitarbeiten möchte"))
    language = models.CharField(_("Sprache"), max_length=8, default="de", help_text=_("Sprache der E-Mail mit der Entscheidung"))
    decision_note = models.TextField(_("Begründung der Entscheidung"), blank=True, help_text=_("Wird der Person per E-Mail mitgeteilt"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                   verbose_name=_("Entschieden von"))
    decided_at = models.DateTimeField(_("Entschieden am"), null=True, blank=True)
    is_demo = models.BooleanField(_("Demo-Datensatz"), default=False)
    created_at = models.DateTimeField(_("Angefragt am"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")
        constraints = [
            # The service checks first for a friendly message; this catches two requests sent at the same moment.
            models.UniqueConstraint(fields=["community", "user"], condition=Q(status__in=["requested", "approved"]),
                                    name="communities_membership_one_active_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.community}"


class DocumentVisibility(models.TextChoices):
    MEMBERS = "members", _("nur für Mitglieder")
    PUBLIC = "public", _("öffentlich")


def document_upload_to(document: CommunityDocument, filename: str) -> str:
    # One folder per group; the storage adds a suffix when a name is taken, so nothing is overwritten.
    return f"communities/{document.community.slug}/{filename}"


class CommunityDocument(models.Model):
    """A shared file or link; files are only ever delivered through the download view, which checks the permission."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="documents", verbose_name=_("Gruppe"))
    title = models.CharField(_("Titel"), max_length=200)
    file = models.FileField(_("Datei"), upload_to=document_upload_to, max_length=300, blank=True)
    url = models.URLField(_("Adresse"), max_length=500, blank=True, help_text=_("Statt einer Datei: ein Link"))
    visibility = models.CharField(_("Sichtbarkeit"), max_length=10, choices=DocumentVisibility.choices, default=DocumentVisibility.MEMBERS)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                    verbose_name=_("Hochgeladen von"))
    is_demo = models.BooleanField(_("Demo-Datensatz"), default=False)
    created_at = models.DateTimeField(_("Hochgeladen am"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("Dokument")
        verbose_name_plural = _("Dokumente")
        constraints = [
            # Exactly one of file and link.
            models.CheckConstraint(condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")), name="communities_document_file_or_url"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.visibility == DocumentVisibility.PUBLIC

    def get_absolute_url(self) -> str:
        """Where the document opens: the external link, or the permission-checking download view."""
        if self.url:
            return self.url
        return reverse("communities:document-download", args=[self.community.section, self.community.slug, self.pk])
