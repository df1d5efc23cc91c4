"""The registry built from Destatis GV-ISys and Zensus 2022 (no database)."""

from __future__ import annotations

import collections
import functools
import time

from wissensspeicher.municipalities.registry import STATE_NAMES, RegistryRow, load_registry


@functools.cache
def _rows() -> tuple[RegistryRow, ...]:
    return tuple(load_registry())


@functools.cache
def _by_key() -> dict[str, RegistryRow]:
    return {row.key: row for row in _rows()}


def test_counts_per_level():
    counts = collections.Counter(row.level for row in _rows())
    assert counts == {"state": 16, "district": 401, "association": 4606, "municipality": 11004}


def test_keys_are_unique_and_shaped_by_level():
    assert len(_by_key()) == len(_rows())
    lengths = {"state": (2, 2, 0), "district": (5, 5, 5), "association": (9, 9, 0), "municipality": (8, 12, 8)}
    for row in _rows():
        key_length, ars_length, ags_length = lengths[row.level]
        assert len(row.key) == key_length and row.key.isdigit(), row
        assert len(row.ars) == ars_length and len(row.ags) == ags_length, row
        assert row.state_code == row.key[:2]
        if row.level == "municipality":
            assert row.ags == row.key == row.ars[:5] + row.ars[9:]


def test_state_names():
    assert len(STATE_NAMES) == 16
    assert STATE_NAMES["01"] == "Schleswig-Holstein" and STATE_NAMES["16"] == "Thüringen"
    assert {row.key: row.name for row in _rows() if row.level == "state"} == STATE_NAMES


def test_kinds_follow_the_textkennzeichen():
    kinds = collections.Counter((row.level, row.kind_code, row.kind) for row in _rows() if row.level != "state")
    assert kinds[("district", "41", "Kreisfreie Stadt")] == 98
    assert kinds[("district", "44", "Landkreis")] == 251
    assert kinds[("district", "45", "Regionalverband")] == 1
    assert kinds[("association", "50", "Verbandsfreie Gemeinde")] == 3396
    assert kinds[("association", "51", "Amt")] == 210
    assert kinds[("association", "52", "Samtgemeinde")] == 116
    assert kinds[("association", "53", "Verbandsgemeinde")] == 148
    assert kinds[("association", "58", "Erfüllende Gemeinde")] == 39
    assert kinds[("municipality", "60", "Markt")] == 386
    assert kinds[("municipality", "63", "Stadt")] == 1828
    assert kinds[("municipality", "67", "Große Kreisstadt")] == 123
    assert all(row.kind for row in _rows())


def test_parents_exist_and_skip_verbandsfreie_associations():
    by_key = _by_key()
    for row in _rows():
        if row.level == "state":
            assert row.parent_key == ""
            continue
        parent = by_key[row.parent_key]
        assert row.ars.startswith(parent.ars)
        if row.level == "municipality" and parent.level == "association":
            assert parent.kind_code != "50"
    # Brunsbüttel is verbandsfrei: its parent is the Kreis Dithmarschen, not the mirror association.
    assert by_key["01051011"].parent_key == "01051"
    # Averlak belongs to the Amt Burg-St. Michaelisdonn.
    assert by_key["01051003"].parent_key == "010515163"
    assert by_key["010515163"].parent_key == "01051"
    assert by_key["01051"].parent_key == "01"


def test_population_sources():
    sources = collections.Counter(row.population_source for row in _rows() if row.level == "municipality")
    assert sources["zensus2022"] == 10782
    assert sources["destatis2019"] == 222
    assert sources["zensus2022"] / 11004 > 0.97
    # Uninhabited unincorporated areas are not in the Zensus and have no people.
    uninhabited = [row for row in _rows() if row.kind_code == "66"]
    assert len(uninhabited) == 208
    assert {row.population for row in uninhabited} == {0}


def test_flensburg():
    flensburg = _by_key()["01001000"]
    assert flensburg.name == "Flensburg, Stadt"
    assert (flensburg.kind_code, flensburg.kind) == ("61", "Kreisfreie Stadt")
    assert flensburg.ars == "010010000000"
    assert flensburg.population == 95015 and flensburg.population_source == "zensus2022"
    assert flensburg.area_km2 == 53.02
    assert flensburg.postcode == "24937"
    assert (flensburg.latitude, flensburg.longitude) == (54.78252, 9.43751)
    assert flensburg.urbanisation == "dicht besiedelt"
    assert flensburg.parent_key == flensburg.district_key == "01001"


def test_spot_values():
    by_key = _by_key()
    assert by_key["11000000"].population == 3596999  # Berlin, Zensus 2022
    assert by_key["05962040"].name == "Menden (Sauerland), Stadt"
    assert by_key["05962040"].population == 52434
    # Eisenach joined the Wartburgkreis in 2021, so the Zensus has no figure of its own: 2019 it is.
    eisenach = by_key["16056000"]
    assert (eisenach.population, eisenach.population_source) == (42250, "destatis2019")
    assert by_key["16056"].population_source == "destatis2019"
    assert by_key["09475"].name == "Hof" and by_key["09475"].kind == "Landkreis"
    assert by_key["010595974"].name == "Süderbrarup" and by_key["010595974"].kind == "Amt"


def test_aggregates_are_sums_of_their_gemeinden():
    sums: dict[str, list[float]] = collections.defaultdict(lambda: [0, 0.0])
    for row in _rows():
        if row.level == "municipality":
            for key in {row.state_code, row.district_key, row.ars[:9]} - {""}:
                sums[key][0] += row.population
                sums[key][1] += row.area_km2
    for row in _rows():
        if row.level != "municipality":
            population, area = sums[row.key]
            assert row.population == population, row
            assert abs(row.area_km2 - area) < 0.01, row
    germany = sum(row.population for row in _rows() if row.level == "state")
    assert germany == sum(row.population for row in _rows() if row.level == "municipality")
    assert abs(germany - 82_719_540) / 82_719_540 < 0.001  # Zensus 2022 total for Germany


def test_aggregate_source_is_zensus_only_when_every_part_is():
    by_key = _by_key()
    assert by_key["01"].population_source == "zensus2022"
    assert by_key["16"].population_source == "destatis2019"  # Eisenach and others
    assert by_key["05974"].population_source == "zensus2022"


def test_pseudo_districts_hang_below_the_state():
    condominium = _by_key()["07000999"]
    assert condominium.parent_key == "07" and condominium.district_key == ""
    assert condominium.latitude is None and condominium.longitude is None


def test_loads_fast():
    started = time.perf_counter()
    load_registry()
    assert time.perf_counter() - started < 2.0
