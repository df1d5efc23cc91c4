from __future__ import annotations

import json

import pytest


def posting_line(external_id: str, **overrides) -> str:
    data = {
        "external_id": external_id, "kind": "offer", "title": "Wir zeigen unser LoRaWAN-Sensornetz für Pegelstände",
        "body": "Unser Stadtlabor betreibt seit 2023 Funk-Messfühler an drei Bächen und warnt vor Hochwasser. Wir teilen Aufbau, Kosten und Fehler.",
        "category": "Wissen und Erfahrung", "place": "Stadtlabor Arnsberg", "municipality": "Arnsberg",
        "fields_of_action": ["Klimaanpassung und Resilienz"], "valid_until": "2099-06-30",
    }
    data.update(overrides)
    return json.dumps({k: v for k, v in data.items() if v is not ...}, ensure_ascii=False)


@pytest.fixture
def pool(db):
    """A small pool: two needs and three offers at three places."""
    from wissensspeicher.marketplace.services import postings_import

    lines = [
        posting_line("o-pegel"),
        posting_line("o-raum", title="Seminarraum mit Technik für 30 Personen in Soest", body="Unser Ankerort vermietet nicht, er verschenkt: Raum, Beamer und Kaffee für Workshops anderer Kommunen.",
                     category="Raum und Ausstattung", place="Ankerort Soest", municipality="Soest", fields_of_action=["Beteiligung und Teilhabe"]),
        posting_line("o-app", title="Open-Source-Mängelmelder zum Nachnutzen", body="Unsere App für Schlaglöcher und wilden Müll steht unter EUPL; wir helfen bei der Einrichtung.",
                     category="Software und Lösung", place="Digitallabor Olpe", municipality="Olpe", fields_of_action=["Verwaltung und Bürgerservice"]),
        posting_line("n-hochwasser", kind="need", title="Suchen Erfahrungen mit Sensoren zur Hochwasserwarnung an kleinen Flüssen",
                     body="Wir wollen Wasserstände an Gewässern messen und Anwohnende früh warnen. Wer hat so etwas schon gebaut?",
                     place="Ankerort Soest", municipality="Soest", fields_of_action=["Klimaanpassung und Resilienz"]),
        posting_line("n-raum", kind="need", title="Raum für eine Themenwerkstatt gesucht", body="Für 25 Teilnehmende suchen wir einen Raum mit Beamer in Südwestfalen.",
                     category="Raum und Ausstattung", place="Digitallabor Olpe", municipality="Olpe", fields_of_action=["Beteiligung und Teilhabe"]),
    ]
    report = postings_import(lines)
    assert not report.errors, report.errors
    return report
