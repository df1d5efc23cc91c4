"""Synthetic German-like measures in the import format (docs/import-format.md), for search benchmarks.

Streams N measures to a JSON Lines file in bounded memory (chunks of a few thousand records,
generated in worker processes, written in order) and optionally writes benchmark queries in the
search batch format. The output depends only on --seed, never on --workers.

    .venv/bin/python bench/search/generate_corpus.py --count 100000 --out bench/out/corpus-100k.jsonl --seed 1
    .venv/bin/python bench/search/generate_corpus.py --count 1000000 --out bench/out/corpus-1m.jsonl --seed 1 \
        --queries 500 --queries-out bench/out/queries-500.json

Texts: a fixed vocabulary of ~3,500 words (German function words, real municipal and Smart City
words, generated compounds such as "Quartiersdatenplattform"), drawn with a Zipf distribution.
Every content word belongs to one Handlungsfeld or to no topic; a record draws a fifth of its words
from the topic of its first Handlungsfeld, so words co-occur the way topics make them co-occur and
multi-word queries find documents. Titles have 5-10 content words, summaries 25-60 words in
sentences, descriptions 120-300 words in 2-5 paragraphs.

Metadata: model_project is one of the 73 names in mpsc.csv, state its (first) Bundesland,
municipalities its first member (or the project name; "Verband Region Rhein-Neckar" lists no
members and is not in the registry, so the import warns for its records), taxonomy labels exactly
as in the format, external_id "syn-<n>". Queries: 2-3 content words (Zipf-weighted,
topic-coherent) plus two filters.

Speed: about 75 s for 1,000,000 records (2.8 GB) with two workers on two cores, ~70 MB per process.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import sys
import time
from collections import deque
from itertools import accumulate
from json.encoder import encode_basestring
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MPSC_CSV = ROOT / "wissensspeicher" / "municipalities" / "data" / "mpsc.csv"

VOCAB_SEED = 20260101  # the vocabulary is fixed; --seed only changes which words and labels are drawn
TABLE_BITS = 16  # sampling tables have 2**16 slots, indexed by two random bytes
TOPIC_SHARE = 0.2  # share of a record's words drawn from its topic
TOPIC_EXPONENT = 0.5  # Zipf exponent within a topic (the global one is 1)
CHUNK = 4000  # records per work unit

FIELDS_OF_ACTION = [
    "Mobilität", "Energie", "Umwelt und Klima", "Klimaanpassung und Resilienz", "Gesundheit und Pflege",
    "Bildung", "Kultur und Tourismus", "Wirtschaft und Handel", "Verwaltung und Bürgerservice",
    "Beteiligung und Teilhabe", "Wohnen und Quartier", "Stadtplanung und Bauen",
    "Sicherheit und Katastrophenschutz", "Daten und digitale Infrastruktur",
    "Ländlicher Raum und Landwirtschaft", "Soziales und Zusammenhalt", "Wasser und Abwasser",
    "Abfall und Kreislaufwirtschaft",
]
SPATIAL_IMPACT = ["Quartier", "Gesamtstadt", "Interkommunal/Region", "Landkreis"]
STATUS = ["Idee/Planung", "In Umsetzung", "Abgeschlossen", "Verstetigt", "Eingestellt"]
SOLUTION_TYPES = [
    "App", "Beteiligungsplattform", "Datenplattform", "Digitaler Zwilling", "Sensorik/IoT", "KI/Datenanalyse",
    "Open-Data-Portal", "Chatbot", "Ort/Stadtlabor", "Strategie/Konzept", "Bildungsangebot", "Mobilitätsdienst",
]
TARGET_GROUPS = [
    "Bürgerinnen und Bürger", "Verwaltung", "Wirtschaft", "Seniorinnen und Senioren", "Kinder und Jugendliche",
    "Vereine und Ehrenamt", "Tourismus", "Landwirtschaft",
]
# Skewed label weights so that facet counts differ, as they do in real data.
SPATIAL_CUM = list(accumulate([30, 40, 18, 12]))
STATUS_CUM = list(accumulate([15, 40, 20, 20, 5]))

# Most frequent first: these take the top Zipf ranks, as function words do in real German text.
FUNCTION_WORDS = """
der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus
wird bei einer um am sind noch wie einem über einen so zum haben nur oder aber vor zur bis mehr durch
sowie kann können unter gegen zwischen ohne seit bereits damit wurde wurden diese dieser dieses alle
ihre ihren sie wir unsere dabei hier dort sowohl jedoch zudem außerdem gemeinsam mit vielen weitere
""".split()

MUNICIPAL_WORDS = """
Stadt Gemeinde Kommune Kommunen Landkreis Region Quartier Quartiere Ortsteil Ortsteile Innenstadt Dorf
Dörfer Verwaltung Rathaus Bürgerbüro Bürgerinnen Bürger Einwohnerinnen Einwohner Stadtrat Gemeinderat
Kreistag Bürgermeisterin Bürgermeister Fachamt Fachämter Amt Behörde Antrag Anträge Formular Verfahren
Dienstleistung Dienstleistungen Termin Termine Gebühr Satzung Beschluss Haushalt Fördermittel Förderung
Ausschreibung Vergabe Projekt Projekte Maßnahme Maßnahmen Konzept Strategie Leitbild Ziel Ziele
Umsetzung Pilotphase Pilotprojekt Evaluation Erfahrung Erfahrungen Ergebnis Ergebnisse Beteiligung
Workshop Workshops Umfrage Veranstaltung Werkstatt Dialog Netzwerk Partner Partnerinnen Kooperation
Stadtwerke Unternehmen Hochschule Universität Verein Vereine Ehrenamt Initiative Daten Datensatz
Datensätze Schnittstelle Schnittstellen Plattform Portal Anwendung Software Sensor Sensoren Messwerte
Dashboard Karte Geodaten Zwilling Simulation Algorithmus Intelligenz Cloud Server Rechenzentrum
Glasfaser Breitband Mobilfunk WLAN LoRaWAN Funknetz Infrastruktur Digitalisierung Transformation
Mobilität Verkehr Radverkehr Radweg Radwege Fahrrad Lastenrad Bus Busse Haltestelle Nahverkehr Rufbus
Carsharing Ladesäule Ladesäulen Ladeinfrastruktur Elektromobilität Parkplatz Parkplätze Parkraum
Parkhaus Ampel Kreuzung Straße Straßen Verkehrsfluss Pendler Pendlerinnen Energie Strom Wärme
Wärmenetz Fernwärme Photovoltaik Solaranlage Windkraft Speicher Energieverbrauch Straßenbeleuchtung
Klima Klimaschutz Klimaanpassung Hitze Hitzeschutz Starkregen Hochwasser Dürre Bäume Stadtbäume
Grünfläche Grünflächen Park Luftqualität Lärm Emissionen Umwelt Biodiversität Wasser Trinkwasser
Abwasser Kanalisation Pegel Grundwasser Abfall Müll Wertstoffhof Recycling Kreislaufwirtschaft
Sperrmüll Container Füllstand Gesundheit Pflege Arztpraxis Telemedizin Krankenhaus Apotheke Senioren
Seniorinnen Jugendliche Kinder Familien Schule Schulen Kita Kitas Bildung Lernort Bibliothek
Medienkompetenz Volkshochschule Kultur Museum Theater Tourismus Gäste Besucher Besucherinnen
Wirtschaft Handel Einzelhandel Leerstand Gewerbe Gründung Fachkräfte Arbeitsplätze Landwirtschaft
Acker Hof Höfe Wald Wohnen Wohnraum Nachbarschaft Mieten Bauen Bauantrag Baugenehmigung Bebauungsplan
Stadtplanung Flächennutzung Sanierung Gebäude Sicherheit Feuerwehr Katastrophenschutz Rettungsdienst
Warnung Sirenen Notfall Krise Resilienz Soziales Zusammenhalt Teilhabe Inklusion Barrierefreiheit
Integration Engagement Marktplatz Wochenmarkt Dorfladen Gemeindehaus Mehrgenerationenhaus Jugendzentrum
Sportplatz Schwimmbad Friedhof Bauhof Kläranlage Wasserwerk Hallenbad Spielplatz Marktplatzfest
Haushaltsplan Kämmerei Ordnungsamt Bauamt Standesamt Jugendamt Sozialamt Gesundheitsamt Umweltamt
Kreisverwaltung Amtsblatt Bürgerversammlung Ortsbeirat Ortsvorsteher Zweckverband Verbandsgemeinde
Samtgemeinde Gemeindeverband Landesregierung Bundesprogramm Modellprojekt Modellprojekte Förderphase
Lizenz Datenschutz Informationssicherheit Barriere Zugang Onlinezugang
Bürgerkonto Postfach Signatur Akte Aktenführung Dokumentenmanagement Fachverfahren Registermodernisierung
Prozess Prozesse Geschäftsprozess Workflow Automatisierung Chatbot Sprachassistent App Apps Webseite
Newsletter Kanal Kanäle Kommunikation Öffentlichkeitsarbeit Information Informationen
Transparenz Vertrauen Akzeptanz Verstetigung Skalierung Übertragbarkeit Nachnutzung Betrieb Wartung
Kosten Budget Personal Stelle Stellen Team Teams Koordination Steuerung Monitoring Kennzahlen Bericht
Jahr Jahre Monat Monate Woche Wochen Tag Tage Zeit Zukunft Beginn Ende Phase Schritt Schritte
digital digitale digitalen kommunal kommunale kommunalen regional regionale regionalen nachhaltig
nachhaltige nachhaltigen offen offene offenen öffentlich öffentliche öffentlichen gemeinsame
gemeinsamen barrierefrei barrierefreie smarte smarten innovativ innovative ländlich ländlichen
städtisch städtischen interkommunal interkommunale intelligente vernetzte lokale lokalen neue neuen
ersten zentrale zentralen einfache einfach schnell transparent sicher sichere klimafreundlich
entwickelt umgesetzt eingeführt erprobt getestet aufgebaut genutzt bereitgestellt verbessert ermöglicht
unterstützt erfasst ausgewertet vernetzt beteiligt geplant gefördert betrieben entwickeln nutzen
verbessern ermöglichen unterstützen stärken verbinden erfassen steuern informieren planen erproben
teilen beteiligen vereinfachen reduzieren sparen messen zeigen bündeln begleiten gestalten fördern
zwei drei vier fünf zehn zwanzig hundert 2019 2020 2021 2022 2023 2024 2025 2026
""".split()

COMPOUND_MODIFIERS = """
Bürger Daten Stadt Klima Energie Verkehrs Wasser Schul Quartiers Sensor Park Rad Wärme Bau Netz
Service Umwelt Gesundheits Pflege Jugend Senioren Familien Kultur Touristen Wirtschafts Handels Markt
Abfall Wertstoff Abwasser Regen Hitze Hochwasser Feuerwehr Notfall Verwaltungs Rathaus Beteiligungs
Mobilitäts Lade Bus Bahn Fahrrad Fußgänger Innenstadt Dorf Land Kreis Gemeinde Regional
Nachbarschafts Wohn Flächen Leerstands Boden Baum Grün Luft Lärm Licht Strom Solar Wind Glasfaser
Funk Informations Bildungs Lern Medien Sport Freizeit Vereins Ehrenamts Sicherheits Krisen Warn
Melde Termin Antrags Karten Geo Zukunfts Innovations Projekt Förder Haushalts Personal Arbeits
Ausbildungs Kinder Kita Sozial Nahversorgungs Einkaufs Parkraum Gewerbe Hof Wald Acker Pegel Kanal
""".split()

COMPOUND_HEADS = """
plattform portal konzept strategie netz dienst service zentrum labor büro station kataster register
karte app management monitoring beirat werkstatt forum raum haus platz weg park garten markt verkehr
versorgung planung steuerung erfassung analyse bericht modell programm projekt initiative kampagne
angebot lösung system sensor daten zwilling atlas schau check lotse pate treff punkt säule ampel
speicher anlage tag woche fonds budget vertrag verbund kooperation gruppe team rat kompass navi
werkzeug kasten netzwerk dialog cockpit radar barometer bilanz katalog leitfaden
""".split()


def build_vocabulary() -> tuple[list[str], int]:
    """Return the vocabulary in Zipf rank order and the number of leading function words."""
    rng = random.Random(VOCAB_SEED)
    function = list(dict.fromkeys(FUNCTION_WORDS))
    real = [w for w in dict.fromkeys(MUNICIPAL_WORDS) if w not in function]
    taken = set(function) | set(real)
    ranked = [(rng.uniform(0.0, 0.25), w) for w in real]
    pairs = [(m, h) for m in COMPOUND_MODIFIERS for h in COMPOUND_HEADS]
    rng.shuffle(pairs)
    for modifier, head in pairs[:2600]:
        word = modifier + head
        if head not in modifier.lower() and word not in taken:
            taken.add(word)
            ranked.append((rng.uniform(0.15, 1.0), word))
    for _ in range(400):  # a few rarer three-part compounds ("Quartiersdatenplattform")
        first, second = rng.sample(COMPOUND_MODIFIERS, 2)
        word = first + second.lower() + rng.choice(COMPOUND_HEADS)
        if word not in taken and len(word) <= 30:
            taken.add(word)
            ranked.append((rng.uniform(0.5, 1.0), word))
    # Real words rank above most generated compounds; compounds spread over the long tail.
    ranked.sort()
    return function + [w for _, w in ranked], len(function)


def zipf_weights(count: int, exponent: float = 1.0) -> list[float]:
    """Zipf weights 1/r^s for ranks 1..count."""
    return [1.0 / (rank**exponent) for rank in range(1, count + 1)]


def sampling_table(words: list[str], weights: list[float], size: int = 1 << TABLE_BITS) -> list[str]:
    """A list of `size` slots, each word repeated in proportion to its weight (at least once)."""
    total = sum(weights)
    slots = [max(1, int(w / total * size)) for w in weights]
    order = sorted(range(len(words)), key=lambda i: -weights[i])
    excess = sum(slots) - size
    i = 0
    while excess != 0:  # give or take the rounding remainder on the most frequent words
        j = order[i % len(order)]
        step = 1 if excess < 0 else -1
        if slots[j] + step >= 1:
            slots[j] += step
            excess += step
        i += 1
    table: list[str] = []
    for word, n in zip(words, slots):
        table.extend([word] * n)
    return table


class Vocabulary:
    """Vocabulary, its topic partition and the sampling tables built from them."""

    def __init__(self) -> None:
        self.words, self.function_count = build_vocabulary()
        rng = random.Random(VOCAB_SEED + 1)
        content = self.words[self.function_count:]
        topics = len(FIELDS_OF_ACTION)
        # 40 % of content words are general; the rest belong to exactly one Handlungsfeld.
        self.topic_of = {w: (rng.randrange(topics) if rng.random() < 0.6 else -1) for w in content}
        weights = zipf_weights(len(self.words))
        content_weights = weights[self.function_count:]
        self.text_tables = []
        self.content_tables = []
        for topic in range(topics):
            # Flatter than the global Zipf law, so no single topic word floods its documents.
            topic_weights = [
                w**TOPIC_EXPONENT if self.topic_of[word] == topic else 0.0 for word, w in zip(content, content_weights)
            ]
            self.text_tables.append(self._mixed(self.words, weights, content, topic_weights))
            self.content_tables.append(self._mixed(content, content_weights, content, topic_weights))

    @staticmethod
    def _mixed(words, weights, topic_words, topic_weights) -> list[str]:
        """Table sampling `weights` with probability 1-TOPIC_SHARE and `topic_weights` otherwise."""
        total, topic_total = sum(weights), sum(topic_weights)
        mix: dict[str, float] = {}
        for word, w in zip(words, weights):
            mix[word] = (1 - TOPIC_SHARE) * w / total
        for word, w in zip(topic_words, topic_weights):
            if w:
                mix[word] = mix.get(word, 0.0) + TOPIC_SHARE * w / topic_total
        return sampling_table(list(mix), list(mix.values()))


def model_projects(path: Path = MPSC_CSV) -> list[tuple[str, str, str]]:
    """(name, state, municipality) for the 73 model projects.

    The state is the first Bundesland listed; the municipality is the first member without notes
    such as "(lead)" or "+ Ilzer Land", or the project name without "(Gemeinde)" when the project
    lists no usable member.
    """
    projects = []
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = row["name"].strip()
            state = row["bundesland"].split(";")[0].strip()
            member = (row.get("mitglieder") or "").split(";")[0]
            member = re.sub(r"\s*\([^)]*\)\s*$", "", member).split(" + ")[0].strip()
            if not member or member[0].isdigit():
                member = re.sub(r"\s*\((Gemeinde|Amt)\)$", "", name)
            projects.append((name, state, member))
    return projects


# Handlungsfelder in list order get Zipf-like (exponent 0.6) shares of the records.
FIELD_CUM_WEIGHTS = list(accumulate(zipf_weights(len(FIELDS_OF_ACTION), 0.6)))

# Sentence lengths 5-17 words, mostly 8-13, looked up from one random byte each.
SENTENCE_LENGTHS = [5 + (b % 7) + ((b >> 3) % 7) for b in range(256)]


class RecordWriter:
    """Builds JSON lines for a range of record numbers; deterministic per (seed, chunk).

    Speed matters here (a million records in well under two minutes on two cores), so each line is
    assembled from pre-encoded JSON fragments instead of going through a dict and json.dumps.
    """

    def __init__(self, vocabulary: Vocabulary, projects: list[tuple[str, str, str]]) -> None:
        self.vocabulary = vocabulary
        self.capital = {word: word[0].upper() + word[1:] for word in vocabulary.words}
        self.project_json = [
            f'"model_project": {_q(name)}, "municipalities": [{_q(municipality)}], "state": {_q(state)}'
            for name, state, municipality in projects
        ]
        self.label_json = {label: _q(label) for label in (*FIELDS_OF_ACTION, *SOLUTION_TYPES, *TARGET_GROUPS)}
        self.spatial_json = [_q(label) for label in SPATIAL_IMPACT]
        self.status_json = [_q(label) for label in STATUS]

    def chunk(self, seed: int, chunk_index: int, start: int, count: int) -> bytes:
        """`count` records numbered from `start`, as newline-terminated UTF-8 JSON lines.

        The Handlungsfelder of all records are drawn first, then the records are written grouped by
        topic (each keeps its number): the topic's sampling table stays in the CPU cache, which
        makes word drawing about twice as fast.
        """
        rng = random.Random(f"{seed}:{chunk_index}")
        fields = [self._fields(rng) for _ in range(count)]
        lines = [""] * (count + 1)
        for i in sorted(range(count), key=lambda i: FIELDS_OF_ACTION.index(fields[i][0])):
            lines[i] = self.line(rng, start + i, fields[i])
        return "\n".join(lines).encode("utf-8")

    def record(self, rng: random.Random, n: int) -> dict:
        """One measure in the import format, as a dict."""
        return json.loads(self.line(rng, n, self._fields(rng)))

    def line(self, rng: random.Random, n: int, fields: list[str]) -> str:
        """One measure with these Handlungsfelder, as a JSON line (without the newline)."""
        random_ = rng.random
        labels = self.label_json
        topic = FIELDS_OF_ACTION.index(fields[0])
        text_table = self.vocabulary.text_tables[topic]
        title = self._title(rng, self.vocabulary.content_tables[topic], 5 + int(random_() * 6))
        summary = _limit(self._prose(rng, text_table, 25 + int(random_() * 36)), 500)
        description = self._prose(rng, text_table, 120 + int(random_() * 181), 2 + int(random_() * 4))
        parts = [
            f'{{"external_id": "syn-{n}", "title": {_q(title)}, "summary": {_q(summary)}, '
            f'"description": {_q(description)}, {self.project_json[int(random_() * len(self.project_json))]}, '
            f'"fields_of_action": [{", ".join(labels[f] for f in fields)}], '
            f'"spatial_impact": {rng.choices(self.spatial_json, cum_weights=SPATIAL_CUM)[0]}, '
            f'"status": {rng.choices(self.status_json, cum_weights=STATUS_CUM)[0]}'
        ]
        if random_() < 0.8:
            picked = rng.sample(SOLUTION_TYPES, 1 + int(random_() * 2))
            parts.append(f', "solution_types": [{", ".join(labels[x] for x in picked)}]')
        if random_() < 0.8:
            picked = rng.sample(TARGET_GROUPS, 1 + int(random_() * 3))
            parts.append(f', "target_groups": [{", ".join(labels[x] for x in picked)}]')
        if random_() < 0.7:
            parts.append(f', "start": "{2019 + int(random_() * 7)}-{1 + int(random_() * 12):02d}"')
        parts.append("}")
        return "".join(parts)

    @staticmethod
    def _fields(rng: random.Random) -> list[str]:
        # Zipf-like preference over the labels: some Handlungsfelder are much more common.
        picks = rng.choices(FIELDS_OF_ACTION, cum_weights=FIELD_CUM_WEIGHTS, k=1 + int(rng.random() * 3))
        return list(dict.fromkeys(picks))

    @staticmethod
    def _words(rng: random.Random, table: list[str], count: int) -> list[str]:
        """`count` words drawn from a 2**16-slot table, two random bytes per word."""
        return [table[i] for i in memoryview(rng.randbytes(2 * count)).cast("H")]

    def _title(self, rng: random.Random, table: list[str], count: int) -> str:
        title = " ".join(self._words(rng, table, count))
        title = title[0].upper() + title[1:]
        if len(title) > 200:
            title = title[: title.rfind(" ", 0, 201)]
        return title

    def _prose(self, rng: random.Random, table: list[str], count: int, paragraphs: int = 1) -> str:
        """`count` words as sentences of 5-17 words, split into about `paragraphs` paragraphs.

        Marks sentence starts and ends in place and joins once per paragraph, which is far
        cheaper than a join per sentence.
        """
        words = self._words(rng, table, count)
        lengths = rng.randbytes(count // 5 + 1)
        capital = self.capital
        step = count // paragraphs
        next_break = step + int((rng.random() - 0.5) * step / 2) if paragraphs > 1 else count
        breaks = [0]
        i = k = 0
        while True:
            words[i] = capital[words[i]]
            end = i + SENTENCE_LENGTHS[lengths[k]]
            k += 1
            if count - end < 4:  # no stub sentence at the end
                words[-1] += "."
                break
            words[end - 1] += "."
            if end >= next_break:
                breaks.append(end)
                next_break += step
            i = end
        if len(breaks) == 1:
            return " ".join(words)
        breaks.append(count)
        return "\n\n".join(" ".join(words[a:b]) for a, b in zip(breaks, breaks[1:]))


def _q(text: str) -> str:
    """JSON string literal, UTF-8 kept as is."""
    return encode_basestring(text)


def _limit(text: str, limit: int) -> str:
    """Cut text to at most `limit` characters at a word boundary, ending with a full stop."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[:cut].rstrip(".") + "."


