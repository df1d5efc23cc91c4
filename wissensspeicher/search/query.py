"""From what people type to an engine query: phrases, stop words, compounds, typos, synonyms."""

from __future__ import annotations

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
    return plan


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
    plan: QueryPlan, *, title_only: bool = False, exact: bool = False, all_words: bool = False, counting: bool = False
) -> tantivy.Query | None:
    """The engine query for a plan; None when nothing is left to search for.

    With `all_words` every query word must match (as itself, all its compound parts or a synonym);
    otherwise any word may, and measures matching more words rank higher. A `counting` query
    matches the same measures, faster, but cannot rank them (for counts and facets).
    """
    clauses: list[tuple[tantivy.Occur, tantivy.Query]] = []
    exact_field = "title_exact" if title_only else "all_exact"
    for phrase in plan.phrases:
        query = tantivy.Query.phrase_query(SCHEMA, exact_field, phrase) if len(phrase) > 1 else tantivy.Query.term_query(SCHEMA, exact_field, phrase[0])
        clauses.append((tantivy.Occur.Must, query))
    if exact:
        for word in plan.words:
            clauses.append((tantivy.Occur.Must, tantivy.Query.term_query(SCHEMA, exact_field, fold(normalise(word)))))
        return tantivy.Query.boolean_query(clauses) if clauses else None
    match_field = ((MATCH_FIELD, 1.0),)
    fields = (("title", 1.0),) if title_only else match_field if counting else FIELD_BOOSTS
    # Each word matches as itself, as all of its compound parts together (only an unknown word has
    # parts here: "Radzählung" stands for "Rad" and "Zählung", not for either), or as a synonym.
    # Disjunctions are flat lists of (field, term) queries: that scores the same as nested ones
    # (a sum either way) and is evaluated about a third faster.
    def alternatives_of(numbers: list[int], synonym_numbers: list[int], fields) -> list[tantivy.Query]:
        term, boost = plan.terms[numbers[0]]
        queries = _field_terms(term, boost, fields)
        if len(numbers) > 1:
            queries += _all_of_stems([plan.terms[n][0] for n in numbers[1:]], PART_BOOST, fields)
        for n in synonym_numbers:
            queries += _all_of_stems(plan.synonym_groups[n], SYNONYM_BOOST, fields)
        return queries

    def useful_synonyms(numbers: list[int], own: set[str]) -> list[int]:
        # Leaves out a multi-word synonym that contains an alternative already there ("mobile App"
        # beside "App"): it matches nothing more, but costs a conjunction over long posting lists.
        groups = [set(plan.synonym_groups[n]) for n in numbers]
        return [n for n, group in zip(numbers, groups, strict=True)
                if len(group) == 1 or not (group & own or any(other < group for other in groups))]

    if all_words and plan.word_alternatives:
        words = [(numbers, useful_synonyms(synonym_numbers, {plan.terms[numbers[0]][0]}))
                 for numbers, synonym_numbers in plan.word_alternatives]
        if fields is FIELD_BOOSTS:
            # Ranked: the measures are selected on the match field (one posting list per term, no
            # score) and scored by optional clauses on the ranked fields, which the engine only
            # evaluates for the measures selected: the same hits and scores, found faster.
            for numbers, kept in words:
                selection = _any_of(alternatives_of(numbers, kept, match_field))
                clauses.append((tantivy.Occur.Must, tantivy.Query.const_score_query(selection, 0.0)))
            clauses.extend((tantivy.Occur.Should, q) for numbers, kept in words for q in alternatives_of(numbers, kept, fields))
        else:
            clauses.extend((tantivy.Occur.Must, _any_of(alternatives_of(numbers, kept, fields))) for numbers, kept in words)
    else:
        own = {plan.terms[numbers[0]][0] for numbers, _s in plan.word_alternatives}
        kept = useful_synonyms(list(range(len(plan.synonym_groups))), own)
        queries = [q for numbers, _s in plan.word_alternatives for q in alternatives_of(numbers, [], fields)]
        queries += [q for n in kept for q in _all_of_stems(plan.synonym_groups[n], SYNONYM_BOOST, fields)]
        clauses.extend((tantivy.Occur.Should, q) for q in queries)
    return tantivy.Query.boolean_query(clauses) if clauses else None
