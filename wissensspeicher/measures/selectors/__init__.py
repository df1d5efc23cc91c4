"""Reads for the knowledge base, shared by the HTML pages, the API and the CLI."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from wissensspeicher.measures.facets import facet_index
from wissensspeicher.measures.models import (
    FieldOfAction,
    Measure,
    MeasureMunicipality,
    MunicipalityLinkKind,
    ProgressStatus,
    SolutionType,
    SpatialImpact,
    TargetGroup,
)
from wissensspeicher.municipalities.models import ModelProject, ModelProjectCategory, Municipality, State


@dataclass(frozen=True)
class Dimension:
    """A filter dimension of the measure list; `param` is the query parameter of page and API."""

    param: str
    label: Any
    model: Any  # the model whose rows are the options
    lookup: str  # how a measure reaches the option's primary key
    value_field: str = "slug"  # what the URL carries


DIMENSIONS: tuple[Dimension, ...] = (
    Dimension("state", _("Bundesland"), State, "state_id"),
    Dimension("fields_of_action", _("Handlungsfeld"), FieldOfAction, "fields_of_action"),
    Dimension("spatial_impact", _("Raumwirkung"), SpatialImpact, "spatial_impact_id"),
    Dimension("status", _("Bearbeitungsstand"), ProgressStatus, "status_id"),
    Dimension("solution_types", _("Lösungstyp"), SolutionType, "solution_types"),
    Dimension("target_groups", _("Zielgruppe"), TargetGroup, "target_groups"),
    Dimension("cohort", _("Staffel"), None, "model_project__cohort", value_field="cohort"),
    Dimension("category", _("Kategorie des Modellprojekts"), None, "model_project__category", value_field="category"),
    Dimension("model_project", _("Modellprojekt"), ModelProject, "model_project_id"),
)
DIMENSION_BY_PARAM = {d.param: d for d in DIMENSIONS}
SORTS = {
    "newest": (_("Neueste zuerst"), ("-created_at", "-id")),
    "title": (_("Titel A–Z"), ("title", "id")),
    "updated": (_("Zuletzt geändert"), ("-updated_at", "-id")),
}
DEFAULT_SORT = "newest"


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    param: str
    label: Any
    options: list[FacetOption]

    @property
    def selected_count(self) -> int:
        return sum(1 for option in self.options if option.selected)


@dataclass
class MeasureFilters:
    """Validated filter values: for each dimension the selected option keys (OR within, AND across)."""

    selected: dict[str, list[str]] = field(default_factory=dict)
    unknown: dict[str, list[str]] = field(default_factory=dict)
    keys: dict[str, list[Any]] = field(default_factory=dict)  # option keys per dimension, for queries

    @property
    def is_empty(self) -> bool:
        return not self.selected


def _option_table(dimension: Dimension) -> list[tuple[Any, str, str, str]]:
    """(key, url value, German label, display label) for every option of a dimension."""
    if dimension.param == "cohort":
        years = ModelProject.objects.order_by("cohort").values_list("cohort", flat=True).distinct()
        return [(y, str(y), str(y), str(y)) for y in years]
    if dimension.param == "category":
        return [(c.value, c.value, c.value, str(c.label)) for c in ModelProjectCategory]
    if dimension.model is State or dimension.model is ModelProject:
        return [(pk, slug, name, name) for pk, slug, name in dimension.model.objects.values_list("pk", "slug", "name")]
    return [(term.pk, term.slug, term.label, term.display_label) for term in dimension.model.objects.all()]


def measure_filters_parse(params: Mapping[str, Any], *, tables: dict[str, list] | None = None) -> MeasureFilters:
    """Turn query parameters (slugs or German labels, repeatable) into filters."""
    filters = MeasureFilters()
    for dimension in DIMENSIONS:
        raw = params.getlist(dimension.param) if hasattr(params, "getlist") else params.get(dimension.param, [])
        if isinstance(raw, str):
            raw = [raw]
        values = [str(v).strip() for v in raw if str(v).strip()]
        if not values:
            continue
        table = tables[dimension.param] if tables else _option_table(dimension)
        by_value = {}
        for key, url_value, label, _display in table:
            by_value[url_value.casefold()] = (key, url_value)
            by_value[label.casefold()] = (key, url_value)
        for value in values:
            hit = by_value.get(value.casefold())
            if hit is None:
                filters.unknown.setdefault(dimension.param, []).append(value)
                continue
            key, url_value = hit
            if url_value not in filters.selected.get(dimension.param, []):
                filters.selected.setdefault(dimension.param, []).append(url_value)
                filters.keys.setdefault(dimension.param, []).append(key)
    return filters


def _apply(queryset: QuerySet, filters: MeasureFilters, *, skip: str | None = None) -> QuerySet:
    for param, keys in filters.keys.items():
        if param == skip:
            continue
        dimension = DIMENSION_BY_PARAM[param]
        if dimension.lookup in ("fields_of_action", "solution_types", "target_groups"):
            through = getattr(Measure, dimension.lookup).through
            column = f"{dimension.model._meta.model_name}_id"
            queryset = queryset.filter(id__in=through.objects.filter(**{f"{column}__in": keys}).values("measure_id"))
        else:
            queryset = queryset.filter(**{f"{dimension.lookup}__in": keys})
    return queryset


def measure_list(filters: MeasureFilters | None = None, *, sort: str = DEFAULT_SORT) -> QuerySet:
    """Published measures matching the filters, in the requested order."""
    queryset = _apply(Measure.objects.published(), filters or MeasureFilters())
    ordering = SORTS.get(sort, SORTS[DEFAULT_SORT])[1]
    return queryset.order_by(*ordering)


class _IndexedPage:
    """A sequence over the filtered, sorted measures that loads only the rows of the page asked for."""

    def __init__(self, index, within: int, sort: str):
        self.index, self.within, self.sort = index, within, sort
        self._count = within.bit_count()

    def __len__(self) -> int:
        return self._count

    def count(self) -> int:
        return self._count

    def __getitem__(self, item: slice) -> list[Measure]:
        start, stop = item.start or 0, item.stop if item.stop is not None else self._count
        ids = self.index.page_ids(self.within, self.sort, start, stop - start)
        rows = Measure.objects.filter(id__in=ids).select_related("model_project", "state", "status").prefetch_related(
            "fields_of_action"
        )
        by_id = {m.id: m for m in rows}
        return [by_id[i] for i in ids if i in by_id]


def measure_list_page(filters: MeasureFilters, *, page: int | str = 1, per_page: int = 20, sort: str = DEFAULT_SORT) -> Page:
    """One page of the filtered list, with what a list item shows already loaded."""
    index = facet_index()
    sort = sort if sort in SORTS else DEFAULT_SORT
    return Paginator(_IndexedPage(index, index.matching(filters.keys), sort), per_page).get_page(page)


def measure_option_tables() -> dict[str, list]:
    """For every filter dimension: (key, url value, German label, display label) of each option."""
    return {dimension.param: _option_table(dimension) for dimension in DIMENSIONS}


def facets_from_counts(filters: MeasureFilters, counts: dict[str, dict], tables: dict[str, list] | None = None) -> list[Facet]:
    """Facets for display from counts per dimension and option key (from the bitmap index or the search engine)."""
    tables = tables or measure_option_tables()
    facets = []
    for dimension in DIMENSIONS:
        dimension_counts = counts.get(dimension.param, {})
        selected = set(filters.selected.get(dimension.param, []))
        options = [
            FacetOption(value=url_value, label=display, count=dimension_counts.get(key, 0), selected=url_value in selected)
            for key, url_value, _label, display in tables[dimension.param]
        ]
        facets.append(Facet(param=dimension.param, label=dimension.label, options=options))
    return facets


def measure_facets(filters: MeasureFilters, *, tables: dict[str, list] | None = None) -> list[Facet]:
    """Counts for every option of every dimension, each over the results with the other filters applied."""
    index = facet_index()
    counts = {d.param: index.counts(d.param, index.matching(filters.keys, skip=d.param)) for d in DIMENSIONS}
    return facets_from_counts(filters, counts, tables)


@dataclass
class MeasureBrowse:
    """Everything the list page shows: the parsed filters, one page of results and the facets."""

    filters: MeasureFilters
    page: Page
    facets: list[Facet]


def measure_browse(params: Mapping[str, Any], *, page: int | str = 1, per_page: int = 20, sort: str = DEFAULT_SORT) -> MeasureBrowse:
    """Parse the filters, page through the results and count the facets, reading each option table once."""
    tables = measure_option_tables()
    filters = measure_filters_parse(params, tables=tables)
    return MeasureBrowse(
        filters=filters,
        page=measure_list_page(filters, page=page, per_page=per_page, sort=sort),
        facets=measure_facets(filters, tables=tables),
    )


def measure_detail(pk: int) -> Measure:
    """A published measure with everything its page shows; raises Measure.DoesNotExist."""
    return _with_relations(Measure.objects.published()).get(pk=pk)


def measure_by_external_id(external_id: str) -> Measure:
    """A published measure by its external id; raises Measure.DoesNotExist."""
    return _with_relations(Measure.objects.published()).get(external_id=external_id)


def _with_relations(queryset: QuerySet) -> QuerySet:
    links = MeasureMunicipality.objects.select_related("municipality", "municipality__state").order_by("kind", "position")
    return queryset.select_related("model_project", "state", "status", "spatial_impact").prefetch_related(
        "fields_of_action", "solution_types", "target_groups", Prefetch("municipality_links", queryset=links)
    )


def measure_links(measure: Measure, kind: str) -> list[MeasureMunicipality]:
    """The municipalities a measure names (as written, resolved where possible) of one kind."""
    return [link for link in measure.municipality_links.all() if link.kind == kind]


def measure_list_for_model_project(model_project: ModelProject) -> QuerySet:
    """Published measures of one model project, by title."""
    return measure_list(sort="title").filter(model_project=model_project).select_related("status")


def measure_list_for_municipality(municipality: Municipality) -> dict[str, QuerySet]:
    """Published measures a municipality takes part in, and those it reuses."""
    base = measure_list(sort="title").select_related("model_project", "status")
    return {
        kind: base.filter(municipality_links__municipality=municipality, municipality_links__kind=kind).distinct()
        for kind in (MunicipalityLinkKind.INVOLVED, MunicipalityLinkKind.REUSED_BY)
    }


def measure_list_by_ids(ids: list[int]) -> list[Measure]:
    """Published measures in the given order, with what a list item shows already loaded."""
    rows = Measure.objects.published().filter(id__in=ids).select_related("model_project", "state", "status")
    by_id = {m.id: m for m in rows.prefetch_related("fields_of_action")}
    return [by_id[i] for i in ids if i in by_id]


def measure_list_with_relations(ids: list[int]) -> list[Measure]:
    """Published measures in the given order with every taxonomy loaded (API items)."""
    rows = Measure.objects.published().filter(id__in=ids).select_related("model_project", "state", "status", "spatial_impact")
    by_id = {m.id: m for m in rows.prefetch_related("fields_of_action", "solution_types", "target_groups")}
    return [by_id[i] for i in ids if i in by_id]


def measure_newest(limit: int = 6) -> QuerySet:
    """The newest published measures for the home page."""
    return measure_list(sort="newest").select_related("model_project", "state")[:limit]


def measure_home_stats() -> dict[str, Any]:
    """Counts and entry points for the home page."""
    published = Measure.objects.published()
    return {
        "measure_count": published.count(),
        "model_project_count": ModelProject.objects.count(),
        "municipality_count": MeasureMunicipality.objects.filter(
            measure__in=published, municipality__isnull=False
        ).values("municipality_id").distinct().count(),
        "fields_of_action": FieldOfAction.objects.annotate(n=Count("measures", filter=Q(measures__in=published))),
        "states": State.objects.annotate(n=Count("measures", filter=Q(measures__in=published))),
    }


def measure_demo_present() -> bool:
    """Whether fictional demo measures are in the database."""
    return Measure.objects.demo().exists()


def measure_export_rows() -> Iterator[dict[str, Any]]:
    """Every measure as a dict in the import format, including contact e-mail (for the operator only)."""
    from wissensspeicher.measures.services.importing import MEASURE_KEYS

    queryset = _with_relations(Measure.objects.exclude(external_id=None)).order_by("external_id")
    for measure in queryset.iterator(chunk_size=500):
        row: dict[str, Any] = {
            "external_id": measure.external_id,
            "title": measure.title,
            "summary": measure.summary,
            "description": measure.description,
            "model_project": measure.model_project.name,
            "municipalities": [link.name_as_written for link in measure_links(measure, MunicipalityLinkKind.INVOLVED)],
            "state": measure.state.name,
            "fields_of_action": [t.label for t in measure.fields_of_action.all()],
            "spatial_impact": measure.spatial_impact.label,
            "status": measure.status.label,
            "solution_types": [t.label for t in measure.solution_types.all()],
            "target_groups": [t.label for t in measure.target_groups.all()],
            "start": measure.start.strftime("%Y-%m") if measure.start else None,
            "end": measure.end.strftime("%Y-%m") if measure.end else None,
            "budget_eur": measure.budget_eur,
            "open_source": measure.open_source,
            "repository_url": measure.repository_url,
            "licence": measure.licence,
            "transferability": measure.transferability,
            "contact": {"name": measure.contact_name, "role": measure.contact_role, "email": measure.contact_email}
            if (measure.contact_name or measure.contact_role or measure.contact_email)
            else None,
            "reused_by": [link.name_as_written for link in measure_links(measure, MunicipalityLinkKind.REUSED_BY)],
        }
        # Absent and empty mean the same on import; leaving them out keeps files readable.
        yield {key: row[key] for key in MEASURE_KEYS if row[key] not in (None, "", [])}


def measure_search_documents(ids: list[int] | None = None) -> Iterator[dict[str, Any]]:
    """Published measures as the search index needs them: texts and facet keys (all, or the given ids)."""
    categories = measure_category_keys()
    queryset = Measure.objects.published().select_related("model_project", "state", "status", "spatial_impact")
    queryset = queryset.prefetch_related(
        "fields_of_action", "solution_types", "target_groups",
        Prefetch("municipality_links", queryset=MeasureMunicipality.objects.order_by("kind", "position")),
    )
    if ids is not None:
        queryset = queryset.filter(id__in=ids)
    for measure in queryset.order_by("id").iterator(chunk_size=500):
        taxonomy = [t for rel in ("fields_of_action", "solution_types", "target_groups") for t in getattr(measure, rel).all()]
        body = "\n".join(
            part
            for part in [
                measure.description,
                measure.transferability,
                measure.model_project.name,
                " ".join(link.name_as_written for link in measure.municipality_links.all()),
                " ".join(f"{t.label} {t.label_en}" for t in taxonomy),
                f"{measure.status.label} {measure.spatial_impact.label} {measure.state.name}",
            ]
            if part
        )
        yield {
            "id": measure.id,
            "external_id": measure.external_id,
            "title": measure.title,
            "summary": measure.summary,
            "body": body,
            "long_texts": [measure.description, measure.transferability],
            "facets": {
                "state": measure.state_id,
                "status": measure.status_id,
                "spatial_impact": measure.spatial_impact_id,
                "model_project": measure.model_project_id,
                "cohort": measure.model_project.cohort,
                "category": categories.get(measure.model_project.category, 0),
            },
            "multi_facets": {
                "fields_of_action": [t.id for t in measure.fields_of_action.all()],
                "solution_types": [t.id for t in measure.solution_types.all()],
                "target_groups": [t.id for t in measure.target_groups.all()],
            },
        }


def measure_category_keys() -> dict[str, int]:
    """Model project category -> the small integer the search index stores for it."""
    return {c.value: position for position, c in enumerate(ModelProjectCategory)}
