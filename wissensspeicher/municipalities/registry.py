"""The official registry of German Länder, Kreise, Gemeindeverbände and Gemeinden.

Reads the Destatis GV-ISys extract (territorial status end of 2020, population 31.12.2019) and
replaces each Gemeinde's population with the Zensus 2022 figure where the Zensus knows the
Gemeinde. Pure standard library: used by a data migration and by import services alike.

Keys follow the official schemes:
    state         2 digits  land
    district      5 digits  land + rb + kreis                 (Kreisschlüssel)
    association   9 digits  land + rb + kreis + vb            (ARS prefix of the Gemeindeverband)
    municipality  8 digits  land + rb + kreis + gemeinde      (AGS)
The 12-digit ARS of a Gemeinde is land + rb + kreis + vb + gemeinde.
"""

from __future__ import annotations

import csv
import pathlib
from dataclasses import dataclass

DATA_DIR = pathlib.Path(__file__).resolve().parent / "data"
GV_ISYS_CSV = pathlib.Path("destatis-gv-isys-auszug") / "AuszugGV4QAktuell.csv"
ZENSUS_CSV = pathlib.Path("zensus2022") / "1000A-0000_de_flat.csv"

SOURCE_ZENSUS = "zensus2022"
SOURCE_DESTATIS = "destatis2019"

STATE_NAMES: dict[str, str] = {
    "01": "Schleswig-Holstein",
    "02": "Hamburg",
    "03": "Niedersachsen",
    "04": "Bremen",
    "05": "Nordrhein-Westfalen",
    "06": "Hessen",
    "07": "Rheinland-Pfalz",
    "08": "Baden-Württemberg",
    "09": "Bayern",
    "10": "Saarland",
    "11": "Berlin",
    "12": "Brandenburg",
    "13": "Mecklenburg-Vorpommern",
    "14": "Sachsen",
    "15": "Sachsen-Anhalt",
    "16": "Thüringen",
}

# GV-ISys "Textkennzeichen" (checked against the extract: every code used there is listed).
KIND_LABELS: dict[str, str] = {
    # Kreise
    "41": "Kreisfreie Stadt",
    "42": "Stadtkreis",
    "43": "Kreis",
    "44": "Landkreis",
    "45": "Regionalverband",
    # Gemeindeverbände
    "50": "Verbandsfreie Gemeinde",
    "51": "Amt",
    "52": "Samtgemeinde",
    "53": "Verbandsgemeinde",
    "54": "Verwaltungsgemeinschaft",
    "55": "Kirchspielslandgemeinde",
    "56": "Verwaltungsverband",
    "58": "Erfüllende Gemeinde",
    # Gemeinden
    "60": "Markt",
    "61": "Kreisfreie Stadt",
    "62": "Stadtkreis",
    "63": "Stadt",
    "64": "Gemeinde",  # officially "kreisangehörige Gemeinde"; the short form is what people say
    "65": "Gemeindefreies Gebiet (bewohnt)",
    "66": "Gemeindefreies Gebiet (unbewohnt)",
    "67": "Große Kreisstadt",
}

# A "verbandsfreie Gemeinde" association only mirrors its single Gemeinde.
STANDALONE_ASSOCIATION_CODE = "50"
UNINHABITED_AREA_CODE = "66"

_LEVEL_BY_RECORD_TYPE = {"10": "state", "40": "district", "50": "association", "60": "municipality"}


@dataclass(frozen=True)
class RegistryRow:
    """One Land, Kreis, Gemeindeverband or Gemeinde of the registry."""

    level: str
    key: str
    ags: str
    ars: str
    name: str
    kind_code: str
    kind: str
    state_code: str
    parent_key: str
    district_key: str
    area_km2: float | None = None
    population: int | None = None
    population_source: str = ""
    postcode: str = ""
    latitude: float | None = None
    longitude: float | None = None
    urbanisation: str = ""


def _int(text: str) -> int | None:
    # Destatis writes thousands separated by spaces (" 90 164").
    digits = text.replace(" ", "").replace("\u00a0", "")
    return int(digits) if digits else None


def _float(text: str) -> float | None:
    # Areas use a decimal point, coordinates a decimal comma.
    cleaned = text.replace(" ", "").replace(",", ".")
    return float(cleaned) if cleaned else None


def _clean_name(name: str) -> str:
    # Collapse the occasional double space ("Nortorfer  Land") without touching anything else.
    return " ".join(name.split())


def load_zensus_population(data_dir: pathlib.Path | None = None) -> tuple[dict[str, int], dict[str, int]]:
    """Zensus 2022 population per Gemeinde, keyed by 12-digit ARS and by the AGS derived from it."""
    path = (data_dir or DATA_DIR) / ZENSUS_CSV
    by_ars: dict[str, int] = {}
    by_ags: dict[str, int] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for record in csv.DictReader(handle, delimiter=";"):
            ars = record["1_variable_attribute_code"].strip()
            value = record["value"].strip()
            if len(ars) != 12 or not ars.isdigit() or not value.isdigit():
                continue  # the Germany total ("DG") and any withheld value
            population = int(value)
            by_ars[ars] = population
            by_ags[ars[:5] + ars[9:]] = population
    return by_ars, by_ags


