"""An offline map of Germany: state outlines as SVG paths, and points projected onto them.

The outlines live in germany_states.json next to this file, generated once by build_germany_map.py
(see SOURCE.md). Nothing here reads the source data or talks to a map server.

The projection math is defined only here; the build script imports it, so a point projected at
run time lands exactly where the same point landed on the outlines.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

MAP_FILE = Path(__file__).with_name("germany_states.json")


def lcc_xy(projection: Mapping[str, float], lon: float, lat: float) -> tuple[float, float]:
    """Lambert conformal conic on the unit sphere (x east, y north), before scaling to the viewBox."""
    n, f, rho0 = _cone(projection["lat_1"], projection["lat_2"], projection["lat_0"])
    rho = f / math.tan(math.pi / 4 + math.radians(lat) / 2) ** n
    theta = n * math.radians(lon - projection["lon_0"])
    return rho * math.sin(theta), rho0 - rho * math.cos(theta)


def project_with(projection: Mapping[str, float], lon: float, lat: float) -> tuple[float, float]:
    """Longitude/latitude (WGS84 degrees) to unrounded viewBox coordinates (y grows downwards)."""
    x, y = lcc_xy(projection, lon, lat)
    return projection["scale"] * x + projection["x_offset"], projection["y_offset"] - projection["scale"] * y


@functools.cache
def _cone(lat_1: float, lat_2: float, lat_0: float) -> tuple[float, float, float]:
    phi_1, phi_2, phi_0 = (math.radians(value) for value in (lat_1, lat_2, lat_0))

    def t(phi: float) -> float:
        return math.tan(math.pi / 4 + phi / 2)

    n = math.log(math.cos(phi_1) / math.cos(phi_2)) / math.log(t(phi_2) / t(phi_1))
    f = math.cos(phi_1) * t(phi_1) ** n / n
    return n, f, f / t(phi_0) ** n


@functools.cache
def germany_map() -> dict[str, Any]:
    """The generated map: viewbox, projection parameters and the 16 states with their SVG paths."""
    with MAP_FILE.open(encoding="utf-8") as handle:
        return json.load(handle)


def project(lon: float, lat: float) -> tuple[float, float]:
    """A WGS84 point in the map's viewBox coordinates, rounded like the outlines (0.1 units)."""
    x, y = project_with(germany_map()["projection"], float(lon), float(lat))
    return round(x, 1), round(y, 1)


def map_markers(items: Iterable[Any]) -> list[dict[str, Any]]:
    """Markers for the map from dicts or objects with name, url, lon and lat; skips items without a
    position and items outside the map (an invisible link would still take a keyboard stop)."""
    _, _, width, height = (float(value) for value in germany_map()["viewbox"].split())
    markers = []
    for item in items:
        lon, lat = _field(item, "lon"), _field(item, "lat")
        if lon in (None, "") or lat in (None, ""):
            continue
        x, y = project(float(lon), float(lat))
        if not (0 <= x <= width and 0 <= y <= height):
            continue
        # lon/lat stay in, so a list of markers can go through map_markers again unchanged.
        markers.append({"name": str(_field(item, "name")), "url": _url(item), "lon": lon, "lat": lat, "x": x, "y": y})
    return markers


def _field(item: Any, name: str) -> Any:
    if isinstance(item, Mapping):
        return item.get(name)
    return getattr(item, name, None)


def _url(item: Any) -> str:
    url = _field(item, "url")
    if not url and hasattr(item, "get_absolute_url"):
        url = item.get_absolute_url()
    return str(url or "")
