"""Writes for the knowledge base: imports and, later, the editorial workflow."""

from wissensspeicher.measures.services.events import measures_changed, register_measures_changed_listener
from wissensspeicher.measures.services.importing import ImportProblem, ImportReport, measures_import

__all__ = ["ImportProblem", "ImportReport", "measures_changed", "measures_import", "register_measures_changed_listener"]
