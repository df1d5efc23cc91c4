"""What templates/components/pagination.html needs of a page of results."""

from __future__ import annotations

from django.core.paginator import Page
from django.http import HttpRequest


def pagination_context(request: HttpRequest, page: Page) -> dict:
    """The page, the page numbers to link (elided) and the request's parameters without `page`."""
    query = request.GET.copy()
    query.pop("page", None)
    return {"page_obj": page, "page_range": page.paginator.get_elided_page_range(page.number), "query_without_page": query.urlencode()}
