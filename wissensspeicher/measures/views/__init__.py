"""Pages of the knowledge base: home and measure detail (the list is the search app's page)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from wissensspeicher.measures.rules import can
from wissensspeicher.measures import selectors
from wissensspeicher.measures.models import Measure, MunicipalityLinkKind
from wissensspeicher.measures.selectors.editorial import measure_for_user


def home(request: HttpRequest) -> HttpResponse:
    """What the platform is for, counts, newest measures, entry by Handlungsfeld and state."""
    context = selectors.measure_home_stats()
    context["newest"] = selectors.measure_newest()
    return render(request, "measures/home.html", context)


def measure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Every public field of one measure; its editors and moderators also see drafts, with the editorial state."""
    try:
        if request.user.is_authenticated:
            measure = measure_for_user(pk, request.user)
        else:
            measure = selectors.measure_detail(pk)
    except Measure.DoesNotExist as exc:
        raise Http404 from exc
    user = request.user
    context = {
        "measure": measure,
        "can_edit": can(user, "measures.change_measure", measure),
        "can_review": can(user, "measures.comment_measure", measure),
        "can_confirm": can(user, "measures.confirm_measure_checked", measure),
        "pending_revision": Measure.objects.filter(revision_of=measure).first() if can(user, "measures.comment_measure", measure) else None,
        "involved": selectors.measure_links(measure, MunicipalityLinkKind.INVOLVED),
        "reused_by": selectors.measure_links(measure, MunicipalityLinkKind.REUSED_BY),
    }
    return render(request, "measures/measure_detail.html", context)
