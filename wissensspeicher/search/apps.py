from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "wissensspeicher.search"
    label = "search"
    verbose_name = _("Suche")

    def ready(self) -> None:
        # The knowledge base tells listeners which measures changed; search keeps its index in step.
        from wissensspeicher.measures.services import register_measures_changed_listener
        from wissensspeicher.search.services import measures_changed

        register_measures_changed_listener(measures_changed)
        # The same for the Suche-Biete-Pool: postings are embedded for search and matching.
        from wissensspeicher.marketplace.services.events import register_postings_changed_listener
        from wissensspeicher.search.postings import postings_changed

        register_postings_changed_listener(postings_changed)
