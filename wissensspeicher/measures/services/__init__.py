"""Writes for the knowledge base: imports and, later, the editorial workflow."""

from wissensspeicher.measures.services.importing import ImportProblem, ImportReport, measures_import

__all__ = ["ImportProblem", "ImportReport", "measures_import"]
