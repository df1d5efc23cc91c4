"""Profiles, editor rights for model projects, requests for them, and API tokens."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wissensspeicher.municipalities.models import ModelProject, Municipality

# Members of this group are moderators (the coordination office); admins are superusers.
MODERATOR_GROUP = "moderators"


class Profile(models.Model):
    """What a member tells about themselves."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile", verbose_name=_("Konto"))
    name = models.CharField(_("Name"), max_length=200, blank=True)
    organisation = models.CharField(_("Organisation"), max_length=200, blank=True, help_text=_("z. B. Stadtverwaltung, Landkreis, Verein"))
    municipality = models.ForeignKey(
        Municipality, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("Kommune"),
        help_text=_("Die Kommune, für die Sie arbeiten (aus dem amtlichen Verzeichnis)"),
    )
    function = models.CharField(_("Funktion"), max_length=200, blank=True, help_text=_("z. B. Digitalisierungsbeauftragte"))
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True)

    class Meta:
        verbose_name = _("Profil")
        verbose_name_plural = _("Profile")

    def __str__(self) -> str:
        return self.name or self.user.email


class ProjectEditor(models.Model):
    """Editor rights: this member maintains the measures of this model project."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="editor_rights", verbose_name=_("Konto"))
    model_project = models.ForeignKey(ModelProject, on_delete=models.CASCADE, related_name="editors", verbose_name=_("Modellprojekt"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("Erteilt von")
    )
    granted_at = models.DateTimeField(_("Erteilt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Redaktionsrecht")
        verbose_name_plural = _("Redaktionsrechte")
        constraints = [models.UniqueConstraint(fields=["user", "model_project"], name="one_editor_right_per_project")]

    def __str__(self) -> str:
        return f"{self.user} – {self.model_project}"


class EditorRequestStatus(models.TextChoices):
    OPEN = "open", _("offen")
    APPROVED = "approved", _("bestätigt")
    DECLINED = "declined", _("abgelehnt")


class EditorRequest(models.Model):
    """A member asks to become an editor of a model project; a moderator decides."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="editor_requests", verbose_name=_("Konto"))
    model_project = models.ForeignKey(ModelProject, on_delete=models.CASCADE, related_name="editor_requests", verbose_name=_("Modellprojekt"))
    message = models.TextField(_("Begründung"), blank=True, help_text=_("Ihre Rolle im Modellprojekt, damit die Moderation Sie zuordnen kann"))
    status = models.CharField(_("Status"), max_length=10, choices=EditorRequestStatus.choices, default=EditorRequestStatus.OPEN, db_index=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("Entschieden von")
    )
    decided_at = models.DateTimeField(_("Entschieden am"), null=True, blank=True)
    decision_note = models.TextField(_("Anmerkung zur Entscheidung"), blank=True)
    created_at = models.DateTimeField(_("Gestellt am"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Antrag auf Redaktionsrechte")
        verbose_name_plural = _("Anträge auf Redaktionsrechte")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "model_project"], condition=models.Q(status="open"), name="one_open_editor_request_per_project"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.model_project} ({self.get_status_display()})"


class ApiToken(models.Model):
    """A secret for the JSON API; only its hash is stored, the secret is shown once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("Konto"))
    name = models.CharField(_("Bezeichnung"), max_length=100, help_text=_("Wofür Sie den Schlüssel verwenden, z. B. „Import aus dem Rathaus-CMS“"))
    prefix = models.CharField(_("Anfang des Schlüssels"), max_length=12)
    key_hash = models.CharField(_("Prüfsumme"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("Zuletzt verwendet"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API-Schlüssel")
        verbose_name_plural = _("API-Schlüssel")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
