"""JSON API v1: thin adapters over the selectors of the domain apps.

Every list answers {"count": N, "items": [...]}; errors are JSON with a "detail" key.
Contact e-mail addresses are never part of a public response.
"""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest
from ninja import NinjaAPI, Query
from ninja.errors import HttpError, ValidationError

from wissensspeicher.api import schemas
from wissensspeicher.measures import selectors as measure_selectors
from wissensspeicher.measures.models import Measure, MunicipalityLinkKind
from wissensspeicher.municipalities import selectors as municipality_selectors
from wissensspeicher.municipalities.models import ModelProject
from wissensspeicher.search.selectors import search_measures, similar_measures, snippets_for

api = NinjaAPI(
    title="Wissensspeicher API",
    version="1",
    description="Offene Schnittstelle zu den Maßnahmen der Modellprojekte Smart Cities, den Modellprojekten und dem "
    "amtlichen Gemeindeverzeichnis. Open API to the measures of the Smart City model projects, the model projects and "
    "the official municipality registry.",
    urls_namespace="api",
    openapi_url="/openapi.json",
)


from wissensspeicher.api.editorial import router as editorial_router  # noqa: E402

api.add_router("/editorial", editorial_router)

from wissensspeicher.api.marketplace import router as marketplace_router  # noqa: E402

api.add_router("/marketplace", marketplace_router)

from wissensspeicher.api.events import router as events_router  # noqa: E402

api.add_router("/events", events_router)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404):
    return api.create_response(request, {"detail": str(exc) or "Not found"}, status=404)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError):
    problems = [
        {"location": ".".join(str(part) for part in error.get("loc", [])), "message": error.get("msg", "")}
        for error in exc.errors
    ]
    return api.create_response(request, {"detail": "Invalid request", "errors": problems}, status=422)


def _page(items, page: int, per_page: int):
    paginator = Paginator(items, per_page)
    if page > max(paginator.num_pages, 1):
        raise HttpError(404, f"page {page} does not exist (last page: {paginator.num_pages})")
    return paginator.count, list(paginator.page(page).object_list)


@api.get("/measures", response=schemas.MeasureList, tags=["measures"], summary="List measures")
def list_measures(request: HttpRequest, params: Query[schemas.MeasureListParams]):
    """Measures, filtered like the list page: repeat a parameter for OR, combine parameters for AND.

    Values are the German labels of the import format or the slugs used by the website. With `q`,
    the measures are ranked by relevance (German analysis, synonyms, typo correction and semantic
    similarity) and carry a `score` and a highlighted `snippet_html`.
    """
    raw = {key: request.GET.getlist(key) for key in request.GET}
    filters = measure_selectors.measure_filters_parse(raw)
    if filters.unknown:
        detail = "; ".join(f"{param}: unknown value(s) {', '.join(values)}" for param, values in filters.unknown.items())
        raise HttpError(422, detail)
    per_page = settings.WISSENSSPEICHER["API_PAGE_SIZE"]
    if params.q and params.q.strip():
        result = search_measures(params.q, filters.keys, page=params.page, per_page=per_page,
                                 title_only=params.title_only, exact=params.exact, with_facets=False)
        measures = measure_selectors.measure_list_with_relations([hit.measure_id for hit in result.hits])
        snippets_for(result, {m.id: f"{m.summary}\n{m.description}" for m in measures})
        by_id = {hit.measure_id: hit for hit in result.hits}
        items = [{**schemas.measure_summary(m), "score": round(by_id[m.id].score, 6), "snippet_html": str(by_id[m.id].snippet or "")} for m in measures]
        return {"count": result.total, "items": items, "corrected_query": result.corrected_query or None}
    queryset = measure_selectors.measure_list(filters, sort=params.sort).select_related(
        "model_project", "state", "status", "spatial_impact"
    ).prefetch_related("fields_of_action", "solution_types", "target_groups")
    count, items = _page(queryset, params.page, per_page)
    return {"count": count, "items": [schemas.measure_summary(m) for m in items]}


@api.get("/measures/{external_id}", response=schemas.MeasureDetail, tags=["measures"], summary="One measure")
def get_measure(request: HttpRequest, external_id: str):
    """Every public field of one measure, addressed by its external id."""
    try:
        measure = measure_selectors.measure_by_external_id(external_id)
    except Measure.DoesNotExist as exc:
        raise Http404(f"No measure with external_id {external_id!r}") from exc
    similar = measure_selectors.measure_list_by_ids(
        similar_measures(measure.pk, title=measure.title, summary=measure.summary, limit=5)
    )
    return schemas.measure_detail(
        measure,
        involved=measure_selectors.measure_links(measure, MunicipalityLinkKind.INVOLVED),
        reused_by=measure_selectors.measure_links(measure, MunicipalityLinkKind.REUSED_BY),
        similar=similar,
    )


@api.get("/model-projects", response=schemas.ModelProjectList, tags=["model projects"], summary="List model projects")
def list_model_projects(request: HttpRequest):
    """All 73 model projects."""
    projects = list(municipality_selectors.model_project_list().prefetch_related("members"))
    return {"count": len(projects), "items": [schemas.model_project(p) for p in projects]}


@api.get("/model-projects/{slug}", response=schemas.ModelProjectOut, tags=["model projects"], summary="One model project")
def get_model_project(request: HttpRequest, slug: str):
    """One model project with its members."""
    try:
        project = municipality_selectors.model_project_detail(slug)
    except ModelProject.DoesNotExist as exc:
        raise Http404(f"No model project {slug!r}") from exc
    return schemas.model_project(project)


@api.get("/municipalities", response=schemas.MunicipalityList, tags=["municipalities"], summary="Search the registry")
def list_municipalities(request: HttpRequest, params: Query[schemas.MunicipalityParams]):
    """Registry entries by name prefix (`q`) or key (`ags`: 8-digit AGS, 5-digit Kreis, 9-digit Verband)."""
    if params.ags:
        items = list(municipality_selectors.municipality_by_ags(params.ags))
    else:
        items = list(municipality_selectors.municipality_search(params.q or "", limit=params.limit))
    return {"count": len(items), "items": [schemas.municipality(m) for m in items]}
