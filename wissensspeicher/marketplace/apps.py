from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketplaceConfig(AppConfig):
    name = "wissensspeicher.marketplace"
    verbose_name = _("Suche-Biete-Pool")
