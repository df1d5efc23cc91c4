"""The name resolver over the whole registry (no database)."""

from __future__ import annotations

import functools
import re
import time

import pytest

from wissensspeicher.municipalities.registry import RegistryRow, load_registry
from wissensspeicher.municipalities.resolver import Candidate, NameResolver, Resolution, state_code


@functools.cache
def _rows() -> tuple[RegistryRow, ...]:
    return tuple(load_registry())


@functools.cache
def _resolver() -> NameResolver:
    return NameResolver.from_registry(_rows())


def _resolve(text: str, state: str | None = None) -> Resolution:
    return _resolver().resolve(text, state=state)


def _resolved_key(text: str, state: str | None = None) -> str:
    result = _resolve(text, state)
    assert result.status == "resolved", (text, state, result)
    return result.match.key


# --- the examples of the brief ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Soest", "05974040"),
        ("Kreis Soest", "05974"),
        ("Landkreis Soest", "05974"),
        ("Menden", "05962040"),
        ("Menden (Sauerland)", "05962040"),
        ("Menden (Sauerland), Stadt", "05962040"),
        ("Landkreis Hof", "09475"),
        ("Stadt Hof", "09464000"),
        ("Hof, Stadt", "09464000"),
        ("Hof (Landkreis)", "09475"),
        ("Amt Süderbrarup", "010595974"),
        ("Süderbrarup (Amt)", "010595974"),
        ("Süderbrarup", "01059083"),
        ("Kirchheim b. München", "09184131"),
        ("Kirchheim b.München", "09184131"),
        ("Kirchheim bei München", "09184131"),
        ("kirchheim B. muenchen", "09184131"),
        ("Stadt Osnabrück", "03404000"),
        ("Osnabrück", "03404000"),
        ("Landkreis Osnabrück", "03459"),
        ("Kreis Plön", "01057"),
        ("Landeshauptstadt Kiel", "01002000"),
        ("Landkreis Wunsiedel i. Fichtelgebirge", "09479"),
        ("Landkreis Wunsiedel im Fichtelgebirge", "09479"),
        ("Eifelkreis Bitburg-Prüm", "07232"),
        ("Landkreis Bitburg-Prüm", "07232"),
        ("Bitburg-Prüm", "07232"),
        ("Halle (Saale)", "15002000"),
        ("Halle/Saale", "15002000"),
        ("Mühlhausen/Thüringen", "16064046"),
        ("Mühlhausen (Thüringen)", "16064046"),
        ("Freiburg im Breisgau", "08311000"),
        ("Freiburg i. Br.", "08311000"),
        ("Kempten (Allgäu)", "09763000"),
        ("Heidenheim an der Brenz", "08135019"),
        ("Gemeinde Wiesenburg/Mark", "12069665"),
        ("Wiesenburg/Mark", "12069665"),
        ("Hagen a.T.W.", "03459020"),
        ("Hagen a. T. W.", "03459020"),
        ("Hagen am Teutoburger Wald", "03459020"),
        ("SG Fürstenau", "034595403"),
        ("Samtgemeinde Fürstenau", "034595403"),
        ("Fürstenau", "03459017"),
        ("Verbandsgemeinde Linz am Rhein", "071385004"),
        ("VG Linz am Rhein", "071385004"),
        ("Stadt Linz am Rhein", "07138041"),
        ("Linz am Rhein", "07138041"),
        ("Landkreis Vorpommern-Greifswald", "13075"),
        ("Berlin", "11000000"),
        ("Hamburg", "02000000"),
        ("Bremen", "04011000"),
        ("Goettingen", "03159016"),
        ("Muenchen", "09162000"),
        ("MÜNCHEN", "09162000"),
        ("Landkreis München", "09184"),
        ("Stadt Würzburg", "09663000"),
        ("Landkreis Würzburg", "09679"),
        ("Landkreis Rostock", "13072"),
        ("Kreis Rostock", "13072"),
        ("Rostock", "13003000"),
        ("Region Hannover", "03241"),
        ("Hannover", "03241001"),
        ("Regionalverband Saarbrücken", "10041"),
        ("Saarbrücken", "10041100"),
        ("Städteregion Aachen", "05334"),
        ("Aachen", "05334002"),
        ("Landkreis St. Wendel", "10046"),
        ("Sankt Wendel", "10046117"),
        ("St.Wendel", "10046117"),
        ("Stadtkreis Stuttgart", "08111"),
        ("Kreisfreie Stadt Hof", "09464"),
        ("Kreis Flensburg", "01001"),
        ("Stadt Flensburg", "01001000"),
        ("Kreis Schleswig-Flensburg", "01059"),
        ("Koblenz, kreisfreie Stadt", "07111"),
        ("Koblenz", "07111000"),
        ("Cottbus", "12052000"),
        ("Cottbus/Chóśebuz", "12052000"),
        ("Stadt Bergen", "03351004"),
        ("Stadtbergen", "09772202"),
        ("Bautzen", "14625020"),
        ("Budyšin", "14625020"),
        ("Weiden in der Oberpfalz", "09363000"),
        ("Weiden i.d.OPf.", "09363000"),
        ("Frankfurt am Main", "06412000"),
        ("Frankfurt a.M.", "06412000"),
        ("Frankfurt/Main", "06412000"),
        ("Frankfurt (Oder)", "12053000"),
        ("Rothenburg o.d.T.", "09571193"),
        ("Bad Homburg vor der Höhe", "06434001"),
        ("Neumarkt-Sankt Veit", "09183129"),
        ("Amt Neuhaus", "03355049"),
        ("Stadt Wehlen", "14628370"),
        ("Barleben (Gemeinde)", "15083040"),
        ("VGem Emmerting", "091715101"),
        ("Verwaltungsgemeinschaft Herrenberg", "081155003"),
        ("Verwaltungsgemeinschaft der Stadt Herrenberg", "081155003"),
        ("Erfüllende Gemeinde Heringen/Helme", "160625053"),
        ("Heringen/Helme", "16062064"),
        ("  Soest  ", "05974040"),
        ("Erkrath, Stadt", "05158004"),
        ("Erkrath, Fundort des Neanderthalers", "05158004"),
        ("Kreis Soest, NRW", "05974"),
        ("Neustadt, Hessen", "06534016"),
        ("Hof (Bayern)", "09464000"),
        ("Hof, Landkreis", "09475"),
    ],
)
def test_examples(text, key):
    assert _resolved_key(text) == key


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("05974040", "05974040"),  # AGS
        ("05 9 74 040", "05974040"),
        ("5974040", "05974040"),  # leading zero lost in a spreadsheet
        ("059740040040", "05974040"),  # ARS
        ("010515163003", "01051003"),  # ARS of a Gemeinde in an Amt
        ("05974", "05974"),  # Kreis
        ("010595974", "010595974"),  # Gemeindeverband
        ("059740040", "05974040"),  # verbandsfreie Gemeinde: its Verband key gives the Gemeinde
        ("11000000", "11000000"),
    ],
)
def test_codes(text, key):
    assert _resolved_key(text) == key