_WRITER: RecordWriter | None = None


def _worker_init() -> None:
    global _WRITER
    _WRITER = RecordWriter(Vocabulary(), model_projects())


def _worker_chunk(job: tuple[int, int, int, int]) -> bytes:
    return _WRITER.chunk(*job)


def write_corpus(path: Path, count: int, seed: int, workers: int) -> None:
    """Stream `count` records to `path`; at most 2 chunks per worker are in flight."""
    jobs = [(seed, i, start, min(CHUNK, count - start)) for i, start in enumerate(range(0, count, CHUNK))]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        if workers <= 1:
            _worker_init()
            for job in jobs:
                out.write(_worker_chunk(job))
            return
        with get_context("fork").Pool(workers, initializer=_worker_init) as pool:
            pending: deque = deque()
            for job in jobs:
                pending.append(pool.apply_async(_worker_chunk, (job,)))
                if len(pending) >= 2 * workers:
                    out.write(pending.popleft().get())
            while pending:
                out.write(pending.popleft().get())


# Filter pairs for the queries: one per query, round robin over a shuffled cycle.
FILTER_PAIRS = [
    ("state", "status"),
    ("fields_of_action", "spatial_impact"),
    ("state", "fields_of_action"),
    ("status", "solution_types"),
    ("spatial_impact", "target_groups"),
]


