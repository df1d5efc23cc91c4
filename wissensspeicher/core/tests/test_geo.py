"""The offline map of Germany: the generated outlines, the projection and the map component."""

from __future__ import annotations

import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from wissensspeicher.core.geo import MAP_FILE, germany_map, map_markers, project

BERLIN = (13.40, 52.52)
MUNICH = (11.58, 48.14)
HAMBURG = (9.99, 53.55)
MAP_CSS = Path(settings.BASE_DIR) / "frontend" / "static" / "css" / "map.css"


def rings(path: str) -> list[list[tuple[float, float]]]:
    """The rings of one of our absolute "M x y L x y ... Z" paths as lists of points."""
    result = []
    for ring in re.findall(r"M([^Z]*)Z", path):
        numbers = [float(value) for value in re.findall(r"-?\d+(?:\.\d+)?", ring)]
        result.append(list(zip(numbers[::2], numbers[1::2])))
    return result


def state_path(name: str) -> str:
    return next(state["path"] for state in germany_map()["states"] if state["name"] == name)


def viewbox() -> tuple[float, float, float, float]:
    x, y, width, height = (float(value) for value in germany_map()["viewbox"].split())
    return x, y, width, height


def inside(point: tuple[float, float], ring: list[tuple[float, float]]) -> bool:
    x, y = point
    crossings = 0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            crossings += 1
    return crossings % 2 == 1


def test_map_file_has_the_16_states_each_with_a_path():
    states = germany_map()["states"]

    assert [state["code"] for state in states] == [f"{number:02d}" for number in range(1, 17)]
    assert {"Schleswig-Holstein", "Berlin", "Bayern", "Thüringen"} <= {state["name"] for state in states}
    for state in states:
        assert state["path"].startswith("M") and state["path"].endswith("Z")
        assert all(len(ring) >= 3 for ring in rings(state["path"])), state["name"]


def test_map_file_is_small_enough_to_inline_in_a_page():
    assert MAP_FILE.stat().st_size < 80_000


def test_outlines_stay_inside_the_viewbox():
    _, _, width, height = viewbox()
    for state in germany_map()["states"]:
        for ring in rings(state["path"]):
            assert all(0 <= x <= width and 0 <= y <= height for x, y in ring), state["name"]


def test_big_islands_are_kept():
    # Rügen and Usedom (Mecklenburg-Vorpommern), Sylt, Föhr and Fehmarn (Schleswig-Holstein)
    assert len(rings(state_path("Mecklenburg-Vorpommern"))) >= 3
    assert len(rings(state_path("Schleswig-Holstein"))) >= 4


def test_neighbours_share_their_border_exactly():
    berlin = rings(state_path("Berlin"))
    brandenburg_rings = rings(state_path("Brandenburg"))

    assert len(berlin) == 1 and len(brandenburg_rings) == 2
    assert set(berlin[0]) == set(brandenburg_rings[1])


def test_berlin_is_projected_into_the_berlin_outline():
    point = project(*BERLIN)
    (outline,) = rings(state_path("Berlin"))
    xs, ys = [x for x, _ in outline], [y for _, y in outline]

    assert min(xs) <= point[0] <= max(xs) and min(ys) <= point[1] <= max(ys)
    assert inside(point, outline)


def test_munich_is_south_of_hamburg_and_on_the_map():
    _, _, width, height = viewbox()
    munich, hamburg = project(*MUNICH), project(*HAMBURG)

    assert munich[1] > hamburg[1]  # SVG y grows downwards
    assert 0 <= munich[0] <= width and 0 <= munich[1] <= height
    assert any(inside(munich, ring) for ring in rings(state_path("Bayern")))
    assert any(inside(hamburg, ring) for ring in rings(state_path("Hamburg")))


def test_map_markers_projects_dicts_and_objects_and_skips_items_without_position():
    items = [
        {"name": "Stadtlabor Berlin", "url": "/stadtlabore/berlin/", "lon": BERLIN[0], "lat": BERLIN[1]},
        SimpleNamespace(
            name="Stadtlabor München", url="/stadtlabore/muenchen/", lon=Decimal("11.58"), lat=Decimal("48.14")
        ),
        {"name": "Ohne Ort", "url": "/stadtlabore/ohne-ort/", "lon": None, "lat": None},
        {"name": "Wien", "url": "/stadtlabore/wien/", "lon": 16.37, "lat": 48.21},  # off the map
    ]

    markers = map_markers(items)

    assert [marker["name"] for marker in markers] == ["Stadtlabor Berlin", "Stadtlabor München"]
    assert (markers[0]["x"], markers[0]["y"]) == project(*BERLIN)
    assert markers[1]["url"] == "/stadtlabore/muenchen/"
    assert map_markers(markers) == markers


