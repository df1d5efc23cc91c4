"""Site-level records that belong to no domain: accessibility feedback (BITV 2.0 § 7)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessibilityFeedback(models.Model):
    """A barrier reported through the feedback form of the accessibility statement."""

    page_url = models.CharField(_("Betroffene Seite"), max_length=500, blank=True)
    description = models.TextField(_("Beschreibung der Barriere"))
    name = models.CharField(_("Name"), max_length=200, blank=True)
    email = models.EmailField(_("E-Mail-Adresse für Rückfragen"), blank=True)
    created_at = models.DateTimeField(_("Eingegangen am"), auto_now_add=True)
    handled = models.BooleanField(_("Erledigt"), default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Meldung einer Barriere")
        verbose_name_plural = _("Meldungen von Barrieren")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d}: {self.description[:60]}"
