"""Search data moderators edit (synonyms) and derived data (embeddings)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SynonymGroup(models.Model):
    """Words that mean the same for a search ("Kita | Kindertagesstätte"); edited in the admin."""

    terms = models.TextField(
        _("Begriffe"), help_text=_("Gleichbedeutende Begriffe, getrennt durch „|“; ein Begriff darf aus mehreren Wörtern bestehen.")
    )
    active = models.BooleanField(_("Aktiv"), default=True)
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True)

    class Meta:
        ordering = ["terms"]
        verbose_name = _("Synonymgruppe")
        verbose_name_plural = _("Synonymgruppen")

    def __str__(self) -> str:
        return self.terms[:80]

    @property
    def term_list(self) -> list[str]:
        return [t.strip() for t in self.terms.split("|") if t.strip()]


class MeasureEmbedding(models.Model):
    """The sentence embeddings of a measure's passages: title + summary, then windows of its longer texts (derived, rebuildable)."""

    measure = models.OneToOneField("measures.Measure", on_delete=models.CASCADE, related_name="embedding", verbose_name=_("Maßnahme"))
    text_hash = models.CharField(_("Prüfsumme des Textes"), max_length=64, help_text=_("Unveränderter Text wird nicht neu berechnet"))
    model_name = models.CharField(_("Modell"), max_length=100)
    vector = models.BinaryField(_("Vektoren"), help_text=_("float16, L2-normiert, ein Vektor je Textabschnitt"))
    updated_at = models.DateTimeField(_("Berechnet am"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("Einbettung einer Maßnahme")
        verbose_name_plural = _("Einbettungen von Maßnahmen")

    def __str__(self) -> str:
        return f"{self.measure_id}: {self.model_name}"


class PostingEmbedding(models.Model):
    """The sentence embedding of a posting's title and text (derived, rebuildable)."""

    posting = models.OneToOneField("marketplace.Posting", on_delete=models.CASCADE, related_name="embedding", verbose_name=_("Eintrag"))
    text_hash = models.CharField(_("Prüfsumme des Textes"), max_length=64)
    model_name = models.CharField(_("Modell"), max_length=100)
    vector = models.BinaryField(_("Vektor"), help_text=_("float16, L2-normiert"))
    updated_at = models.DateTimeField(_("Berechnet am"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("Einbettung eines Eintrags")
        verbose_name_plural = _("Einbettungen von Einträgen")

    def __str__(self) -> str:
        return f"{self.posting_id}: {self.model_name}"


class EmbeddingStamp(models.Model):
    """A token that changes with every write to the measure embeddings, so each web process sees in one cheap read
    whether its in-memory vectors are stale (counting 100k embedding rows on every check took ~14 ms)."""

    name = models.CharField(_("Name"), max_length=40, primary_key=True)
    token = models.CharField(_("Kennung"), max_length=32, help_text=_("Zufällig, bei jeder Änderung neu"))

    class Meta:
        verbose_name = _("Stand der Einbettungen")
        verbose_name_plural = _("Stände der Einbettungen")

    def __str__(self) -> str:
        return f"{self.name}: {self.token}"