@pytest.mark.parametrize(
    "text", ["", "   ", "Atlantis", "Kreis Atlantis", "Amt Soest", "123", "99999999", "010515011", "01"]
)
def test_unknown(text):
    assert _resolve(text).status == "unknown"


def test_hof_prefers_the_town_over_the_landkreis():
    result = _resolve("Hof")
    # Two Gemeinden are called exactly "Hof" (the kreisfreie Stadt and a village in Rheinland-Pfalz).
    assert result.status == "ambiguous"
    assert [c.key for c in result.candidates] == ["09464000", "07143243"]
    assert _resolved_key("Hof", "Bayern") == "09464000"
    assert _resolved_key("Hof", "07") == "07143243"


def test_neustadt_is_ambiguous_until_a_state_narrows_it():
    result = _resolve("Neustadt")
    assert result.status == "ambiguous" and result.match is None
    assert len(result.candidates) > 10
    populations = [c.population or 0 for c in result.candidates]
    assert populations == sorted(populations, reverse=True)
    assert all(c.level == "municipality" for c in result.candidates)
    assert _resolved_key("Neustadt", "Hessen") == "06534016"
    assert _resolved_key("Neustadt", "HE") == "06534016"
    bavarian = _resolve("Neustadt", "Bayern")
    assert bavarian.status == "ambiguous"
    assert {c.state_code for c in bavarian.candidates} == {"09"}
    # A state without any Neustadt narrows nothing.
    assert len(_resolve("Neustadt", "Bremen").candidates) == len(result.candidates)


