"""From what people type to an engine query: phrases, stop words, compounds, typos, synonyms."""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass, field

import tantivy

from wissensspeicher.search.analysis import common_words, exact_terms, fold, normalise, stem, stopwords, tokenize
from wissensspeicher.search.engine import MATCH_FIELD, SCHEMA, Reader

_PHRASE = re.compile(r'"([^"]+)"|„([^“”"]+)[“”"]')
# The summary is usually repeated in the body, so it gets half weight; tuned on our relevance set and GermanQuAD.
FIELD_BOOSTS = (("title", 1.0), ("summary", 0.5), ("body", 1.0))
PART_BOOST = 0.45
SYNONYM_BOOST = 0.6


@dataclass
class QueryPlan:
    """The analysed query."""

    text: str
    words: list[str] = field(default_factory=list)  # lower-case surface words (no stop words)
    phrases: list[list[str]] = field(default_factory=list)  # folded words of quoted phrases
    corrections: dict[str, str] = field(default_factory=dict)  # typed word -> corrected surface word
    terms: list[tuple[str, float]] = field(default_factory=list)  # (stem, boost) for the lexical query
    synonym_groups: list[list[str]] = field(default_factory=list)  # expansions, each a list of stems (AND)
    # Per query word: indexes into `terms` (the word itself first, then its compound parts, which
    # stand for it together) and into `synonym_groups`.
    word_alternatives: list[tuple[list[int], list[int]]] = field(default_factory=list)
    documents: int = 0  # measures in the index
    document_frequency: dict[str, int] = field(default_factory=dict)  # stem of a term or synonym -> measures containing it

    @property
    def absent(self) -> set[str]:
        """Stems of terms and synonyms that no measure contains."""
        return {stem for stem, number in self.document_frequency.items() if not number}

    @property
    def is_empty(self) -> bool:
        return not self.terms and not self.phrases

    @property
    def corrected_text(self) -> str:
        text = self.text
        for typed, corrected in self.corrections.items():
            text = re.sub(rf"\b{re.escape(typed)}\b", corrected, text, flags=re.IGNORECASE)
        return text

    @property
    def highlight_stems(self) -> set[str]:
        stems = {term for term, _boost in self.terms}
        for group in self.synonym_groups:
            stems.update(group)
        for phrase in self.phrases:
            stems.update(stem(w) for w in phrase)
        return stems


class TypoCorrector:
    """Nearest indexed word for an unknown query word (symmetric deletes, then edit distance)."""

    def __init__(self, vocabulary: dict[str, list]):
        self.vocabulary = vocabulary
        self.deletes: dict[str, list[str]] = {}
        for word in vocabulary:
            if len(word) < 4:
                continue
            for variant in _deletes(word):
                self.deletes.setdefault(variant, []).append(word)

    def correct(self, word: str) -> str | None:
        limit = 1 if len(word) <= 5 else 2
        candidates: set[str] = set()
        for variant in {word, *_deletes(word), *(d2 for d1 in _deletes(word) for d2 in _deletes(d1))} if limit == 2 else {word, *_deletes(word)}:
            candidates.update(self.deletes.get(variant, ()))
            if variant in self.vocabulary:
                candidates.add(variant)
        scored = [(_distance(word, c), -self.vocabulary[c][0], c) for c in candidates]
        scored = [s for s in scored if s[0] <= limit]
        return min(scored)[2] if scored else None


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def _distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (optimal string alignment)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current.append(value)
        previous2, previous = previous, current
    return previous[-1]


