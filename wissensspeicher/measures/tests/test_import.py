"""The JSON Lines import and export, as the format file describes them."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from wissensspeicher.measures.models import Measure, MeasureMunicipality, MunicipalityLinkKind
from wissensspeicher.measures.selectors import measure_export_rows
from wissensspeicher.measures.services import measures_import

pytestmark = pytest.mark.django_db


def test_operator_can_import_a_valid_line_with_every_field(measure_line, to_lines):
    report = measures_import(to_lines(measure_line()))

    assert report.ok and (report.created, report.updated) == (1, 0)
    measure = Measure.objects.get(external_id="ulm-parken-001")
    assert measure.model_project.name == "Ulm"
    assert measure.state.name == "Baden-Württemberg"
    assert sorted(t.label for t in measure.fields_of_action.all()) == ["Daten und digitale Infrastruktur", "Mobilität"]
    assert sorted(t.label for t in measure.solution_types.all()) == ["App", "Sensorik/IoT"]
    assert measure.start.isoformat() == "2021-04-01" and measure.end.isoformat() == "2025-12-01"
    assert measure.budget_eur == 420000 and measure.open_source is True and measure.licence == "EUPL-1.2"
    assert measure.contact_email == "parken@example.org"
    involved = measure.municipality_links.get(kind=MunicipalityLinkKind.INVOLVED)
    assert involved.municipality.ags == "08421000"  # Ulm
    reused = measure.municipality_links.get(kind=MunicipalityLinkKind.REUSED_BY)
    assert reused.municipality.name.startswith("Neu-Ulm")


def test_reimport_updates_the_same_record(measure_line, to_lines):
    measures_import(to_lines(measure_line()))
    report = measures_import(to_lines(measure_line(title="Parkleitsystem mit Sensoren", solution_types=["App"])))

    assert (report.created, report.updated) == (0, 1)
    assert Measure.objects.count() == 1
    measure = Measure.objects.get()
    assert measure.title == "Parkleitsystem mit Sensoren"
    assert [t.label for t in measure.solution_types.all()] == ["App"]
    assert measure.municipality_links.count() == 2


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"title": ...}, "line 1: title: missing required key"),
        ({"title": ""}, "line 1: title: must not be empty"),
        ({"title": "x" * 201}, "line 1: title: is 201 characters long, at most 200 allowed"),
        ({"summary": "x" * 501}, "line 1: summary: is 501 characters long, at most 500 allowed"),
        ({"model_project": "5 fuer Suedwestfalen"}, 'line 1: model_project: unknown model project \'5 fuer Suedwestfalen\'; closest known: "5 für Südwestfalen"'),
        ({"state": "Bayren"}, "line 1: state: unknown value 'Bayren'; did you mean \"Bayern\""),
        ({"fields_of_action": []}, "line 1: fields_of_action: needs at least 1 entry"),
        ({"fields_of_action": "Mobilität"}, "line 1: fields_of_action: must be a list of strings, got a string"),
        ({"status": "fertig"}, "line 1: status: unknown value 'fertig'"),
        ({"municipalities": []}, "line 1: municipalities: needs at least 1 entry"),
        ({"start": "2021-13"}, 'line 1: start: must be a month as "YYYY-MM", got \'2021-13\''),
        ({"start": "2024-01", "end": "2023-06"}, "line 1: end: is before start"),
        ({"budget_eur": "420000"}, "line 1: budget_eur: must be a whole number, got a string"),
        ({"open_source": "ja"}, "line 1: open_source: must be true or false, got a string"),
        ({"repository_url": "code.example.org"}, "line 1: repository_url: is not a valid http(s) URL"),
        ({"contact": {"name": "A", "email": "kein-at"}}, "line 1: contact.email: is not a valid e-mail address"),
        ({"foo": 1}, "line 1: foo: unknown key"),
    ],
)
def test_a_bad_line_names_line_and_key_and_writes_nothing(measure_line, to_lines, overrides, expected):
    report = measures_import(to_lines(measure_line(**overrides)))

    assert not report.ok
    assert any(str(error).startswith(expected) for error in report.errors), [str(e) for e in report.errors]
    assert Measure.objects.count() == 0


def test_invalid_json_and_duplicate_ids_are_reported_per_line(measure_line, to_lines):
    lines = to_lines(measure_line(), measure_line(external_id="b"), measure_line())
    lines.insert(1, "{not json")

    report = measures_import(lines)

    messages = [str(e) for e in report.errors]
    assert messages[0].startswith("line 2: json: not valid JSON")
    assert "line 4: external_id: 'ulm-parken-001' already appears on line 1" in messages
    assert Measure.objects.count() == 0


def test_unresolved_municipality_is_kept_and_reported_as_warning(measure_line, to_lines):
    report = measures_import(to_lines(measure_line(municipalities=["Ulm", "Innenstadt-Nord", "Neustadt"], state="Bayern", model_project="Ulm")))

    assert report.ok
    warnings = [str(w) for w in report.warnings]
    assert any("'Innenstadt-Nord' was not found in the municipality registry; kept as written" in w for w in warnings)
    assert any("'Neustadt' is ambiguous" in w for w in warnings)
    links = MeasureMunicipality.objects.filter(kind=MunicipalityLinkKind.INVOLVED).order_by("position")
    assert [(link.name_as_written, link.municipality is not None) for link in links] == [
        ("Ulm", True),
        ("Innenstadt-Nord", False),
        ("Neustadt", False),
    ]


def test_export_then_import_is_lossless(measure_line, to_lines, tmp_path):
    original = [
        measure_line(),
        measure_line(external_id="minimal", contact=..., reused_by=..., solution_types=..., target_groups=...,
                     start=..., end=..., budget_eur=..., open_source=..., repository_url=..., licence=..., transferability=...),
        measure_line(external_id="unresolved", municipalities=["Irgendwo-Süd"], open_source=False, budget_eur=0),
    ]
    measures_import(to_lines(*original))
    path = tmp_path / "export.jsonl"
    call_command("export_measures", str(path))
    first = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]

    Measure.objects.all().delete()
    call_command("import_measures", str(path))
    second = list(measure_export_rows())

    assert first == second
    by_id = {row["external_id"]: row for row in first}
    assert by_id["ulm-parken-001"]["contact"]["email"] == "parken@example.org"
    assert by_id["unresolved"]["municipalities"] == ["Irgendwo-Süd"]
    assert by_id["unresolved"]["budget_eur"] == 0 and by_id["unresolved"]["open_source"] is False
    for record in original:
        exported = by_id[record["external_id"]]
        for key, value in record.items():
            if isinstance(value, list):
                assert sorted(exported[key]) == sorted(value), key
            else:
                assert exported[key] == value, key


@pytest.mark.slow
def test_large_file_with_one_bad_line_changes_nothing_and_reimport_creates_no_duplicates(measure_line, tmp_path):
    path = tmp_path / "big.jsonl"
    records = [measure_line(external_id=f"bulk-{i:05d}", title=f"Maßnahme {i}") for i in range(10_000)]
    bad = dict(records[7_340], status="unbekannt")
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [*records[:7_340], bad, *records[7_341:]]), encoding="utf-8")

    with pytest.raises(CommandError, match="1 error"):
        call_command("import_measures", str(path))
    assert Measure.objects.count() == 0

    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    call_command("import_measures", str(path))
    call_command("import_measures", str(path))
    assert Measure.objects.count() == 10_000
    assert MeasureMunicipality.objects.count() == 20_000


def test_bad_line_error_is_printed_with_its_line_number(measure_line, tmp_path, capsys):
    path = tmp_path / "two.jsonl"
    path.write_text(json.dumps(measure_line()) + "\n" + json.dumps(measure_line(external_id="x", status="fertig")) + "\n")

    with pytest.raises(CommandError):
        call_command("import_measures", str(path))

    assert "line 2: status: unknown value 'fertig'" in capsys.readouterr().err
    assert Measure.objects.count() == 0
