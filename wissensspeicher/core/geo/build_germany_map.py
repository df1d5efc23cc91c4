"""Build germany_states.json, the offline map of Germany, from BKG VG5000 state boundaries.

Run once from the repository root, and again only when the source data changes:

    .venv/bin/python wissensspeicher/core/geo/build_germany_map.py /work/shared/data/municipalities/bkg-vg5000-2021/Ebene_Laender.geojson

The product never reads the source file; it reads only the JSON written here (see SOURCE.md).

Steps, all with the standard library:

1. Keep one land feature per state. The converted GeoJSON lost VG5000's GF attribute (4 = land) and
   also holds coastal waters and the Bodensee under the same ARS; drawing those would move the coast
   out to sea. If GF is present it decides; otherwise the largest feature of each ARS is the land.
2. Project with a Lambert conformal conic on the unit sphere (standard parallels 48°40' and 53°40',
   about a sixth in from Germany's southern and northern edges at 47.3° and 55.1° N; origin 51° N
   10.5° E), then scale into a viewBox 600 units wide with PADDING on each side. The parameters go into the JSON so that points are projected identically
   at run time (wissensspeicher.core.geo.project).
3. Drop islands and holes smaller than MIN_RING_AREA (about 5 km², under 2 units across: Helgoland,
   Neuwerk, most Halligen). Rügen, Usedom, Fehmarn, Sylt, Föhr, Amrum, Poel, the East Frisian islands
   and the exclave Büsingen stay.
4. Simplify with Douglas-Peucker (TOLERANCE viewBox units), each border between two states once
   for both, so neighbours still meet without slivers or gaps.
5. Round to 0.1 units and write one absolute SVG path ("M x y L x y ... Z" per ring) per state.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

# The projection lives in the package; import it from the repository even when run as a plain script.
REPO_ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO_ROOT))
from wissensspeicher.core.geo import lcc_xy, project_with  # noqa: E402

OUTPUT = Path(__file__).with_name("germany_states.json")
WIDTH = 600
PADDING = 8
TOLERANCE = 0.8  # viewBox units; one unit is about 1.1 km
MIN_RING_AREA = 4.0  # square viewBox units, about 5 km²
PROJECTION = {
    "name": "lambert_conformal_conic_sphere",
    "lat_1": 48.666667,
    "lat_2": 53.666667,
    "lat_0": 51.0,
    "lon_0": 10.5,
}

Point = tuple[float, float]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="Ebene_Laender.geojson (BKG VG5000, WGS84)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)

    states = land_features(json.loads(args.source.read_text(encoding="utf-8")))
    projection, height = fit_projection(states)
    to_view = {}  # source point -> viewBox point, so shared vertices stay identical
    for state in states:
        state["polygons"] = [
            [[to_view.setdefault(p, project_with(projection, *p)) for p in ring] for ring in polygon]
            for polygon in state["polygons"]
        ]
        state["polygons"] = [
            [ring for ring in polygon if ring_area(ring) >= MIN_RING_AREA]
            for polygon in state["polygons"]
            if ring_area(polygon[0]) >= MIN_RING_AREA
        ]

    simplify_shared(states)
    document = {
        "viewbox": f"0 0 {WIDTH} {height}",
        "projection": projection,
        "source": "© GeoBasis-DE / BKG 2021 (Daten verändert), dl-de/by-2-0, https://www.bkg.bund.de",
        "states": [
            {"code": s["code"], "name": s["name"], "path": svg_path(s["polygons"])}
            for s in sorted(states, key=lambda s: s["code"])
        ],
    }
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    args.output.write_text(text, encoding="utf-8")
    points = sum(s["path"].count(" ") for s in document["states"])
    size = len(text.encode())
    print(f"{args.output}: {size} bytes, {len(document['states'])} states, {points} points", file=sys.stderr)
    return 0


def land_features(geojson: dict) -> list[dict]:
    """One land feature per state: GF 4 if the file has GF, else the largest feature of each ARS."""
    by_code: dict[str, dict] = {}
    for feature in geojson["features"]:
        props, geometry = feature["properties"], feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        candidate = {
            "code": props["ARS"],
            "name": props["GEN"],
            "polygons": [[[tuple(p) for p in ring[:-1]] for ring in polygon] for polygon in polygons],
        }
        candidate["area"] = sum(ring_area(polygon[0]) for polygon in candidate["polygons"])
        if "GF" in props and props["GF"] != 4:
            print(f"skipped water feature {props['ARS']} {props['GEN']} (GF {props['GF']})", file=sys.stderr)
            continue
        kept = by_code.get(candidate["code"])
        if kept is None or candidate["area"] > kept["area"]:
            candidate, kept = kept, candidate
            by_code[kept["code"]] = kept
        if candidate is not None:
            print(f"skipped water feature {candidate['code']} {candidate['name']}", file=sys.stderr)
    codes = sorted(by_code)
    if codes != [f"{number:02d}" for number in range(1, 17)]:
        raise SystemExit(f"expected the 16 state codes 01-16, found {codes}")
    return [by_code[code] for code in codes]


def fit_projection(states: list[dict]) -> tuple[dict, int]:
    """Projection parameters that fit all states into WIDTH units with PADDING, and the viewBox height."""
    xs, ys = [], []
    for state in states:
        for polygon in state["polygons"]:
            for lon, lat in polygon[0]:
                x, y = lcc_xy(PROJECTION, lon, lat)
                xs.append(x)
                ys.append(y)
    scale = (WIDTH - 2 * PADDING) / (max(xs) - min(xs))
    height = math.ceil((max(ys) - min(ys)) * scale + 2 * PADDING)
    projection = {
        **PROJECTION,
        "scale": round(scale, 4),
        "x_offset": round(PADDING - min(xs) * scale, 4),
        "y_offset": round(PADDING + max(ys) * scale, 4),
    }
    return projection, height


def ring_area(ring: list[Point]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]))) / 2


def simplify_shared(states: list[dict]) -> None:
    """Douglas-Peucker on arcs between junctions, each shared arc simplified once for both states."""
    rings = [ring for state in states for polygon in state["polygons"] for ring in polygon]
    rings_of: dict[Point, set[int]] = {}
    neighbours: dict[Point, set[frozenset]] = {}
    for index, ring in enumerate(rings):
        for i, point in enumerate(ring):
            rings_of.setdefault(point, set()).add(index)
            neighbours.setdefault(point, set()).add(frozenset((ring[i - 1], ring[(i + 1) % len(ring)])))
    # A junction is where two borders meet or part: its neighbours or its set of rings change.
    fixed = {point for point, pairs in neighbours.items() if len(pairs) > 1}
    for ring in rings:
        for i, point in enumerate(ring):
            if rings_of[point] != rings_of[ring[i - 1]] or rings_of[point] != rings_of[ring[(i + 1) % len(ring)]]:
                fixed.add(point)

    done: dict[tuple, list[Point]] = {}
    for state in states:
        for polygon in state["polygons"]:
            polygon[:] = [simplify_ring(ring, fixed, done) for ring in polygon]
            polygon[:] = [ring for ring in polygon if len(ring) >= 3]
        state["polygons"] = [polygon for polygon in state["polygons"] if polygon]


def simplify_ring(ring: list[Point], fixed: set[Point], done: dict[tuple, list[Point]]) -> list[Point]:
    anchors = [i for i, point in enumerate(ring) if point in fixed]
    if not anchors:  # an island or an enclave: start at a point every ring sharing it agrees on
        anchors = [ring.index(min(ring))]
    start = anchors[0]
    ring = ring[start:] + ring[:start]
    anchors = [i - start for i in anchors] + [len(ring)]
    closed = ring + ring[:1]
    result: list[Point] = []
    for a, b in zip(anchors, anchors[1:]):
        arc = tuple(closed[a : b + 1])
        backwards = arc[::-1]
        key = min(arc, backwards)
        if key not in done:
            done[key] = douglas_peucker(list(key))
        simplified = done[key] if key == arc else done[key][::-1]
        result.extend(simplified[:-1])
    rounded: list[Point] = []
    for x, y in result:
        point = (round(x, 1), round(y, 1))
        if not rounded or rounded[-1] != point:
            rounded.append(point)
    if len(rounded) > 1 and rounded[0] == rounded[-1]:
        rounded.pop()
    return rounded


def douglas_peucker(points: list[Point]) -> list[Point]:
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, distance = None, TOLERANCE
        for i in range(first + 1, last):
            d = segment_distance(points[i], points[first], points[last])
            if d > distance:
                farthest, distance = i, d
        if farthest is not None:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(points, keep) if kept]


def segment_distance(point: Point, a: Point, b: Point) -> float:
    (px, py), (ax, ay), (bx, by) = point, a, b
    dx, dy = bx - ax, by - ay
    length_squared = dx * dx + dy * dy
    if length_squared == 0:  # a closed arc: measure from its start, which keeps its far side
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length_squared))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def svg_path(polygons: list[list[list[Point]]]) -> str:
    rings = [ring for polygon in polygons for ring in polygon]
    return "".join("M" + "L".join(f"{number(x)} {number(y)}" for x, y in ring) + "Z" for ring in rings)


def number(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


if __name__ == "__main__":
    raise SystemExit(main())
