"""The official municipality registry (Destatis GV-ISys, Zensus 2022) and the 73 model projects."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class State(models.Model):
    """A German Land (Bundesland)."""

    code = models.CharField(_("Schlüssel"), max_length=2, unique=True, help_text=_("Zweistelliger Länderschlüssel"))
    name = models.CharField(_("Name"), max_length=100, unique=True)
    slug = models.SlugField(_("Kurzname"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Bundesland")
        verbose_name_plural = _("Bundesländer")

    def __str__(self) -> str:
        return self.name


class Level(models.TextChoices):
    DISTRICT = "district", _("Kreis")
    ASSOCIATION = "association", _("Gemeindeverband")
    MUNICIPALITY = "municipality", _("Gemeinde")


class MunicipalityQuerySet(models.QuerySet):
    def gemeinden(self):
        return self.filter(level=Level.MUNICIPALITY)


class Municipality(models.Model):
    """A Kreis, Gemeindeverband or Gemeinde of the official registry (read-only reference data)."""

    key = models.CharField(
        _("Schlüssel"),
        max_length=12,
        unique=True,
        help_text=_("AGS (Gemeinde, 8 Stellen), Kreisschlüssel (5 Stellen) oder Verbandsschlüssel (9 Stellen)"),
    )
    level = models.CharField(_("Ebene"), max_length=12, choices=Level.choices, db_index=True)
    ags = models.CharField(_("AGS"), max_length=8, blank=True, db_index=True, help_text=_("Amtlicher Gemeindeschlüssel"))
    ars = models.CharField(_("ARS"), max_length=12, blank=True, help_text=_("Amtlicher Regionalschlüssel"))
    name = models.CharField(_("Amtlicher Name"), max_length=200)
    short_name = models.CharField(_("Kurzname"), max_length=200, db_index=True, help_text=_("Name ohne amtlichen Zusatz"))
    kind = models.CharField(_("Art"), max_length=80, blank=True, help_text=_("z. B. Landkreis, Amt, Stadt"))
    kind_code = models.CharField(_("Textkennzeichen"), max_length=2, blank=True, help_text=_("Textkennzeichen laut GV-ISys"))
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("Bundesland"))
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("Übergeordnete Einheit"),
        help_text=_("Gemeindeverband oder Kreis"),
    )
    area_km2 = models.DecimalField(_("Fläche (km²)"), max_digits=10, decimal_places=2, null=True, blank=True)
    population = models.PositiveIntegerField(_("Einwohnerzahl"), null=True, blank=True)
    population_source = models.CharField(
        _("Quelle der Einwohnerzahl"),
        max_length=20,
        blank=True,
        help_text=_("zensus2022 (Stichtag 15.05.2022) oder destatis2019 (31.12.2019)"),
    )
    postcode = models.CharField(_("Postleitzahl"), max_length=5, blank=True)
    latitude = models.FloatField(_("Breitengrad"), null=True, blank=True)
    longitude = models.FloatField(_("Längengrad"), null=True, blank=True)
    urbanisation = models.CharField(_("Verstädterung"), max_length=40, blank=True)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["short_name", "key"]
        verbose_name = _("Kommune")
        verbose_name_plural = _("Kommunen")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """Short name with the level where it matters ("Landkreis Hof" vs. "Hof")."""
        if self.level == Level.MUNICIPALITY or not self.kind:
            return self.short_name
        # Names such as "Eifelkreis Bitburg-Prüm" or "Region Hannover" already say what they are.
        if "kreis" in self.short_name.casefold() or self.short_name.startswith(("Region", "Regionalverband")):
            return self.short_name
        if self.kind_code == "50":  # verbandsfreie Gemeinde: the same body as the Gemeinde
            return self.short_name
        return f"{self.kind} {self.short_name}"

    def get_absolute_url(self) -> str:
        return reverse("municipalities:municipality-detail", args=[self.key])


class ModelProjectCategory(models.TextChoices):
    LARGE_CITY = "Großstadt", _("Großstadt")
    MEDIUM_TOWN = "Mittelstadt", _("Mittelstadt")
    SMALL_TOWN = "Kleinstadt/Landgemeinde", _("Kleinstadt/Landgemeinde")
    COOPERATION = "Interkommunale Kooperation/Landkreis", _("Interkommunale Kooperation/Landkreis")


class ModelProject(models.Model):
    """One of the 73 Modellprojekte Smart Cities (MPSC)."""

    name = models.CharField(_("Name"), max_length=200, unique=True)
    slug = models.SlugField(_("Kurzname"), max_length=200, unique=True)
    cohort = models.PositiveSmallIntegerField(_("Staffel"), help_text=_("Jahr der Auswahl: 2019, 2020 oder 2021"), db_index=True)
    category = models.CharField(_("Kategorie"), max_length=60, choices=ModelProjectCategory.choices, db_index=True)
    states = models.ManyToManyField(State, related_name="model_projects", verbose_name=_("Bundesländer"))
    members = models.ManyToManyField(
        Municipality, related_name="model_projects", blank=True, verbose_name=_("Beteiligte Kommunen")
    )
    members_note = models.CharField(
        _("Hinweis zu Beteiligten"), max_length=300, blank=True, help_text=_("Beteiligte laut Quelle, wie dort geschrieben")
    )
    description = models.TextField(_("Beschreibung"), blank=True)
    website = models.URLField(_("Website"), blank=True)
    source_url = models.URLField(_("Quelle"), max_length=500, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Modellprojekt")
        verbose_name_plural = _("Modellprojekte")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("municipalities:modelproject-detail", args=[self.slug])
