"""Pages for model projects and registry entries."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from wissensspeicher.measures import selectors as measure_selectors
from wissensspeicher.measures.models import MunicipalityLinkKind
from wissensspeicher.municipalities import selectors
from wissensspeicher.municipalities.models import ModelProject, Municipality


def model_project_list(request: HttpRequest) -> HttpResponse:
    """All 73 model projects grouped by Staffel."""
    projects = list(selectors.model_project_list())
    cohorts: dict[int, list[ModelProject]] = {}
    for project in projects:
        cohorts.setdefault(project.cohort, []).append(project)
    return render(request, "municipalities/modelproject_list.html", {"cohorts": sorted(cohorts.items()), "count": len(projects)})


def model_project_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """Profile, members and measures of one model project."""
    try:
        project = selectors.model_project_detail(slug)
    except ModelProject.DoesNotExist as exc:
        raise Http404 from exc
    measures = measure_selectors.measure_list_for_model_project(project)
    return render(request, "municipalities/modelproject_detail.html", {"project": project, "measures": measures})


def municipality_list(request: HttpRequest) -> HttpResponse:
    """Find a municipality of the registry by the start of its name."""
    query = request.GET.get("q", "").strip()
    results = selectors.municipality_search(query, limit=50) if query else []
    return render(request, "municipalities/municipality_list.html", {"query": query, "results": results})


def municipality_detail(request: HttpRequest, key: str) -> HttpResponse:
    """Registry facts and the measures a municipality takes part in or reuses."""
    try:
        municipality = selectors.municipality_detail(key)
    except Municipality.DoesNotExist as exc:
        raise Http404 from exc
    measures = measure_selectors.measure_list_for_municipality(municipality)
    context = {
        "municipality": municipality,
        "involved": measures[MunicipalityLinkKind.INVOLVED],
        "reused": measures[MunicipalityLinkKind.REUSED_BY],
        "model_projects": municipality.model_projects.all(),
    }
    return render(request, "municipalities/municipality_detail.html", context)