class _Elements(HTMLParser):
    """Collects start tags and, for each SVG link, its attributes and the text of its <title>."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.links: list[dict] = []
        self.text: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "a" and "germany-map__marker" in attributes.get("class", ""):
            self.links.append({**attributes, "title": ""})
        self._open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag in self._open:
            while self._open.pop() != tag:
                pass

    def handle_data(self, data):
        self.text.append(data)
        if self._open[-2:] == ["a", "title"] and self.links:
            self.links[-1]["title"] += data


def render_map(markers) -> str:
    template = Template("{% load geo %}{% germany_map markers title='Stadtlabore in Deutschland' %}")
    with translation.override("de"):
        return template.render(Context({"markers": markers}))


@pytest.fixture
def two_labs():
    return [
        {"name": "Stadtlabor Berlin", "url": "/stadtlabore/berlin/", "lon": BERLIN[0], "lat": BERLIN[1]},
        {"name": "Stadtlabor München", "url": "/stadtlabore/muenchen/", "lon": MUNICH[0], "lat": MUNICH[1]},
    ]


def test_map_component_links_each_marker_with_an_accessible_name(two_labs):
    html = render_map(two_labs)
    elements = _Elements()
    elements.feed(html)

    assert [(link["href"], link["aria-label"], link["title"]) for link in elements.links] == [
        ("/stadtlabore/berlin/", "Stadtlabor Berlin", "Stadtlabor Berlin"),
        ("/stadtlabore/muenchen/", "Stadtlabor München", "Stadtlabor München"),
    ]
    svg = next(attributes for tag, attributes in elements.tags if tag == "svg")
    assert svg["role"] == "group" and svg["viewbox"] == germany_map()["viewbox"]
    assert "<title id=\"germany-map-title\">Stadtlabore in Deutschland</title>" in html
    assert "Die 16 Länder mit 2 markierten Orten." in html
    assert sum(1 for tag, attributes in elements.tags if tag == "path") == 16
    hit_areas = [attributes for tag, attributes in elements.tags if attributes.get("class") == "germany-map__hit"]
    assert len(hit_areas) == 2 and all(float(area["r"]) >= 24 for area in hit_areas)


def test_map_component_credits_the_bkg_with_a_link(two_labs):
    html = render_map(two_labs)
    elements = _Elements()
    elements.feed(html)

    text = re.sub(r"\s+", " ", "".join(elements.text))
    assert "Karte: © GeoBasis-DE / BKG 2021 (Daten verändert), dl-de/by-2-0" in text
    assert ("a", {"href": "https://www.bkg.bund.de"}) in elements.tags


def test_map_component_works_under_the_content_security_policy(two_labs):
    html = render_map(two_labs)
    elements = _Elements()
    elements.feed(html)

    assert not [tag for tag, attributes in elements.tags if "style" in attributes]
    assert not [tag for tag, _ in elements.tags if tag in ("style", "script", "image", "img", "iframe", "use")]
    assert "src=" not in html and "url(" not in html  # nothing is loaded, from us or anyone


def test_map_without_markers_is_a_single_image():
    html = render_map([])

    assert 'role="img"' in html and "germany-map__marker" not in html
    assert "Die 16 Länder ohne markierte Orte." in html


def _contrast(first: str, second: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_map_colours_meet_non_text_contrast():
    colours = dict(re.findall(r"--(map-[a-z-]+):\s*(#[0-9a-fA-F]{6})", MAP_CSS.read_text(encoding="utf-8")))
    page = "#ffffff"

    assert _contrast(colours["map-marker"], colours["map-land"]) >= 3
    assert _contrast(colours["map-marker"], page) >= 3
    assert _contrast(colours["map-marker-active"], colours["map-focus"]) >= 3
    assert _contrast(colours["map-focus-ring"], colours["map-land"]) >= 3
    assert _contrast(colours["map-border"], page) >= 3