def plan_query(text: str, reader: Reader, synonyms: dict[tuple[str, ...], list[tuple[str, ...]]], *, correct: bool = True) -> QueryPlan:
    """Analyse a query: quoted phrases, words, compound parts, typo corrections and synonyms."""
    plan = QueryPlan(text=text.strip())
    rest = text
    for match in _PHRASE.finditer(text):
        phrase = exact_terms(match.group(1) or match.group(2))
        if phrase:
            plan.phrases.append(phrase)
    rest = _PHRASE.sub(" ", text)
    stop = stopwords()
    stems_in_order: list[str] = []
    for token in tokenize(rest):
        folded = fold(token.text)
        if folded in stop:
            continue
        word = token.text
        if correct and folded not in reader.vocabulary and not token.text.isdigit() and len(folded) >= 4:
            parts = reader.splitter.split(folded)
            if not parts and folded not in common_words():  # a real word is searched as typed
                fixed = reader.corrector.correct(folded)
                if fixed and fixed != folded:
                    surface = reader.vocabulary[fixed][1]
                    if token.text[:1] != rest[token.start:token.start + 1]:  # typed capitalised
                        surface = surface[:1].upper() + surface[1:]
                    plan.corrections[token.text] = surface
                    word, folded = surface, fixed
        plan.words.append(word)
        term = stem(word)
        alternatives = [len(plan.terms)]
        plan.terms.append((term, 1.0))
        stems_in_order.append(term)
        # A word the index knows is found as itself: every measure using it as part of a compound
        # has that part indexed too. An unknown compound stands for all of its parts together.
        for part in () if folded in reader.vocabulary else reader.splitter.split(folded):
            alternatives.append(len(plan.terms))
            plan.terms.append((stem(part), PART_BOOST))
        plan.word_alternatives.append((alternatives, []))
    # Synonyms: any run of query stems that is a synonym variant adds the other variants.
    for size in (4, 3, 2, 1):
        for start in range(0, len(stems_in_order) - size + 1):
            key = tuple(stems_in_order[start:start + size])
            for variant in synonyms.get(key, ()):
                if list(variant) not in plan.synonym_groups:
                    plan.synonym_groups.append(list(variant))
                number = plan.synonym_groups.index(list(variant))
                for position in range(start, start + size):
                    if number not in plan.word_alternatives[position][1]:
                        plan.word_alternatives[position][1].append(number)
    stems = {term for term, _boost in plan.terms} | {s for group in plan.synonym_groups for s in group}
    plan.documents = reader.searcher.num_docs
    plan.document_frequency = {s: reader.searcher.doc_freq(MATCH_FIELD, s) for s in stems}
    return plan


def _useful_synonyms(plan: QueryPlan, numbers: list[int], own: set[str]) -> list[int]:
    """Leaves out a multi-word synonym that contains an alternative already there ("mobile App"
    beside "App"): it matches nothing more, but costs a conjunction over long posting lists."""
    groups = [set(plan.synonym_groups[n]) for n in numbers]
    return [n for n, group in zip(numbers, groups, strict=True)
            if len(group) == 1 or not (group & own or any(other < group for other in groups))]


def _alternatives(plan: QueryPlan, numbers: list[int], synonym_numbers: list[int]) -> list[tuple[list[str], float]]:
    """One word's alternatives, each (stems that must all occur, boost): the word itself, all of
    its compound parts together (only an unknown word has parts here: "Radzählung" stands for
    "Rad" and "Zählung", not for either), and its synonyms."""
    term, boost = plan.terms[numbers[0]]
    alternatives = [([term], boost)]
    if len(numbers) > 1:
        alternatives.append(([plan.terms[n][0] for n in numbers[1:]], PART_BOOST))
    alternatives.extend((plan.synonym_groups[n], SYNONYM_BOOST) for n in synonym_numbers)
    return alternatives


def _word_alternatives(plan: QueryPlan, all_words: bool) -> list[list[tuple[list[str], float]]]:
    """The alternatives of each word that must match; without `all_words`, one list of them all."""
    if all_words:
        return [_alternatives(plan, numbers, _useful_synonyms(plan, synonym_numbers, {plan.terms[numbers[0]][0]}))
                for numbers, synonym_numbers in plan.word_alternatives]
    own = {plan.terms[numbers[0]][0] for numbers, _s in plan.word_alternatives}
    synonyms = _useful_synonyms(plan, list(range(len(plan.synonym_groups))), own)
    words = [[alternative for numbers, _s in plan.word_alternatives for alternative in _alternatives(plan, numbers, [])]
             + [(plan.synonym_groups[n], SYNONYM_BOOST) for n in synonyms]]
    return [word for word in words if word]


def expected_all_words_matches(plan: QueryPlan) -> float:
    """How many measures would contain every word if words occurred independently of each other
    (from the document frequencies of their alternatives, as a database estimates a join)."""
    if not plan.documents:
        return 0.0
    expected = float(plan.documents)
    for word in _word_alternatives(plan, all_words=True):
        share = sum(math.prod(plan.document_frequency.get(s, 0) / plan.documents for s in stems) for stems, _b in word)
        expected *= min(1.0, share)
    return expected


def _field_terms(term: str, boost: float, fields) -> list[tantivy.Query]:
    return [tantivy.Query.boost_query(tantivy.Query.term_query(SCHEMA, name, term), boost * weight) for name, weight in fields]


def _all_of_stems(stems: list[str], boost: float, fields) -> list[tantivy.Query]:
    """Queries of which one must match: each field of a single stem, or one conjunction of several."""
    if len(stems) == 1:
        return _field_terms(stems[0], boost, fields)
    return [tantivy.Query.boolean_query([(tantivy.Occur.Must, _any_of(_field_terms(s, boost, fields))) for s in stems])]


