"""The offline map of Germany as a template component: {% load geo %}{% germany_map places title=... %}."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

from wissensspeicher.core import geo

register = template.Library()


@register.inclusion_tag("components/germany_map.html")
def germany_map(
    markers: Iterable[Any] | None = None, title: str = "", description: str = "", map_id: str = "germany-map"
) -> dict[str, Any]:
    """The 16 states as inline SVG with a link per marker (dicts or objects with name, url, lon, lat;
    output of geo.map_markers works too). Pages using it include css/map.css; a second map on the
    same page needs its own map_id, which prefixes the ids of its title and description."""
    return {
        "map": geo.germany_map(),
        "markers": geo.map_markers(markers or []),
        "title": title,
        "description": description,
        "map_id": map_id,
    }
