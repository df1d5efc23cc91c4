"""Template tags of the search seam for pages of other apps."""

from __future__ import annotations

from django import template

from wissensspeicher.measures.selectors import measure_list_by_ids
from wissensspeicher.search.selectors import similar_measures

register = template.Library()


@register.inclusion_tag("search/similar_measures.html")
def similar_measures_for(measure, limit: int = 5):
    """The five measures most like this one ("Ähnliche Maßnahmen")."""
    ids = similar_measures(measure.pk, title=measure.title, summary=measure.summary, limit=limit)
    return {"similar": measure_list_by_ids(ids)}
