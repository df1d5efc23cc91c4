"""Site pages that belong to no domain: legal pages, data sources, error pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.template import loader

from wissensspeicher.core import services
from wissensspeicher.core.forms import AccessibilityFeedbackForm
from wissensspeicher.core.ratelimit import rate_limit_exceeded


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
    """Erklärung zur Barrierefreiheit with the feedback form "Barriere melden"."""
    if request.method == "POST":
        form = AccessibilityFeedbackForm(request.POST)
        if rate_limit_exceeded(request, "accessibility-feedback", limit=5, period=3600):
            form.is_valid()
            form.add_error(None, _("Sie haben in der letzten Stunde schon mehrere Meldungen gesendet. Bitte versuchen Sie es später noch einmal."))
        elif form.is_valid():
            if not form.cleaned_data["website"]:  # a filled honeypot is a bot: pretend success
                services.accessibility_feedback_create(
                    description=form.cleaned_data["description"],
                    page_url=form.cleaned_data["page_url"],
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                )
            return redirect(f"{reverse('core:accessibility')}?gesendet=1#barriere-melden")
        status = 400
    else:
        form = AccessibilityFeedbackForm(initial={"page_url": request.GET.get("seite", "")})
        status = 200
    context = {"form": form, "sent": request.GET.get("gesendet") == "1"}
    return render(request, "core/accessibility.html", context, status=status)


def easy_read(request: HttpRequest) -> HttpResponse:
    """What the site is for, in Leichte Sprache."""
    return render(request, "core/easy_read.html")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404 page in the site's layout; JSON under /api/ so API clients never get HTML."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found"}, status=404)
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """500 page rendered without context processors, so it works when the database does not."""
    return HttpResponse(loader.get_template("500.html").render(), status=500)