def test_state_finds_the_best_match_inside_it():
    assert _resolve("Halle").status == "ambiguous"  # two Niedersachsen villages are called exactly "Halle"
    assert _resolved_key("Halle", "Sachsen-Anhalt") == "15002000"
    assert _resolved_key("Halle", "Nordrhein-Westfalen") == "05754012"
    assert _resolved_key("Frankfurt", "Brandenburg") == "12053000"
    # A single best match is the answer whatever the state.
    assert _resolved_key("Soest", "Bayern") == "05974040"


def test_ambiguous_candidates_carry_display_data():
    candidate = _resolve("Neustadt", "Hessen").match
    assert candidate == Candidate(
        key="06534016",
        name="Neustadt (Hessen), Stadt",
        level="municipality",
        kind="Stadt",
        state_code="06",
        population=candidate.population,
        district_name="Marburg-Biedenkopf",
    )
    assert candidate.population and candidate.population > 8000


def test_state_codes():
    assert state_code("Bayern") == "09"
    assert state_code("baden-wuerttemberg") == "08"
    assert state_code("Thüringen") == "16"
    assert state_code("5") == "05"
    assert state_code("NRW") == "05"
    assert state_code("Atlantis") is None
    assert state_code(None) is None


def test_constructor_takes_plain_candidates():
    resolver = NameResolver(
        [
            Candidate("09999001", "Beispielstadt, Stadt", "municipality", "Stadt", "09", 1000, "Beispielkreis"),
            Candidate("09999", "Beispielkreis", "district", "Landkreis", "09", 5000),
            Candidate("09", "Bayern", "state", "Land", "09", 13_000_000),
        ]
    )
    assert resolver.resolve("Beispielstadt").match.key == "09999001"
    assert resolver.resolve("Landkreis Beispielkreis").match.key == "09999"
    assert resolver.resolve("Bayern").status == "unknown"


def test_verbandsfreie_duplicates_and_states_are_not_candidates():
    assert _resolve("Brunsbüttel").match.key == "01051011"
    assert _resolve("Schleswig-Holstein").status == "unknown"


def test_fast():
    started = time.perf_counter()
    resolver = NameResolver.from_registry(_rows())
    assert time.perf_counter() - started < 1.5
    texts = ["Soest", "Landkreis Hof", "Kirchheim b. München", "Neustadt", "05974040", "Hagen a.T.W.", "Atlantis"]
    started = time.perf_counter()
    for _ in range(200):
        for text in texts:
            resolver.resolve(text, state="Bayern")
    per_call = (time.perf_counter() - started) / (200 * len(texts))
    assert per_call < 0.0002


# --- the whole registry -------------------------------------------------------------------------
#
# An independent oracle of the documented precedence: which forms an entry claims, in which tier.

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_LEVEL_RANK = {"municipality": 0, "association": 1, "district": 2}
_CITY_DISTRICT = {"41", "42"}
_TRAILING_QUALIFIER = re.compile(r"(?:\s+(?:am|an|im|in|bei|ob|unter|vor|vorm|auf)\s|\s*\b[abiouv]\.).*$")
_DISTRICT_WORD = re.compile(r"^(?:Landkreis|Kreis|Regionalverband|Städteregion|Eifelkreis|Region)\s+")
_ASSOCIATION_WORD = re.compile(
    r"^(?:(?:GVV|VVG)(?:\s+der\s+(?:Stadt|Gemeinde))?\s+)?(?:(?:Amt|Verwaltungsgemeinschaft|Nachbarschaftsverband)\s+)?"
)


_SMALL_WORDS = [
    (re.compile(r"\b(?:am|an)\b"), "a"),
    (re.compile(r"\b(?:im|in)\b"), "i"),
    (re.compile(r"\b(?:bei|beim)\b"), "b"),
    (re.compile(r"\b(?:der|den|dem)\b"), "d"),
    (re.compile(r"\b(?:vor|vorm)\b"), "v"),
    (re.compile(r"\bsankt\b"), "st"),
]


def _plain(text: str) -> str:
    text = text.casefold().translate(_FOLD)
    for pattern, abbreviation in _SMALL_WORDS:
        text = pattern.sub(abbreviation, text)
    return re.sub(r"[\W_]+", "", text)


def _base(name: str) -> str:
    return name.split(",", 1)[0].strip()


def _core(row: RegistryRow) -> str:
    base = _base(row.name)
    if row.level == "district":
        return _DISTRICT_WORD.sub("", base)
    if row.level == "association":
        return _ASSOCIATION_WORD.sub("", re.sub(r"\s*\(VGem\)$", "", base), count=1)
    return base


