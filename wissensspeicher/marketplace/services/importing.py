"""Import of postings from JSON Lines (docs/import-format.md, marketplace section, v1).

Same rules as the measures import: every line is validated first and problems are reported as
`line N: key: problem`; if any line is wrong nothing is written, otherwise all lines are written in
one transaction. Re-importing an external_id updates that posting (idempotent). Places are created
on first use and linked to the resolved municipality.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils import translation
from django.utils.text import slugify

from wissensspeicher.marketplace.models import Place, Posting, PostingCategory, PostingKind, PostingStatus
from wissensspeicher.marketplace.services.events import postings_changed
from wissensspeicher.measures.models import FieldOfAction
from wissensspeicher.municipalities.selectors import municipality_resolve_name

KEYS = {"external_id", "kind", "title", "body", "category", "place", "municipality", "fields_of_action", "valid_until"}
REQUIRED = ("external_id", "kind", "title", "body", "category", "place", "municipality")
DEFAULT_VALIDITY = dt.timedelta(days=182)


@dataclass
class ImportProblem:
    line: int
    key: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.key}: {self.message}"


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    places_created: int = 0
    errors: list[ImportProblem] = field(default_factory=list)
    warnings: list[ImportProblem] = field(default_factory=list)


@dataclass
class _Row:
    line: int
    values: dict
    fields_of_action: list[int]
    place: str
    municipality_text: str
    municipality_id: int | None


def _validate(lines: Iterable[str], report: ImportReport) -> list[_Row]:
    with translation.override("de"):  # the format uses the German labels, whatever the active language
        categories = {str(label): key for key, label in PostingCategory.choices}
    kinds = {k for k, _ in PostingKind.choices}
    fields = {label.lower(): pk for pk, label in FieldOfAction.objects.values_list("pk", "label")}
    fields.update({slug: pk for pk, slug in FieldOfAction.objects.values_list("pk", "slug")})
    rows, seen = [], {}
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            report.errors.append(ImportProblem(number, "json", f"not valid JSON ({exc.msg} at column {exc.colno})"))
            continue
        if not isinstance(data, dict):
            report.errors.append(ImportProblem(number, "json", "expected an object"))
            continue
        problems = len(report.errors)
        for key in sorted(set(data) - KEYS):
            report.errors.append(ImportProblem(number, key, "unknown key"))
        for key in REQUIRED:
            if not isinstance(data.get(key), str) or not data[key].strip():
                report.errors.append(ImportProblem(number, key, "required, a non-empty string"))
        external_id = (data.get("external_id") or "").strip() if isinstance(data.get("external_id"), str) else ""
        if external_id in seen:
            report.errors.append(ImportProblem(number, "external_id", f"{external_id!r} already appears on line {seen[external_id]}"))
        elif external_id:
            seen[external_id] = number
        if isinstance(data.get("kind"), str) and data["kind"] and data["kind"] not in kinds:
            report.errors.append(ImportProblem(number, "kind", f"{data['kind']!r} is not \"offer\" or \"need\""))
        if isinstance(data.get("title"), str) and len(data["title"]) > 200:
            report.errors.append(ImportProblem(number, "title", f"at most 200 characters, got {len(data['title'])}"))
        category = data.get("category")
        if isinstance(category, str) and category and category not in categories:
            report.errors.append(ImportProblem(number, "category", f"{category!r} is not one of: {', '.join(categories)}"))
        term_ids = []
        raw_fields = data.get("fields_of_action", [])
        if not isinstance(raw_fields, list) or not all(isinstance(v, str) for v in raw_fields):
            report.errors.append(ImportProblem(number, "fields_of_action", "expected a list of strings"))
        else:
            for value in raw_fields:
                if value.lower() in fields:
                    term_ids.append(fields[value.lower()])
                else:
                    report.errors.append(ImportProblem(number, "fields_of_action", f"unknown Handlungsfeld {value!r}"))
        valid_until = None
        if data.get("valid_until") is not None:
            try:
                valid_until = dt.date.fromisoformat(data["valid_until"]) if isinstance(data["valid_until"], str) else None
                if valid_until is None:
                    raise ValueError
            except ValueError:
                report.errors.append(ImportProblem(number, "valid_until", f"expected YYYY-MM-DD, got {data['valid_until']!r}"))
        if len(report.errors) > problems:
            continue
        resolved = municipality_resolve_name(data["municipality"])
        if resolved.status != "resolved":
            detail = "ambiguous: " + "; ".join(resolved.candidates[:3]) if resolved.status == "ambiguous" else "not in the registry"
            report.warnings.append(ImportProblem(number, "municipality", f"{data['municipality']!r} kept as written ({detail})"))
        rows.append(_Row(
            number,
            {"kind": data["kind"], "title": data["title"].strip(), "body": data["body"].strip(), "category": categories[category],
             "valid_until": valid_until or (timezone.localdate() + DEFAULT_VALIDITY), "external_id": external_id},
            term_ids, data["place"].strip(), data["municipality"].strip(), resolved.municipality_id,
        ))
    return rows


def _unique_slug(name: str, taken: set[str]) -> str:
    base = slugify(name)[:180] or "ort"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


@transaction.atomic
def _write(rows: list[_Row], *, is_demo: bool, report: ImportReport) -> None:
    places = {p.name: p for p in Place.objects.filter(name__in={r.place for r in rows})}
    taken = set(Place.objects.values_list("slug", flat=True))
    today = timezone.localdate()
    changed = []
    for row in rows:
        place = places.get(row.place)
        if place is None:
            place = places[row.place] = Place.objects.create(
                name=row.place, slug=_unique_slug(row.place, taken), municipality_id=row.municipality_id,
                municipality_as_written=row.municipality_text, is_demo=is_demo)
            report.places_created += 1
        values = {**row.values, "place": place, "municipality_id": row.municipality_id, "municipality_as_written": row.municipality_text}
        posting = Posting.objects.filter(external_id=row.values["external_id"]).first()
        if posting is None:
            posting = Posting(is_demo=is_demo, **values)
            report.created += 1
        else:
            for name, value in values.items():
                setattr(posting, name, value)
            report.updated += 1
        if posting.status in (PostingStatus.OPEN, PostingStatus.EXPIRED):
            posting.status = PostingStatus.EXPIRED if posting.valid_until < today else PostingStatus.OPEN
        posting.save()
        posting.fields_of_action.set(row.fields_of_action)
        changed.append(posting.pk)
    postings_changed(changed)


def postings_import(lines: Iterable[str], *, is_demo: bool = False) -> ImportReport:
    """Validate every line, then write all of them in one transaction, or nothing if any line is wrong."""
    report = ImportReport()
    rows = _validate(lines, report)
    if not report.errors:
        _write(rows, is_demo=is_demo, report=report)
    return report
