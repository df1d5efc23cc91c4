"""Site pages that belong to no domain: legal pages, data sources, error pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader


def data_sources(request: HttpRequest) -> HttpResponse:
    """Where the reference data comes from, with the dl-de/by-2-0 attributions."""
    return render(request, "core/data_sources.html")


def imprint(request: HttpRequest) -> HttpResponse:
    """Impressum with placeholders for the operator."""
    return render(request, "core/imprint.html")


def privacy(request: HttpRequest) -> HttpResponse:
    """Datenschutzerklärung with placeholders for the operator."""
    return render(request, "core/privacy.html")


def accessibility(request: HttpRequest) -> HttpResponse:
    """Erklärung zur Barrierefreiheit."""
    return render(request, "core/accessibility.html")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404 page in the site's layout; JSON under /api/ so API clients never get HTML."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found"}, status=404)
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """500 page rendered without context processors, so it works when the database does not."""
    return HttpResponse(loader.get_template("500.html").render(), status=500)
