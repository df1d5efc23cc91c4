"""Response and parameter schemas of API v1, and the functions that fill them from models."""

from __future__ import annotations

from typing import Literal

from ninja import Field, Schema

from wissensspeicher.measures.models import Measure, MeasureMunicipality
from wissensspeicher.municipalities.models import ModelProject, Municipality


class MeasureListParams(Schema):
    q: str | None = Field(default=None, max_length=300, description="Search query (German or English)")
    title_only: bool = Field(default=False, description="Search only in titles (strictly lexical)")
    exact: bool = Field(default=False, description="Only exact word matches (no stemming, synonyms or semantics)")
    state: list[str] = Field(default=[], description="Bundesland, e.g. Bayern or bayern")
    fields_of_action: list[str] = Field(default=[], description="Handlungsfeld label, e.g. Mobilität")
    status: list[str] = Field(default=[], description="Bearbeitungsstand, e.g. In Umsetzung")
    spatial_impact: list[str] = Field(default=[], description="Raumwirkung, e.g. Quartier")
    solution_types: list[str] = Field(default=[], description="Lösungstyp, e.g. App")
    target_groups: list[str] = Field(default=[], description="Zielgruppe, e.g. Verwaltung")
    model_project: list[str] = Field(default=[], description="Model project name or slug")
    cohort: list[str] = Field(default=[], description="Staffel: 2019, 2020 or 2021")
    category: list[str] = Field(default=[], description="Model project category, e.g. Großstadt")
    sort: Literal["newest", "title", "updated"] = "newest"
    page: int = Field(default=1, ge=1)


class MunicipalityParams(Schema):
    q: str | None = Field(default=None, description="Start of the name")
    ags: str | None = Field(default=None, pattern=r"^\d{5}(\d{3}|\d{4})?$", description="AGS or key")
    limit: int = Field(default=20, ge=1, le=100)


class MunicipalityRef(Schema):
    name_as_written: str
    key: str | None = None
    name: str | None = None
    level: str | None = None


class ModelProjectRef(Schema):
    name: str
    slug: str


class MeasureSummary(Schema):
    id: int
    external_id: str | None
    title: str
    summary: str
    model_project: ModelProjectRef
    state: str
    fields_of_action: list[str]
    spatial_impact: str
    status: str
    solution_types: list[str]
    target_groups: list[str]
    url: str
    score: float | None = None
    snippet_html: str | None = None


class MeasureRef(Schema):
    external_id: str | None
    title: str
    url: str


class Contact(Schema):
    name: str
    role: str


class MeasureDetail(MeasureSummary):
    description: str
    municipalities: list[MunicipalityRef]
    start: str | None
    end: str | None
    budget_eur: int | None
    open_source: bool | None
    repository_url: str | None
    licence: str | None
    transferability: str | None
    contact: Contact | None
    reused_by: list[MunicipalityRef]
    updated_at: str
    similar: list[MeasureRef]


class MeasureList(Schema):
    count: int
    items: list[MeasureSummary]
    corrected_query: str | None = None


class MunicipalityOut(Schema):
    key: str
    ags: str | None
    ars: str
    name: str
    short_name: str
    level: str
    kind: str
    state: str
    population: int | None
    population_source: str
    area_km2: float | None
    postcode: str
    latitude: float | None
    longitude: float | None
    url: str


class MunicipalityList(Schema):
    count: int
    items: list[MunicipalityOut]


class ModelProjectOut(Schema):
    name: str
    slug: str
    cohort: int
    category: str
    states: list[str]
    members: list[MunicipalityRef]
    members_note: str
    url: str


class ModelProjectList(Schema):
    count: int
    items: list[ModelProjectOut]


def _month(value) -> str | None:
    return value.strftime("%Y-%m") if value else None


def measure_summary(measure: Measure) -> dict:
    return {
        "id": measure.pk,
        "external_id": measure.external_id,
        "title": measure.title,
        "summary": measure.summary,
        "model_project": {"name": measure.model_project.name, "slug": measure.model_project.slug},
        "state": measure.state.name,
        "fields_of_action": [t.label for t in measure.fields_of_action.all()],
        "spatial_impact": measure.spatial_impact.label,
        "status": measure.status.label,
        "solution_types": [t.label for t in measure.solution_types.all()],
        "target_groups": [t.label for t in measure.target_groups.all()],
        "url": measure.get_absolute_url(),
    }


def municipality_ref(link: MeasureMunicipality) -> dict:
    muni = link.municipality
    return {
        "name_as_written": link.name_as_written,
        "key": muni.key if muni else None,
        "name": muni.name if muni else None,
        "level": muni.level if muni else None,
    }


def measure_detail(measure: Measure, *, involved, reused_by, similar) -> dict:
    # Name and function may be public; the e-mail address never is.
    contact = {"name": measure.contact_name, "role": measure.contact_role} if measure.public_contact else None
    return {
        **measure_summary(measure),
        "description": measure.description,
        "municipalities": [municipality_ref(link) for link in involved],
        "start": _month(measure.start),
        "end": _month(measure.end),
        "budget_eur": measure.budget_eur,
        "open_source": measure.open_source,
        "repository_url": measure.repository_url or None,
        "licence": measure.licence or None,
        "transferability": measure.transferability or None,
        "contact": contact,
        "reused_by": [municipality_ref(link) for link in reused_by],
        "updated_at": measure.updated_at.isoformat(),
        "similar": [{"external_id": m.external_id, "title": m.title, "url": m.get_absolute_url()} for m in similar],
    }


def municipality(entry: Municipality) -> dict:
    return {
        "key": entry.key,
        "ags": entry.ags or None,
        "ars": entry.ars,
        "name": entry.name,
        "short_name": entry.short_name,
        "level": entry.level,
        "kind": entry.kind,
        "state": entry.state.name,
        "population": entry.population,
        "population_source": entry.population_source,
        "area_km2": float(entry.area_km2) if entry.area_km2 is not None else None,
        "postcode": entry.postcode,
        "latitude": entry.latitude,
        "longitude": entry.longitude,
        "url": entry.get_absolute_url(),
    }


def model_project(project: ModelProject) -> dict:
    return {
        "name": project.name,
        "slug": project.slug,
        "cohort": project.cohort,
        "category": project.category,
        "states": [s.name for s in project.states.all()],
        "members": [
            {"name_as_written": m.display_name, "key": m.key, "name": m.name, "level": m.level} for m in project.members.all()
        ],
        "members_note": project.members_note,
        "url": project.get_absolute_url(),
    }


