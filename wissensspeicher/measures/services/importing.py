"""Import of measures from JSON Lines (format: docs/import-format.md, measure section, v1).

Every line is validated before anything is written. Any error means nothing is written;
otherwise all lines are written in one transaction. Re-importing an external_id updates
that record, so the import is idempotent.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils import timezone

from wissensspeicher.measures.models import (
    FieldOfAction,
    Measure,
    MeasureMunicipality,
    MunicipalityLinkKind,
    ProgressStatus,
    PublicationState,
    SolutionType,
    SpatialImpact,
    TargetGroup,
)
from wissensspeicher.measures.services.events import measures_changed
from wissensspeicher.municipalities.models import ModelProject, State
from wissensspeicher.municipalities.selectors import municipality_resolve_name

# Keys in the order of the format table; the export writes them in this order too.
MEASURE_KEYS = (
    "external_id",
    "title",
    "summary",
    "description",
    "model_project",
    "municipalities",
    "state",
    "fields_of_action",
    "spatial_impact",
    "status",
    "solution_types",
    "target_groups",
    "start",
    "end",
    "budget_eur",
    "open_source",
    "repository_url",
    "licence",
    "transferability",
    "contact",
    "reused_by",
)
REQUIRED_KEYS = frozenset(
    {
        "external_id",
        "title",
        "summary",
        "description",
        "model_project",
        "municipalities",
        "state",
        "fields_of_action",
        "spatial_impact",
        "status",
    }
)
CONTACT_KEYS = ("name", "role", "email")
MAX_LENGTHS = {"external_id": 200, "title": 200, "summary": 500, "licence": 100, "repository_url": 500}
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_url_validator = URLValidator(schemes=["http", "https"])
_email_validator = EmailValidator()


@dataclass(frozen=True)
class ImportProblem:
    """One error or warning, addressed by line and key."""

    line: int
    key: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.key}: {self.message}"


@dataclass
class ImportReport:
    """What an import did (or, with errors, why it wrote nothing)."""

    errors: list[ImportProblem] = field(default_factory=list)
    warnings: list[ImportProblem] = field(default_factory=list)
    created: int = 0
    updated: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Vocabulary:
    """Lookup tables loaded once per import."""

    model_projects: dict[str, int]
    states: dict[str, int]
    fields_of_action: dict[str, int]
    spatial_impacts: dict[str, int]
    statuses: dict[str, int]
    solution_types: dict[str, int]
    target_groups: dict[str, int]

    @classmethod
    def load(cls) -> _Vocabulary:
        return cls(
            model_projects=dict(ModelProject.objects.values_list("name", "id")),
            states=dict(State.objects.values_list("name", "id")),
            fields_of_action=dict(FieldOfAction.objects.values_list("label", "id")),
            spatial_impacts=dict(SpatialImpact.objects.values_list("label", "id")),
            statuses=dict(ProgressStatus.objects.values_list("label", "id")),
            solution_types=dict(SolutionType.objects.values_list("label", "id")),
            target_groups=dict(TargetGroup.objects.values_list("label", "id")),
        )


@dataclass
class _Link:
    name: str
    municipality_id: int | None


@dataclass
class _Row:
    """A validated line, ready to be written."""

    line: int
    external_id: str
    fields: dict[str, Any]
    fields_of_action: list[int]
    solution_types: list[int]
    target_groups: list[int]
    municipalities: list[_Link]
    reused_by: list[_Link]


class _LineValidator:
    """Checks one parsed line and collects its problems."""

    def __init__(self, line: int, data: dict, vocab: _Vocabulary, report: ImportReport):
        self.line = line
        self.data = data
        self.vocab = vocab
        self.report = report
        self.ok = True

    def error(self, key: str, message: str) -> None:
        self.ok = False
        self.report.errors.append(ImportProblem(self.line, key, message))

    def warn(self, key: str, message: str) -> None:
        self.report.warnings.append(ImportProblem(self.line, key, message))

    def value(self, key: str) -> Any:
        # An explicit null means the same as an absent optional key.
        return self.data.get(key)

    def string(self, key: str) -> str:
        value = self.value(key)
        if value is None:
            if key in REQUIRED_KEYS:
                self.error(key, "missing required key")
            return ""
        if not isinstance(value, str):
            self.error(key, f"must be a string, got {_json_type(value)}")
            return ""
        value = value.strip()
        if key in REQUIRED_KEYS and not value:
            self.error(key, "must not be empty")
        limit = MAX_LENGTHS.get(key)
        if limit and len(value) > limit:
            self.error(key, f"is {len(value)} characters long, at most {limit} allowed")
        return value

    def string_list(self, key: str, *, minimum: int = 0) -> list[str]:
        value = self.value(key)
        if value is None:
            if key in REQUIRED_KEYS:
                self.error(key, "missing required key")
            return []
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.error(key, f"must be a list of strings, got {_json_type(value)}")
            return []
        items = [item.strip() for item in value if item.strip()]
        if len(items) < minimum:
            self.error(key, f"needs at least {minimum} entry" if minimum == 1 else f"needs at least {minimum} entries")
        return items

    def label(self, key: str, table: dict[str, int]) -> int | None:
        value = self.string(key)
        if not value:
            return None
        return self._lookup(key, value, table)

    def labels(self, key: str, table: dict[str, int], *, minimum: int = 0) -> list[int]:
        ids = []
        for value in self.string_list(key, minimum=minimum):
            term_id = self._lookup(key, value, table)
            if term_id is not None and term_id not in ids:
                ids.append(term_id)
        return ids

    def _lookup(self, key: str, value: str, table: dict[str, int]) -> int | None:
        if value in table:
            return table[value]
        close = difflib.get_close_matches(value, table.keys(), n=3, cutoff=0.5)
        hint = f"; did you mean {_quote_list(close)}?" if close else f"; allowed: {_quote_list(sorted(table))}"
        self.error(key, f"unknown value {value!r}{hint}")
        return None

    def month(self, key: str) -> dt.date | None:
        value = self.value(key)
        if value is None:
            return None
        match = _MONTH.match(value) if isinstance(value, str) else None
        if not match or not 1 <= int(match.group(2)) <= 12:
            self.error(key, f'must be a month as "YYYY-MM", got {value!r}')
            return None
        return dt.date(int(match.group(1)), int(match.group(2)), 1)

    def integer(self, key: str) -> int | None:
        value = self.value(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(key, f"must be a whole number, got {_json_type(value)}")
            return None
        if value < 0:
            self.error(key, "must not be negative")
            return None
        return value

    def boolean(self, key: str) -> bool | None:
        value = self.value(key)
        if value is None:
            return None
        if not isinstance(value, bool):
            self.error(key, f"must be true or false, got {_json_type(value)}")
            return None
        return value

    def url(self, key: str) -> str:
        value = self.string(key)
        if value:
            try:
                _url_validator(value)
            except ValidationError:
                self.error(key, f"is not a valid http(s) URL: {value!r}")
        return value

    def contact(self) -> dict[str, str]:
        value = self.value("contact")
        if value is None:
            return {"name": "", "role": "", "email": ""}
        if not isinstance(value, dict):
            self.error("contact", f"must be an object with name, role, email, got {_json_type(value)}")
            return {"name": "", "role": "", "email": ""}
        result = {}
        for unknown in sorted(set(value) - set(CONTACT_KEYS)):
            self.error(f"contact.{unknown}", "unknown key (allowed: name, role, email)")
        for sub in CONTACT_KEYS:
            item = value.get(sub)
            if item is None:
                result[sub] = ""
            elif not isinstance(item, str):
                self.error(f"contact.{sub}", f"must be a string, got {_json_type(item)}")
                result[sub] = ""
            else:
                result[sub] = item.strip()
        if result["email"]:
            try:
                _email_validator(result["email"])
            except ValidationError:
                self.error("contact.email", f"is not a valid e-mail address: {result['email']!r}")
        return result

    def municipality_links(self, key: str, state_name: str, *, minimum: int = 0) -> list[_Link]:
        links = []
        for name in self.string_list(key, minimum=minimum):
            resolved = municipality_resolve_name(name, state_name or None)
            if resolved.status == "unknown":
                self.warn(key, f"{name!r} was not found in the municipality registry; kept as written")
            elif resolved.status == "ambiguous":
                shown = ", ".join(resolved.candidates[:5])
                more = f" and {len(resolved.candidates) - 5} more" if len(resolved.candidates) > 5 else ""
                self.warn(key, f"{name!r} is ambiguous ({shown}{more}); kept as written")
            links.append(_Link(name=name, municipality_id=resolved.municipality_id))
        return links

    def validate(self) -> _Row | None:
        for unknown in sorted(set(self.data) - set(MEASURE_KEYS)):
            self.error(unknown, "unknown key")
        v = self.vocab
        external_id = self.string("external_id")
        model_project_name = self.string("model_project")
        model_project_id = None
        if model_project_name:
            model_project_id = v.model_projects.get(model_project_name)
            if model_project_id is None:
                close = difflib.get_close_matches(model_project_name, v.model_projects.keys(), n=3, cutoff=0.3)
                hint = f"; closest known: {_quote_list(close)}" if close else ""
                self.error("model_project", f"unknown model project {model_project_name!r}{hint}")
        state_id = self.label("state", v.states)
        state_name = self.string("state") if state_id else ""
        start, end = self.month("start"), self.month("end")
        if start and end and end < start:
            self.error("end", "is before start")
        contact = self.contact()
        row_fields = {
            "title": self.string("title"),
            "summary": self.string("summary"),
            "description": self.string("description"),
            "model_project_id": model_project_id,
            "state_id": state_id,
            "spatial_impact_id": self.label("spatial_impact", v.spatial_impacts),
            "status_id": self.label("status", v.statuses),
            "start": start,
            "end": end,
            "budget_eur": self.integer("budget_eur"),
            "open_source": self.boolean("open_source"),
            "repository_url": self.url("repository_url"),
            "licence": self.string("licence"),
            "transferability": self.string("transferability"),
            "contact_name": contact["name"],
            "contact_role": contact["role"],
            "contact_email": contact["email"],
        }
        row = _Row(
            line=self.line,
            external_id=external_id,
            fields=row_fields,
            fields_of_action=self.labels("fields_of_action", v.fields_of_action, minimum=1),
            solution_types=self.labels("solution_types", v.solution_types),
            target_groups=self.labels("target_groups", v.target_groups),
            municipalities=self.municipality_links("municipalities", state_name, minimum=1),
            reused_by=self.municipality_links("reused_by", ""),
        )
        return row if self.ok else None


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean", int: "a number", float: "a number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def _quote_list(values: Iterable[str]) -> str:
    return ", ".join(f'"{v}"' for v in values)


def _validate(lines: Iterable[str], report: ImportReport) -> list[_Row]:
    vocab = _Vocabulary.load()
    rows: list[_Row] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(lines, start=1):
        text = raw.strip()
        if not text:
            continue
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            report.errors.append(ImportProblem(number, "json", f"not valid JSON ({exc.msg} at column {exc.colno})"))
            continue
        if not isinstance(data, dict):
            report.errors.append(ImportProblem(number, "json", f"expected an object, got {_json_type(data)}"))
            continue
        row = _LineValidator(number, data, vocab, report).validate()
        external_id = data.get("external_id")
        if isinstance(external_id, str) and external_id.strip():
            key = external_id.strip()
            if key in seen:
                report.errors.append(
                    ImportProblem(number, "external_id", f"{key!r} already appears on line {seen[key]}")
                )
                continue
            seen[key] = number
        if row is not None:
            rows.append(row)
    return rows


def _chunks(items: list, size: int = 500):
    for index in range(0, len(items), size):
        yield items[index : index + size]


@transaction.atomic
def _write(rows: list[_Row], *, is_demo: bool, report: ImportReport) -> None:
    now = timezone.now()
    existing: dict[str, Measure] = {}
    for chunk in _chunks([row.external_id for row in rows]):
        existing.update({m.external_id: m for m in Measure.objects.filter(external_id__in=chunk)})

    slugs = {model: dict(model.objects.values_list("id", "slug")) for model in (FieldOfAction, SolutionType, TargetGroup)}
    to_create, to_update = [], []
    for row in rows:
        measure = existing.get(row.external_id)
        if measure is None:
            # Imports come from the coordination office's own data: they are published at once.
            measure = Measure(external_id=row.external_id, is_demo=is_demo, created_at=now,
                              publication_state=PublicationState.PUBLISHED, last_checked_at=now)
            to_create.append(measure)
        else:
            to_update.append(measure)
        for name, value in row.fields.items():
            setattr(measure, name, value)
        measure.relations = _relations(row, slugs)
        measure.updated_at = now

    Measure.objects.bulk_create(to_create, batch_size=500)
    # One UPDATE per record: bulk_update's CASE expressions cost far more to build than they save.
    update_fields = [*rows[0].fields.keys(), "relations", "updated_at"] if rows else []
    for measure in to_update:
        Measure.objects.filter(pk=measure.pk).update(**{name: getattr(measure, name) for name in update_fields})
    report.created, report.updated = len(to_create), len(to_update)

    # bulk_create returns primary keys on PostgreSQL and SQLite >= 3.35; fetch them anyway
    # when a backend does not, so relations are never written against a missing id.
    if any(m.pk is None for m in to_create):
        ids = dict(Measure.objects.filter(external_id__in=[m.external_id for m in to_create]).values_list("external_id", "id"))
        for m in to_create:
            m.pk = ids[m.external_id]
    by_external = {m.external_id: m.pk for m in [*to_create, *to_update]}

    relations = [
        (Measure.fields_of_action.through, "fieldofaction_id", "fields_of_action"),
        (Measure.solution_types.through, "solutiontype_id", "solution_types"),
        (Measure.target_groups.through, "targetgroup_id", "target_groups"),
    ]
    all_ids = list(by_external.values())
    for chunk in _chunks(all_ids):
        for through, _column, _attr in relations:
            through.objects.filter(measure_id__in=chunk).delete()
        MeasureMunicipality.objects.filter(measure_id__in=chunk).delete()

    for through, column, attr in relations:
        through.objects.bulk_create(
            [through(measure_id=by_external[row.external_id], **{column: term_id}) for row in rows for term_id in getattr(row, attr)],
            batch_size=1000,
        )
    links = []
    for row in rows:
        measure_id = by_external[row.external_id]
        for kind, entries in ((MunicipalityLinkKind.INVOLVED, row.municipalities), (MunicipalityLinkKind.REUSED_BY, row.reused_by)):
            links.extend(
                MeasureMunicipality(
                    measure_id=measure_id, kind=kind, position=pos, name_as_written=link.name, municipality_id=link.municipality_id
                )
                for pos, link in enumerate(entries)
            )
    MeasureMunicipality.objects.bulk_create(links, batch_size=1000)
    # Versions: a re-import shows in each measure's history as a change by the import.
    Measure.history.bulk_history_create(to_create, batch_size=500, default_change_reason="Import")
    Measure.history.bulk_history_create(to_update, batch_size=500, update=True, default_change_reason="Import")
    measures_changed(by_external.values())


def _relations(row: _Row, slugs: dict) -> dict[str, list[str]]:
    """The relations snapshot the version history keeps (same shape as the editorial services write)."""
    return {
        "fields_of_action": sorted(slugs[FieldOfAction][i] for i in row.fields_of_action),
        "solution_types": sorted(slugs[SolutionType][i] for i in row.solution_types),
        "target_groups": sorted(slugs[TargetGroup][i] for i in row.target_groups),
        "municipalities": [link.name for link in row.municipalities],
        "reused_by": [link.name for link in row.reused_by],
    }


def measures_import(lines: Iterable[str], *, is_demo: bool = False) -> ImportReport:
    """Validate every line, then write all of them in one transaction, or nothing if any line is wrong."""
    report = ImportReport()
    rows = _validate(lines, report)
    if report.errors:
        return report
    _write(rows, is_demo=is_demo, report=report)
    return report
