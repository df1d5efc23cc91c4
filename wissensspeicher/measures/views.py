"""Pages of the knowledge base: home and measure detail (the list is the search app's page)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from wissensspeicher.measures import selectors
from wissensspeicher.measures.models import Measure, MunicipalityLinkKind


def home(request: HttpRequest) -> HttpResponse:
    """What the platform is for, counts, newest measures, entry by Handlungsfeld and state."""
    context = selectors.measure_home_stats()
    context["newest"] = selectors.measure_newest()
    return render(request, "measures/home.html", context)


def measure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Every public field of one measure."""
    try:
        measure = selectors.measure_detail(pk)
    except Measure.DoesNotExist as exc:
        raise Http404 from exc
    context = {
        "measure": measure,
        "involved": selectors.measure_links(measure, MunicipalityLinkKind.INVOLVED),
        "reused_by": selectors.measure_links(measure, MunicipalityLinkKind.REUSED_BY),
    }
    return render(request, "measures/measure_detail.html", context)
