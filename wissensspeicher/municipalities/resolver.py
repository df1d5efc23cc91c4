"""Resolve municipality names as people write them to entries of the official registry.

People rarely write the official GV-ISys name: "Menden" means "Menden (Sauerland), Stadt",
"Kreis Plön" means the Kreis "Plön", "Hagen a.T.W." means "Hagen am Teutoburger Wald".

Normalisation (both for the registry names and for the text to resolve):
    Unicode NFKC, case folded, ä/ae, ö/oe, ü/ue and ß/ss are the same, other accents are dropped;
    hyphens, slashes, dots, brackets and spaces do not count ("Bitburg-Prüm" = "Bitburg Prüm");
    small words are abbreviated to one canonical form: bei/b., am/an/a., im/in/i., der/den/dem/d.,
    ob/o., vor/vorm/v., unter/u., Sankt/St.; regional abbreviations are spelt out (OPf., Erzgeb.,
    Vogtl., O.L., Sa., Thür., Westf., ...).

Each registry entry is known under several forms, in two tiers:
    tier 1, the official name: the full name, the name without the official suffix after the
        comma (", Stadt", ", Landeshauptstadt", ", M", ...), each part of a bilingual
        German/Sorbian name, and the name without a level word that is part of it
        ("Landkreis Rostock" -> "Rostock", "VVG der Stadt Herrenberg" -> "Herrenberg",
        "Emmerting (VGem)" -> "Emmerting");
    tier 2, a shortened name: the tier-1 name without a bracketed or slashed qualifier
        ("Menden (Sauerland)" -> "Menden", "Mühlhausen/Thüringen" -> "Mühlhausen"), without a
        trailing "am/an/im/bei/ob/unter ... X" qualifier ("Freiburg im Breisgau" -> "Freiburg"),
        with the small word left out ("Frankfurt/Main"), or with the words after the small word
        reduced to initials ("Hagen a.T.W.", "Neustadt a.d.W.").

Precedence, in this order:
    1. Digits are codes: 8 = AGS (Gemeinde), 12 = ARS (Gemeinde), 5 = Kreis, 9 = Gemeindeverband
       (the 9-digit key of a verbandsfreie Gemeinde gives that Gemeinde). Leading zeros lost by
       spreadsheets (7, 11 and 4 digits) are restored.
    2. The whole text is an official name (tier 1) of some entry: that entry. "Amt Neuhaus" and
       "Stadt Wehlen" are Gemeinden of that name, "Landkreis Rostock" is the Kreis of that name.
    3. A level word restricts the level: a leading "Landkreis/Kreis/LK/Lkr./Eifelkreis X" or a
       trailing "X (Landkreis)" / "X, Landkreis" means a Kreis, "Amt/Samtgemeinde/SG/
       Verbandsgemeinde/VG/Verwaltungsgemeinschaft/VGem/GVV/... X" a Gemeindeverband,
       "Stadt/Gemeinde/Markt/Landeshauptstadt/Hansestadt/... X" a Gemeinde, "Stadtkreis X" and
       "kreisfreie Stadt X" a Kreis that is a city. Within the level, entries of the kind the word
       names come first ("Landkreis Hof" is the Landkreis, not the kreisfreie Stadt Hof; "Stadt X"
       prefers towns over villages of the same name), then tier 1 before tier 2. A level word
       that finds nothing at its level gives "unknown", never an entry of another level.
    4. Otherwise the text is looked up as a bare name, then the text without its last part after
       a comma ("Hof, Stadt") or without a Land in brackets or after a comma ("Neustadt, Hessen",
       which then counts as the state of step 5): tier 1 before tier 2, and within a tier a
       Gemeinde before a Gemeindeverband before a Kreis ("Soest" is the town, "Kreis Soest" the
       Kreis). A Kreis that is a city
       (kreisfreie Stadt, Stadtkreis) is the same territory as its single Gemeinde, so a bare name
       only reaches it by its full official name; otherwise the Gemeinde answers for it.
    5. Several entries still rank equal: those in the given state. If none of them lies in that
       state, the best-ranked matches inside the state are taken instead ("Halle" with Sachsen-
       Anhalt is Halle (Saale), although two villages are called exactly "Halle"). The state only
       ever narrows an ambiguous answer: a single best entry is the answer whatever the state,
       and a state without any match changes nothing. One left -> "resolved", several ->
       "ambiguous" with all of them, largest population first. Nothing -> "unknown".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from .registry import STATE_NAMES, RegistryRow

LEVEL_MUNICIPALITY = "municipality"
LEVEL_ASSOCIATION = "association"
LEVEL_DISTRICT = "district"
_LEVEL_RANK = {LEVEL_MUNICIPALITY: 0, LEVEL_ASSOCIATION: 1, LEVEL_DISTRICT: 2}

# Kind labels as registry.KIND_LABELS spells them.
_CITY_DISTRICT_KINDS = frozenset({"Kreisfreie Stadt", "Stadtkreis"})
_RURAL_DISTRICT_KINDS = frozenset({"Kreis", "Landkreis", "Regionalverband"})
_TOWN_KINDS = frozenset({"Stadt", "Kreisfreie Stadt", "Stadtkreis", "Große Kreisstadt"})
_STANDALONE_ASSOCIATION_CODE = "50"

TIER_OFFICIAL = 1
TIER_SHORTENED = 2


@dataclass(frozen=True)
class Candidate:
    """A registry entry the resolver can answer with."""

    key: str
    name: str
    level: str
    kind: str
    state_code: str
    population: int | None
    district_name: str = ""


@dataclass
class Resolution:
    """The outcome of resolving one text; candidates are filled for "ambiguous" only."""

    status: str
    match: Candidate | None = None
    candidates: list[Candidate] = field(default_factory=list)


# --- normalisation -------------------------------------------------------------------------

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ł": "l", "ø": "o", "æ": "ae", "đ": "d"})

# Abbreviations spanning several tokens, spelt out before the text is split into words.
_PHRASES = [
    (re.compile(r"\bo\.\s*l\.?(?![a-z])"), " oberlausitz "),
    (re.compile(r"\bsaechs\.\s*schw\.?(?![a-z])"), " saechsische schweiz "),
    (re.compile(r"\bthuer\.\s*wald\b"), " thueringer wald "),
]

_WORDS = {
    # small words: one canonical spelling for the word and its abbreviation
    "bei": "b", "beim": "b", "am": "a", "an": "a", "im": "i", "in": "i",
    "der": "d", "den": "d", "dem": "d", "ob": "o", "vor": "v", "vorm": "v", "unter": "u",
    "sankt": "st",
    # regional qualifiers the GV-ISys abbreviates
    "erzgeb": "erzgebirge", "vogtl": "vogtland", "opf": "oberpfalz", "ofr": "oberfranken",
    "ufr": "unterfranken", "mfr": "mittelfranken", "bay": "bayern", "westf": "westfalen",
    "rhld": "rheinland", "odw": "odenwald", "sa": "sachsen", "thuer": "thueringen",
    "hann": "hannoversch", "br": "breisgau",
}  # fmt: skip
# Words after which a trailing qualifier starts ("Freiburg im Breisgau", "Kirchheim unter Teck").
_CONNECTORS = frozenset({"a", "b", "i", "o", "u", "v", "auf"})
_ARTICLE = "d"

_TOKEN = re.compile(r"[^\W_]+")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold().translate(_FOLD)
    if not text.isascii():
        # Sorbian and other accents: people type "Chosebuz" for "Chóśebuz".
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return text


def tokens(text: str) -> list[str]:
    """The canonical words of a name ("Kirchheim b.München" -> ["kirchheim", "b", "muenchen"])."""
    text = _fold(text)
    if "." in text:
        for pattern, replacement in _PHRASES:
            text = pattern.sub(replacement, text)
    return [_WORDS.get(word, word) for word in _TOKEN.findall(text)]


def normalise(text: str) -> str:
    """The lookup key of a name: its canonical words joined without separators."""
    return "".join(tokens(text))


def _shortened_keys(words: list[str]) -> list[str]:
    """Tier-2 keys of one word list: qualifier after a small word dropped, small word left out, initials."""
    keys = []
    for position in range(1, len(words) - 1):
        if words[position] in _CONNECTORS:
            head, tail = words[:position], words[position + 1 :]
            keys.append("".join(head))
            keys.append("".join(head + [w for w in tail if w != _ARTICLE]))
            if any(len(w) > 1 for w in tail):
                keys.append("".join(head + [words[position]] + [w[0] for w in tail]))
            break
    return keys


# Level words that are part of official names and that people leave out.
_DISTRICT_WORDS = re.compile(r"^(?:Landkreis|Kreis|Regionalverband|Städteregion|Eifelkreis|Region)\s+")
_ASSOCIATION_WORDS = re.compile(
    r"^(?:(?:GVV|VVG)(?:\s+der\s+(?:Stadt|Gemeinde))?\s+)?(?:(?:Amt|Verwaltungsgemeinschaft|Nachbarschaftsverband)\s+)?"
)
_VGEM_SUFFIX = re.compile(r"\s*\(VGem\)$")
_BRACKETS = re.compile(r"\s*\([^)]*\)")


def _official_forms(name: str, level: str) -> list[str]:
    """Tier-1 forms of an official name (see the module docstring)."""
    forms = [name]
    base = name.split(",", 1)[0].strip()
    forms.append(base)
    # Bilingual names ("Bautzen / Budyšin") put a spaced slash between the languages.
    if " / " in base:
        forms.extend(part.strip() for part in base.split(" / ") if part.strip())
    if level == LEVEL_DISTRICT:
        core = _DISTRICT_WORDS.sub("", base)
    elif level == LEVEL_ASSOCIATION:
        core = _ASSOCIATION_WORDS.sub("", _VGEM_SUFFIX.sub("", base), count=1)
    else:
        core = base
    if core and core != base:
        forms.append(core)
    return forms


def _shortened_forms(form: str) -> list[str]:
    """Tier-2 forms: a bracketed or slashed qualifier dropped."""
    forms = []
    without_brackets = _BRACKETS.sub("", form).strip()
    if without_brackets and without_brackets != form:
        forms.append(without_brackets)
    for text in (form, without_brackets):
        if "/" in text:
            head = text.split("/", 1)[0].strip()
            if head:
                forms.append(head)
    return forms


# --- level words in the text to resolve ------------------------------------------------------


@dataclass(frozen=True)
class _Designation:
    words: tuple[str, ...]
    level: str
    kinds: frozenset[str] | None  # preferred kinds within the level; None: no preference


def _designations() -> list[_Designation]:
    rural, city, town = _RURAL_DISTRICT_KINDS, _CITY_DISTRICT_KINDS, _TOWN_KINDS
    verbandsgemeinde, vgem = frozenset({"Verbandsgemeinde"}), frozenset({"Verwaltungsgemeinschaft"})
    verwaltungsverband = frozenset({"Verwaltungsverband"})
    town_words = (
        "Stadt", "Landeshauptstadt", "Hansestadt", "Freie und Hansestadt", "Freie Hansestadt",
        "Universitätsstadt", "Kreisstadt", "Große Kreisstadt", "GKSt", "Stadtgemeinde",
    )  # fmt: skip
    table: list[tuple[str, frozenset[str] | None, tuple[str, ...]]] = [
        (LEVEL_DISTRICT, rural, ("Landkreis", "Kreis", "LK", "Lkr.", "Lkrs.", "Landkr.", "Kr.")),
        (LEVEL_DISTRICT, rural, ("Eifelkreis", "Regionalverband", "Städteregion")),
        (LEVEL_DISTRICT, city, ("Stadtkreis", "Kreisfreie Stadt", "kreisfr. Stadt")),
        (LEVEL_ASSOCIATION, frozenset({"Amt"}), ("Amt",)),
        (LEVEL_ASSOCIATION, frozenset({"Samtgemeinde"}), ("Samtgemeinde", "SG", "SamtG")),
        (LEVEL_ASSOCIATION, verbandsgemeinde, ("Verbandsgemeinde", "VerbG", "VBG")),
        # "VG" is a Verbandsgemeinde in Rheinland-Pfalz, a Verwaltungsgemeinschaft in Bayern.
        (LEVEL_ASSOCIATION, verbandsgemeinde | vgem, ("VG",)),
        (LEVEL_ASSOCIATION, vgem, ("Verwaltungsgemeinschaft", "Vereinbarte Verwaltungsgemeinschaft")),
        (LEVEL_ASSOCIATION, vgem, ("VGem", "VerwGem", "VVG")),
        (LEVEL_ASSOCIATION, verwaltungsverband, ("Verwaltungsverband", "Gemeindeverwaltungsverband", "GVV")),
        (LEVEL_ASSOCIATION, frozenset({"Kirchspielslandgemeinde"}), ("Kirchspielslandgemeinde",)),
        (LEVEL_ASSOCIATION, frozenset({"Erfüllende Gemeinde"}), ("Erfüllende Gemeinde",)),
        (LEVEL_ASSOCIATION, None, ("Gemeindeverband",)),
        (LEVEL_MUNICIPALITY, town, town_words),
        (LEVEL_MUNICIPALITY, frozenset({"Markt"}), ("Markt", "Marktgemeinde", "Marktflecken")),
        (LEVEL_MUNICIPALITY, None, ("Gemeinde", "Gem.", "Ortsgemeinde", "Flecken", "Verbandsfreie Gemeinde")),
    ]
    result = [
        _Designation(tuple(tokens(spelling)), level, kinds)
        for level, kinds, spellings in table
        for spelling in spellings
    ]
    # The longest spelling first, so "Kreisfreie Stadt X" is not read as "Kreis..." or "Stadt ...".
    result.sort(key=lambda d: -len(d.words))
    return result


_DESIGNATIONS = _designations()
_DESIGNATION_BY_WORDS = {d.words: d for d in reversed(_DESIGNATIONS)}
# The last part of a name after a comma or in brackets: "X, Stadt", "X (Amt)", "X, Hessen".
_TRAILING_PART = re.compile(r"^(?P<head>.+?)\s*(?:,\s*(?P<comma>[^,()]+)|\((?P<bracket>[^()]+)\))\s*$")
# After an association word: "Verwaltungsgemeinschaft der Stadt Herrenberg".
_OF_THE = [("d", "stadt"), ("d", "gemeinde")]

_STATE_ABBREVIATIONS = {
    "sh": "01", "hh": "02", "ni": "03", "nds": "03", "hb": "04", "nw": "05", "nrw": "05", "he": "06",
    "rp": "07", "rlp": "07", "bw": "08", "by": "09", "sl": "10", "be": "11", "bb": "12", "mv": "13",
    "sn": "14", "st": "15", "lsa": "15", "th": "16",
}  # fmt: skip
_STATES_BY_KEY = {normalise(name): code for code, name in STATE_NAMES.items()} | _STATE_ABBREVIATIONS


def state_code(state: str | None) -> str | None:
    """The 2-digit code of a Land given by name, code or common abbreviation; None if not recognised."""
    if not state or not state.strip():
        return None
    text = state.strip()
    if text.isdigit():
        code = text.zfill(2)
        return code if code in STATE_NAMES else None
    return _STATES_BY_KEY.get(normalise(text))


# --- the resolver ------------------------------------------------------------------------------

_CODE_LEVELS = {8: LEVEL_MUNICIPALITY, 12: LEVEL_MUNICIPALITY, 5: LEVEL_DISTRICT, 9: LEVEL_ASSOCIATION}
_CODE_SEPARATORS = re.compile(r"[\s.\-/]")


class NameResolver:
    """Resolves municipality names, AGS/ARS and Kreis/Verband keys to registry candidates."""

    def __init__(self, candidates: Iterable[Candidate]) -> None:
        """Index the candidates under all their official and shortened forms."""
        self._candidates: list[Candidate] = []
        self._by_code: dict[tuple[str, str], Candidate] = {}
        # key -> [(candidate index, tier, reachable by a bare name)]
        self._index: dict[str, list[tuple[int, int, bool]]] = {}
        for candidate in candidates:
            if candidate.level not in _LEVEL_RANK:
                continue  # Länder are not resolved by name; Berlin/Hamburg/Bremen answer as Gemeinden
            self._add(candidate)

    @classmethod
    def from_registry(cls, rows: Iterable[RegistryRow]) -> NameResolver:
        """A resolver over registry rows, without Länder and without verbandsfreie-Gemeinde duplicates."""
        rows = list(rows)
        district_names = {row.key: row.name for row in rows if row.level == LEVEL_DISTRICT}
        candidates = [
            Candidate(
                key=row.key,
                name=row.name,
                level=row.level,
                kind=row.kind,
                state_code=row.state_code,
                population=row.population,
                district_name="" if row.level == LEVEL_DISTRICT else district_names.get(row.district_key, ""),
            )
            for row in rows
            if row.level in _LEVEL_RANK
            and not (row.level == LEVEL_ASSOCIATION and row.kind_code == _STANDALONE_ASSOCIATION_CODE)
        ]
        return cls(candidates)

    def _add(self, candidate: Candidate) -> None:
        index = len(self._candidates)
        self._candidates.append(candidate)
        self._by_code[(candidate.level, candidate.key)] = candidate
        # A city Kreis is its Gemeinde's territory: bare names other than its full name go to the Gemeinde.
        city_district = candidate.level == LEVEL_DISTRICT and candidate.kind in _CITY_DISTRICT_KINDS
        official = {form: tokens(form) for form in _official_forms(candidate.name, candidate.level)}
        best = {"".join(words): TIER_OFFICIAL for words in official.values()}
        for form, words in official.items():
            for variant in [words, *(tokens(shorter) for shorter in _shortened_forms(form))]:
                best.setdefault("".join(variant), TIER_SHORTENED)
                for key in _shortened_keys(variant):
                    best.setdefault(key, TIER_SHORTENED)
        full_key = "".join(official[candidate.name])
        for key, tier in best.items():
            if key:
                bare = not city_district or key == full_key
                self._index.setdefault(key, []).append((index, tier, bare))

    def resolve(self, text: str, state: str | None = None) -> Resolution:
        """Resolve one name or code; `state` (Land name or code) only narrows equally ranked results."""
        text = (text or "").strip()
        if not text:
            return Resolution("unknown")
        code = _CODE_SEPARATORS.sub("", text)
        if code.isdigit():
            return self._resolve_code(code)
        wanted_state = state_code(state)
        words = tokens(text)
        if not words:
            return Resolution("unknown")

        # 2. The whole text is an official name. All tiers are looked up, though: with a state,
        # a shortened match inside it may still be preferred (step 5).
        hits = self._lookup("".join(words))
        if any(tier == TIER_OFFICIAL for tier in hits.values()):
            if self._designated(text, words) is not None:
                # Keys ignore word boundaries, but "Stadt Bergen" is not "Stadtbergen": with a level
                # word in the text, the official name must have it as a word of its own.
                spaced = " ".join(words)
                hits = {index: tier for index, tier in hits.items() if self._spelled_alike(index, spaced)}
            if hits:
                return self._decide(hits, wanted_state)

        # The part after a comma or in brackets may be a suffix, a level word or a Land:
        # "Soest, Stadt", "Hof (Landkreis)", "Neustadt, Hessen".
        variants = [(text, words)]
        trailing = _TRAILING_PART.match(text)
        if trailing:
            head, tail = trailing.group("head"), trailing.group("comma") or trailing.group("bracket")
            tail_state = state_code(tail)
            if tail_state and not wanted_state:
                wanted_state = tail_state
            if trailing.group("comma") or tail_state:
                variants.append((head, tokens(head)))
        if "," in text:
            # Several official suffixes: "Erkrath, Fundort des Neanderthalers, Stadt".
            first = text.split(",", 1)[0].strip()
            if first and all(first != variant_text for variant_text, _ in variants):
                variants.append((first, tokens(first)))

        # 3. A level word restricts the level.
        designated_any = False
        for variant_text, variant_words in variants:
            designated = self._designated(variant_text, variant_words)
            if designated is not None:
                designated_any = True
                designation, rest = designated
                hits = self._lookup("".join(rest), level=designation.level)
                if hits:
                    return self._decide(hits, wanted_state, designation.kinds)
        if designated_any:
            return Resolution("unknown")

        # 4. A bare name: tier 1 before tier 2, the whole text before the text without its tail.
        for max_tier in (TIER_OFFICIAL, TIER_SHORTENED):
            for _, variant_words in variants:
                hits = self._lookup("".join(variant_words))
                if any(tier <= max_tier for tier in hits.values()):
                    return self._decide(hits, wanted_state)
        return Resolution("unknown")

    def _spelled_alike(self, index: int, spaced: str) -> bool:
        candidate = self._candidates[index]
        return any(" ".join(tokens(form)) == spaced for form in _official_forms(candidate.name, candidate.level))

    def _designated(self, text: str, words: list[str]) -> tuple[_Designation, list[str]] | None:
        for designation in _DESIGNATIONS:
            size = len(designation.words)
            if len(words) > size and tuple(words[:size]) == designation.words:
                rest = words[size:]
                if designation.level == LEVEL_ASSOCIATION:
                    for of_the in _OF_THE:
                        if tuple(rest[:2]) == of_the and len(rest) > 2:
                            rest = rest[2:]
                return designation, rest
        trailing = _TRAILING_PART.match(text)
        if trailing:
            word = trailing.group("comma") or trailing.group("bracket")
            designation = _DESIGNATION_BY_WORDS.get(tuple(tokens(word)))
            rest = tokens(trailing.group("head"))
            if designation is not None and rest:
                return designation, rest
        return None

    def _lookup(self, key: str, level: str | None = None) -> dict[int, int]:
        """Candidate index -> best tier; a level restricts to it and also reaches city Kreise."""
        found: dict[int, int] = {}
        for index, tier, bare in self._index.get(key, ()):
            if level is None:
                if not bare:
                    continue
            elif self._candidates[index].level != level:
                continue
            if tier < found.get(index, TIER_SHORTENED + 1):
                found[index] = tier
        return found

    def _decide(
        self, hits: dict[int, int], wanted_state: str | None, kinds: frozenset[str] | None = None
    ) -> Resolution:
        if not hits:
            return Resolution("unknown")

        def rank(index: int) -> tuple[int, int, int]:
            candidate = self._candidates[index]
            kind_rank = 0 if kinds is None or candidate.kind in kinds else 1
            return kind_rank, hits[index], _LEVEL_RANK[candidate.level]

        best = min(rank(index) for index in hits)
        chosen = [self._candidates[index] for index in hits if rank(index) == best]
        if len(chosen) > 1 and wanted_state:
            in_state = [c for c in chosen if c.state_code == wanted_state]
            if not in_state:
                # "Halle" in Sachsen-Anhalt: the two villages called exactly "Halle" lie in
                # Niedersachsen, so the best match inside the state is meant (Halle (Saale)).
                in_state_hits = [i for i in hits if self._candidates[i].state_code == wanted_state]
                if in_state_hits:
                    best = min(rank(index) for index in in_state_hits)
                    in_state = [self._candidates[i] for i in in_state_hits if rank(i) == best]
            if in_state:
                chosen = in_state
        if len(chosen) == 1:
            return Resolution("resolved", chosen[0])
        chosen.sort(key=lambda c: (-(c.population or 0), c.name, c.key))
        return Resolution("ambiguous", None, chosen)

    def _resolve_code(self, code: str) -> Resolution:
        # Spreadsheets drop the leading zero of Schleswig-Holstein ... Saarland codes.
        if len(code) in (4, 7, 11):
            code = "0" + code
        level = _CODE_LEVELS.get(len(code))
        if level is None:
            return Resolution("unknown")
        if len(code) == 12:
            code = code[:5] + code[9:]
        match = self._by_code.get((level, code))
        if match is None and level == LEVEL_ASSOCIATION and code[5] in "09":
            # A verbandsfreie Gemeinde's Verband key is Kreis + "0"/"9" + Gemeinde: answer with the Gemeinde.
            match = self._by_code.get((LEVEL_MUNICIPALITY, code[:5] + code[6:]))
        return Resolution("resolved", match) if match else Resolution("unknown")
