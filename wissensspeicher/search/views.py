"""The measure list: browse with filters, or search with a query, through the one search seam."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from wissensspeicher.core.pagination import pagination_context
from wissensspeicher.measures import selectors as measure_selectors
from wissensspeicher.search.selectors import search_measures, snippets_for


class _ResultSequence:
    """Lets Django's Paginator page over a search result whose hits are already the requested page."""

    def __init__(self, total: int, items: list, offset: int):
        self.total, self.items, self.offset = total, items, offset

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, item: slice):
        return self.items


def measure_list(request: HttpRequest) -> HttpResponse:
    """Filterable, bookmarkable, paginated list of measures; with `q` a ranked search with snippets."""
    per_page = settings.WISSENSSPEICHER["PAGE_SIZE"]
    query = request.GET.get("q", "").strip()[:300]
    title_only = request.GET.get("nur_titel") == "1"
    exact = request.GET.get("exakt") == "1"
    correct = request.GET.get("korrektur") != "0"
    search = None
    if query:
        tables = measure_selectors.measure_option_tables()
        filters = measure_selectors.measure_filters_parse(request.GET, tables=tables)
        try:
            page_number = max(int(request.GET.get("page", 1)), 1)
        except ValueError:
            page_number = 1
        search = search_measures(query, filters.keys, page=page_number, per_page=per_page,
                                 title_only=title_only, exact=exact, correct=correct)
        measures = measure_selectors.measure_list_by_ids([hit.measure_id for hit in search.hits])
        texts = {m.id: f"{m.summary}\n{m.description}" for m in measures}
        snippets_for(search, texts)
        snippet_by_id = {hit.measure_id: hit.snippet for hit in search.hits}
        for measure in measures:
            measure.snippet = snippet_by_id.get(measure.id)
        page = Paginator(_ResultSequence(search.total, measures, (page_number - 1) * per_page), per_page).get_page(page_number)
        facets = measure_selectors.facets_from_counts(filters, search.facets, tables)
        sort = "relevance"
    else:
        sort = request.GET.get("sort", measure_selectors.DEFAULT_SORT)
        if sort not in measure_selectors.SORTS:
            sort = measure_selectors.DEFAULT_SORT
        browse = measure_selectors.measure_browse(request.GET, page=request.GET.get("page", 1), per_page=per_page, sort=sort)
        page, facets, filters = browse.page, browse.facets, browse.filters
    without_correction = request.GET.copy()
    without_correction["korrektur"] = "0"
    without_correction.pop("page", None)
    context = {
        **pagination_context(request, page),
        "facets": facets,
        "filters": filters,
        "sort": sort,
        "sorts": [(key, label) for key, (label, _order) in measure_selectors.SORTS.items()],
        "query": query,
        "title_only": title_only,
        "exact": exact,
        "search": search,
        "without_correction": without_correction.urlencode(),
        "active_filters": [(facet, option) for facet in facets for option in facet.options if option.selected],
    }
    return render(request, "search/measure_list.html", context)
