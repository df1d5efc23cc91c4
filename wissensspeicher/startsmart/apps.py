from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StartSmartConfig(AppConfig):
    name = "wissensspeicher.startsmart"
    verbose_name = _("Start Smart")