def _claims(row: RegistryRow) -> dict[str, int]:
    """Plain form -> tier (1 official, 2 shortened) of every way the entry may be written bare."""
    official = {row.name, _base(row.name), _core(row)}
    official |= {part.strip() for part in _base(row.name).split(" / ")}
    claims: dict[str, int] = {}
    for form in official:
        claims.setdefault(_plain(form), 1)
    for form in official:
        no_brackets = re.sub(r"\s*\([^)]*\)", "", form).strip()
        for shorter in (no_brackets, form.split("/")[0], no_brackets.split("/")[0], _TRAILING_QUALIFIER.sub("", form)):
            if shorter.strip():
                claims.setdefault(_plain(shorter), 2)
    return claims


@functools.cache
def _rows_by_key() -> dict[tuple[str, str], RegistryRow]:
    return {(row.level, row.key): row for row in _rows()}


def _forms(row: RegistryRow) -> list[tuple[str, bool]]:
    """(text, bare) forms people write for an entry; bare forms have no level word."""
    base = _base(row.name)
    bare = [row.name, base, re.sub(r"\s*\([^)]*\)", "", base).strip()]
    forms = [(text, True) for text in dict.fromkeys(bare) if text]
    core = _core(row)
    if row.level == "district":
        words = ("Stadtkreis", "Kreisfreie Stadt") if row.kind_code in _CITY_DISTRICT else ("Landkreis", "Kreis")
        forms += [(f"{word} {name}", False) for word in words for name in dict.fromkeys([base, core])]
    elif row.level == "association":
        forms += [(f"{row.kind} {name}", False) for name in dict.fromkeys([base, core])]
    elif row.kind_code in {"61", "62", "63", "67"}:
        forms.append((f"Stadt {base}", False))
    elif row.kind_code == "64":
        forms.append((f"Gemeinde {base}", False))
    return forms


def _answers(result: Resolution) -> list[Candidate]:
    return [result.match] if result.status == "resolved" else result.candidates


@pytest.mark.slow
def test_whole_registry(capsys):
    resolver = _resolver()
    rows_by_key = _rows_by_key()
    claims_cache: dict[str, dict[str, int]] = {}

    def claim(row: RegistryRow, text: str) -> tuple[int, int] | None:
        if row.key not in claims_cache:
            claims_cache[row.key] = _claims(row)
        tier = claims_cache[row.key].get(_plain(text))
        return None if tier is None else (tier, _LEVEL_RANK[row.level])

    tested = ambiguous = lost_to_precedence = narrowed_by_state = 0
    failures = []
    for row in _rows():
        if row.level == "state" or (row.level == "association" and row.kind_code == "50"):
            continue
        for text, bare in _forms(row):
            tested += 1
            result = resolver.resolve(text)
            answers = _answers(result)
            keys = {(c.level, c.key) for c in answers}
            own = (row.level, row.key)
            if result.status == "unknown":
                failures.append((text, row.key, "unknown"))
                continue
            ambiguous += result.status == "ambiguous"
            if own not in keys:
                # Only a bare form may go elsewhere, and only to entries that rank higher for that text:
                # a better tier, or the same tier at a preferred level (Gemeinde > Verband > Kreis).
                # A city Kreis may also answer with its single Gemeinde (the same territory).
                own_rank = claim(row, text)
                fine = bare and own_rank is not None
                for candidate in answers:
                    other = rows_by_key[(candidate.level, candidate.key)]
                    same_territory = row.kind_code in _CITY_DISTRICT and other.key == row.key + "000"
                    other_rank = claim(other, text)
                    fine = fine and (same_territory or (other_rank is not None and other_rank < own_rank))
                if not fine:
                    failures.append((text, row.key, [c.key for c in answers]))
                    continue
                lost_to_precedence += 1

            # With the entry's own state the answer is at least as specific.
            in_state = resolver.resolve(text, state=row.state_code)
            state_keys = {(c.level, c.key) for c in _answers(in_state)}
            if len(state_keys) > len(keys) or (own in keys and own not in state_keys):
                failures.append((text, row.key, "state", [c.key for c in _answers(in_state)]))
            narrowed_by_state += result.status == "ambiguous" and len(state_keys) < len(keys)

    with capsys.disabled():
        print(
            f"\nwhole registry: {tested} forms, {ambiguous} ambiguous, {lost_to_precedence} answered by a"
            f" higher-ranking entry, {narrowed_by_state} narrowed by the state, {len(failures)} failures"
        )
    assert not failures, failures[:50]
    assert tested > 25_000