def make_queries(count: int, seed: int, vocabulary: Vocabulary, projects: list[tuple[str, str, str]]) -> list[dict]:
    """`count` search batch entries: 2-3 Zipf-drawn content words of one topic, two filters."""
    rng = random.Random(f"{seed}:queries")
    states = sorted({state for _, state, _ in projects})
    options = {
        "state": states,
        "status": STATUS,
        "spatial_impact": SPATIAL_IMPACT,
        "fields_of_action": FIELDS_OF_ACTION,
        "solution_types": SOLUTION_TYPES,
        "target_groups": TARGET_GROUPS,
    }
    queries = []
    for n in range(count):
        topic = rng.randrange(len(FIELDS_OF_ACTION))
        table = vocabulary.content_tables[topic]
        size = rng.randint(2, 3)
        words: list[str] = []
        while len(words) < size:
            word = table[rng.getrandbits(TABLE_BITS)]
            if word not in words:
                words.append(word)
        filters = {key: rng.choice(options[key]) for key in FILTER_PAIRS[n % len(FILTER_PAIRS)]}
        queries.append({"id": f"syn-q{n + 1:04d}", "query": " ".join(words), "filters": filters})
    return queries


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=0, help="number of measures to write")
    parser.add_argument("--out", type=Path, help="corpus output (.jsonl)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--queries", type=int, default=0, help="number of benchmark queries to write")
    parser.add_argument("--queries-out", type=Path, help="queries output (.json, search batch format)")
    parser.add_argument("--workers", type=int, default=min(4, os.cpu_count() or 1))
    args = parser.parse_args(argv)
    if args.count and not args.out:
        parser.error("--count needs --out")
    if args.queries and not args.queries_out:
        parser.error("--queries needs --queries-out")
    if not args.count and not args.queries:
        parser.error("nothing to do: give --count/--out and/or --queries/--queries-out")

    if args.count:
        started = time.perf_counter()
        write_corpus(args.out, args.count, args.seed, args.workers)
        elapsed = time.perf_counter() - started
        size = args.out.stat().st_size
        print(f"{args.count} measures -> {args.out} ({size / 1e6:.1f} MB) in {elapsed:.1f} s", file=sys.stderr)
    if args.queries:
        queries = make_queries(args.queries, args.seed, Vocabulary(), model_projects())
        args.queries_out.parent.mkdir(parents=True, exist_ok=True)
        args.queries_out.write_text(json.dumps(queries, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{len(queries)} queries -> {args.queries_out}", file=sys.stderr)


if __name__ == "__main__":
    main()