class _Totals:
    """Running sums of the Gemeinden below a state, district or association."""

    __slots__ = ("area", "other_parts", "population", "zensus_parts")

    def __init__(self) -> None:
        self.area = 0.0
        self.population = 0
        self.zensus_parts = 0
        self.other_parts = 0

    def add(self, area: float | None, population: int | None, source: str, counts_for_source: bool) -> None:
        self.area += area or 0.0
        self.population += population or 0
        if counts_for_source:
            if source == SOURCE_ZENSUS:
                self.zensus_parts += 1
            else:
                self.other_parts += 1

    @property
    def source(self) -> str:
        return SOURCE_ZENSUS if self.zensus_parts and not self.other_parts else SOURCE_DESTATIS


def load_registry(data_dir: pathlib.Path | None = None) -> list[RegistryRow]:
    """Every Land, Kreis, Gemeindeverband and Gemeinde in file order (Regierungsbezirke and Regionen skipped)."""
    data_dir = data_dir or DATA_DIR
    zensus_by_ars, zensus_by_ags = load_zensus_population(data_dir)

    with (data_dir / GV_ISYS_CSV).open(encoding="utf-8-sig", newline="") as handle:
        records = [r for r in csv.DictReader(handle) if r["satzart"] in _LEVEL_BY_RECORD_TYPE]

    # Aggregates need every Gemeinde first, so population and area are settled in a first pass.
    totals: dict[str, _Totals] = {}
    municipal_figures: dict[str, tuple[int | None, str]] = {}
    association_codes: dict[str, str] = {}
    districts: set[str] = set()
    for record in records:
        state, district = record["land"], record["land"] + record["rb"] + record["kreis"]
        if record["satzart"] == "40":
            districts.add(district)
        if record["satzart"] == "50":
            association_codes[district + record["vb"]] = record["textkennzeichen"]
        if record["satzart"] != "60":
            continue
        association = district + record["vb"]
        ars = association + record["gemeinde"]
        ags = district + record["gemeinde"]
        if ars in zensus_by_ars:
            population, source = zensus_by_ars[ars], SOURCE_ZENSUS
        elif ags in zensus_by_ags:
            # The Gemeinde changed its Verband between 2020 and 2022 but kept its AGS.
            population, source = zensus_by_ags[ags], SOURCE_ZENSUS
        else:
            population, source = _int(record["bevoelkerung"]), SOURCE_DESTATIS
        municipal_figures[ags] = (population, source)
        # Zensus does not list uninhabited areas; their zero must not mark a total as a 2019 figure.
        counts_for_source = record["textkennzeichen"] != UNINHABITED_AREA_CODE
        area = _float(record["flaeche"])
        for key in (state, district, association):
            totals.setdefault(key, _Totals()).add(area, population, source, counts_for_source)

    def figures(key: str) -> dict:
        total = totals.get(key)
        if total is None:
            return {}
        return {"area_km2": round(total.area, 2), "population": total.population, "population_source": total.source}

    rows: list[RegistryRow] = []
    for record in records:
        level = _LEVEL_BY_RECORD_TYPE[record["satzart"]]
        state = record["land"]
        district = state + record["rb"] + record["kreis"]
        association = district + record["vb"]
        # Two unincorporated areas (the German-Luxembourg condominium, coastal waters) sit in
        # pseudo-Kreise "07000"/"13000" that have no row of their own: they hang below the Land.
        has_district = district in districts
        kind_code = record["textkennzeichen"].strip()
        common = {
            "level": level,
            "name": _clean_name(record["gemeindename"]),
            "kind_code": kind_code,
            "kind": KIND_LABELS.get(kind_code, ""),
            "state_code": state,
        }
        if level == "state":
            common.update(name=STATE_NAMES.get(state, common["name"]), kind="Land")
            row = RegistryRow(key=state, ags="", ars=state, parent_key="", district_key="", **common, **figures(state))
        elif level == "district":
            row = RegistryRow(
                key=district,
                ags=district,
                ars=district,
                parent_key=state,
                district_key=district,
                **common,
                **figures(district),
            )
        elif level == "association":
            row = RegistryRow(
                key=association,
                ags="",
                ars=association,
                parent_key=district if has_district else state,
                district_key=district if has_district else "",
                **common,
                **figures(association),
            )
        else:
            ags = district + record["gemeinde"]
            population, source = municipal_figures[ags]
            # A verbandsfreie Gemeinde hangs directly below its Kreis: its "Verband" is itself.
            in_real_association = association_codes.get(association) not in (None, STANDALONE_ASSOCIATION_CODE)
            latitude, longitude = _float(record["breitengrad"]), _float(record["laengengrad"])
            if not latitude or not longitude:
                latitude = longitude = None  # "0,0" stands for "no centre point" (the condominium)
            row = RegistryRow(
                key=ags,
                ags=ags,
                ars=association + record["gemeinde"],
                parent_key=association if in_real_association else (district if has_district else state),
                district_key=district if has_district else "",
                **common,
                area_km2=_float(record["flaeche"]),
                population=population,
                population_source=source,
                postcode=record["postleitzahl"].strip(),
                latitude=latitude,
                longitude=longitude,
                urbanisation=record["verstaedterungbezeichnung"].strip(),
            )
        rows.append(row)
    return rows
