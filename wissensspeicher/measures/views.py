"""Pages of the knowledge base: home, measure list with filters, measure detail."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from wissensspeicher.measures import selectors
from wissensspeicher.measures.models import Measure, MunicipalityLinkKind


def home(request: HttpRequest) -> HttpResponse:
    """What the platform is for, counts, newest measures, entry by Handlungsfeld and state."""
    context = selectors.measure_home_stats()
    context["newest"] = selectors.measure_newest()
    return render(request, "measures/home.html", context)


def measure_list(request: HttpRequest) -> HttpResponse:
    """Filterable, bookmarkable, paginated list of measures."""
    sort = request.GET.get("sort", selectors.DEFAULT_SORT)
    if sort not in selectors.SORTS:
        sort = selectors.DEFAULT_SORT
    browse = selectors.measure_browse(
        request.GET, page=request.GET.get("page", 1), per_page=settings.WISSENSSPEICHER["PAGE_SIZE"], sort=sort
    )
    page, facets, filters = browse.page, browse.facets, browse.filters
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    context = {
        "page_obj": page,
        "page_range": page.paginator.get_elided_page_range(page.number),
        "facets": facets,
        "filters": filters,
        "sort": sort,
        "sorts": [(key, label) for key, (label, _order) in selectors.SORTS.items()],
        "query_without_page": query_without_page.urlencode(),
        "active_filters": [
            (facet, option) for facet in facets for option in facet.options if option.selected
        ],
    }
    return render(request, "measures/measure_list.html", context)


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