def _any_of(queries: list[tantivy.Query]) -> tantivy.Query:
    return queries[0] if len(queries) == 1 else tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in queries])


def lexical_query(
    plan: QueryPlan,
    *,
    title_only: bool = False,
    exact: bool = False,
    all_words: bool = False,
    counting: bool = False,
    filters: list[tuple[tantivy.Occur, tantivy.Query]] = (),
) -> tantivy.Query | None:
    """The engine query for a plan and filter clauses; None when no query words or phrases are left.

    With `all_words` every query word must match (as itself, all its compound parts or a synonym);
    otherwise any word may, and measures matching more words rank higher. A `counting` query
    matches the same measures, faster, but cannot rank them (for counts and facets).
    """
    clauses: list[tuple[tantivy.Occur, tantivy.Query]] = []
    filters = list(filters)
    exact_field = "title_exact" if title_only else "all_exact"
    for phrase in plan.phrases:
        query = tantivy.Query.phrase_query(SCHEMA, exact_field, phrase) if len(phrase) > 1 else tantivy.Query.term_query(SCHEMA, exact_field, phrase[0])
        clauses.append((tantivy.Occur.Must, query))
    if exact:
        for word in plan.words:
            clauses.append((tantivy.Occur.Must, tantivy.Query.term_query(SCHEMA, exact_field, fold(normalise(word)))))
        return tantivy.Query.boolean_query(clauses + filters) if clauses else None
    selection_field = "title" if title_only else MATCH_FIELD
    fields = (("title", 1.0),) if title_only else ((MATCH_FIELD, 1.0),) if counting else FIELD_BOOSTS

    # Disjunctions are flat lists of (field, term) queries: that scores the same as nested ones
    # (a sum either way) and is evaluated about a third faster.
    def scored(alternatives: list[tuple[list[str], float]]) -> list[tantivy.Query]:
        return [q for stems, boost in alternatives for q in _all_of_stems(stems, boost, fields)]

    all_words = all_words and bool(plan.word_alternatives)
    words = _word_alternatives(plan, all_words)
    selected = all_words or bool(words and filters and not plan.phrases)  # (with a phrase the words are optional)
    if selected:
        # The measures are selected without scores; optional clauses on the ranked fields score
        # them: the same hits and scores as required disjunctions, found faster.
        selection = _selection([[stems for stems, _boost in word] for word in words], selection_field, plan.absent, filters)
        if counting:
            return tantivy.Query.boolean_query([*clauses, (tantivy.Occur.Must, selection)])
        clauses.append((tantivy.Occur.Must, tantivy.Query.const_score_query(selection, 0.0)))
        clauses.extend((tantivy.Occur.Should, q) for word in words for q in scored(word))
        return tantivy.Query.boolean_query(clauses)
    clauses.extend((tantivy.Occur.Should, q) for word in words for q in scored(word))
    if not clauses:
        return None
    query = tantivy.Query.boolean_query(clauses)
    return tantivy.Query.boolean_query([(tantivy.Occur.Must, query), *filters]) if filters else query


# Up to this many combinations of the words' alternatives, a selection is written as a disjunction
# of plain conjunctions (see `_selection`).
SELECTION_COMBINATIONS_MAX = 64


def _selection(words: list[list[list[str]]], field: str, absent: set[str], filters: list[tuple]) -> tantivy.Query:
    """Measures matching every word through one of its alternatives (each a list of stems that
    must all occur in `field`), and the filters.

    Written as a disjunction of conjunctions, one per combination of alternatives, with the filters
    inside each: the engine intersects plain posting lists by skipping from the shortest, while a
    disjunction inside an intersection makes it read every posting of the disjunction. Alternatives
    with a stem no measure contains are left out; past SELECTION_COMBINATIONS_MAX combinations the
    words are intersected as disjunctions.
    """
    words = [[stems for stems in word if absent.isdisjoint(stems)] or word[:1] for word in words]
    if math.prod(len(word) for word in words) > SELECTION_COMBINATIONS_MAX:
        return tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, _any_of([q for stems in word for q in _all_of_stems(stems, 1.0, ((field, 1.0),))])) for word in words] + filters
        )
    combinations = dict.fromkeys(tuple(sorted(set(itertools.chain.from_iterable(choice)))) for choice in itertools.product(*words))
    return _any_of([
        tantivy.Query.boolean_query([(tantivy.Occur.Must, tantivy.Query.term_query(SCHEMA, field, stem)) for stem in stems] + filters)
        for stems in combinations
    ])
