from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeasuresConfig(AppConfig):
    name = "wissensspeicher.measures"
    label = "measures"
    verbose_name = _("Maßnahmen")

    def ready(self) -> None:
        from wissensspeicher.core.demo import register_demo_check
        from wissensspeicher.measures.selectors import measure_demo_present

        register_demo_check(measure_demo_present)
