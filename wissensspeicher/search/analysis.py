"""German text analysis shared by indexing and querying.

Steps: Unicode NFKC and case folding; tokens of letters and digits (hyphenated words also
yield their parts); Snowball German stemming (which maps ä/ae, ö/oe, ü/ue and ß/ss alike);
German stop words; compound splitting against a lexicon of known words, with the parts
emitted beside the whole word ("Glasfasernetz" -> glasfasernetz, glasfas, netz).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import NamedTuple
from pathlib import Path

import Stemmer

DATA_DIR = Path(__file__).resolve().parent / "data"
_TOKEN = re.compile(r"[^\W_]+")  # letters and digits of any script ("Café", "Łódź" stay whole words)
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_STROKES = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "æ": "ae", "œ": "oe"})  # letters NFKD does not decompose
_LINKING = ("", "s", "es", "n", "en", "e")  # Fugenelemente between compound parts
MIN_PART = 3
_stemmer = Stemmer.Stemmer("german")


def normalise(text: str) -> str:
    """NFKC and case folding (keeps umlauts; ß stays ß so stemming sees the real word)."""
    return unicodedata.normalize("NFKC", text).lower()


def fold(word: str) -> str:
    """Spell umlauts and ß as ae/oe/ue/ss, so "Grünfläche" and "Gruenflaeche" compare equal; other
    accents are dropped ("Café" and "Cafe", "Łódź" and "Lodz" compare equal)."""
    word = word.translate(_FOLD)
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).translate(_STROKES)


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball German stem of a lower-case word, on its folded spelling (ä and ae stem alike)."""
    return _stemmer.stemWord(fold(word.lower()))


class Token(NamedTuple):
    text: str  # lower-case surface form
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Lower-case word tokens with their character offsets in the original text."""
    lowered = normalise(text)
    if len(lowered) != len(text):  # NFKC changed lengths: offsets then refer to the normalised text
        text = lowered
    return [Token(m.group(0).lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _read_list(name: str) -> list[str]:
    path = DATA_DIR / name
    if not path.exists():
        return []
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            lines.append(line)
    return lines


@functools.lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """German stop words (folded spelling)."""
    return frozenset(fold(normalise(w)) for w in _read_list("stopwords_de.txt"))


@functools.lru_cache(maxsize=1)
def base_lexicon() -> frozenset[str]:
    """Known compound parts shipped with the code (folded spelling)."""
    return frozenset(fold(normalise(w)) for w in _read_list("lexicon_de.txt") if len(w) >= MIN_PART)


# Zipf 2: a word that occurs at least once in ten million words of German or English text.
COMMON_WORD_FREQUENCY = 1e-7


@functools.lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Everyday German and English words (folded spelling), from wordfreq's frequency lists.

    Typo correction leaves these alone: a real word that the measures happen not to contain
    ("Jugend", "borgen", "heat") is not a typo of a word they do contain ("Jungen", "sorgen",
    "hat"). About 230,000 words, 0.6 s to load once per process; empty without wordfreq.
    """
    try:
        import wordfreq
    except ImportError:  # pragma: no cover - a required dependency; correction then works as before
        return frozenset()
    words = set()
    for language in ("de", "en"):
        for word, frequency in wordfreq.get_frequency_dict(language, wordlist="large").items():
            if frequency >= COMMON_WORD_FREQUENCY and word.isalpha():
                words.add(fold(word))
    wordfreq.get_frequency_dict.cache_clear()  # the full lists take ~100 MB; the set keeps ~20 MB
    wordfreq.get_frequency_list.cache_clear()
    return frozenset(words)


class CompoundSplitter:
    """Splits folded words into known parts; knows the base lexicon plus the corpus vocabulary."""

    def __init__(self, words: Iterable[str] = ()):
        self.words = set(base_lexicon())
        self.words.update(w for w in words if len(w) >= 4)
        self.stems = {stem(w) for w in self.words}
        self.terms_of: dict[str, tuple[str, ...]] = {}  # word -> its index terms (indexing is repetitive)
        self._splits: dict[str, tuple[str, ...]] = {}  # per instance: a new index generation starts afresh

    def _known(self, part: str) -> bool:
        return len(part) >= MIN_PART and (part in self.words or stem(part) in self.stems)

    def split(self, word: str) -> tuple[str, ...]:
        """Parts of a compound (at least two), or () when the word is not a known compound."""
        parts = self._splits.get(word)
        if parts is None:
            parts = self._splits[word] = self._split(word)
        return parts

    def _split(self, word: str) -> tuple[str, ...]:
        if len(word) < 2 * MIN_PART:
            return ()
        best: list[tuple[str, ...] | None] = [None] * (len(word) + 1)
        best[0] = ()
        for end in range(MIN_PART, len(word) + 1):
            for start in range(0, end - MIN_PART + 1):
                prefix = best[start]
                if prefix is None or (start == 0 and end == len(word)):  # the word itself is no split of it
                    continue
                part = word[start:end]
                if self._known(part):
                    candidate = (*prefix, part)
                    if best[end] is None or len(candidate) < len(best[end]):
                        best[end] = candidate
                elif prefix:
                    # A linking element (Fugen-s etc.) may follow the previous part.
                    for link in _LINKING[1:]:
                        if part.startswith(link) and self._known(part[len(link):]):
                            candidate = (*prefix, part[len(link):])
                            if best[end] is None or len(candidate) < len(best[end]):
                                best[end] = candidate
        parts = best[len(word)]
        return parts if parts and len(parts) >= 2 else ()


def index_terms(text: str, splitter: CompoundSplitter) -> list[str]:
    """Stems of every non-stop-word token, each followed by the stems of its compound parts."""
    cache = splitter.terms_of
    stop = stopwords()
    terms: list[str] = []
    for word in _TOKEN.findall(normalise(text)):
        found = cache.get(word)
        if found is None:
            folded = fold(word)
            found = () if folded in stop else (stem(word), *(stem(part) for part in splitter.split(folded)))
            cache[word] = found
        terms.extend(found)
    return terms


def exact_terms(text: str) -> list[str]:
    """Folded surface words, unstemmed: for quoted phrases and "exakte Treffer"."""
    return [fold(token.text) for token in tokenize(text)]


def vocabulary(texts: Iterable[str]) -> Iterator[tuple[str, str]]:
    """(folded, surface) words of the texts, for the compound lexicon and typo correction."""
    for text in texts:
        for word in _TOKEN.findall(normalise(text)):
            if not word.isdigit():
                yield fold(word), word
