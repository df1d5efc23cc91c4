"""Pages of Start Smart: programme, public form with opt-in pages, and the pipeline for coordination staff."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wissensspeicher.core.forms import add_service_errors
from wissensspeicher.core.pagination import pagination_context
from wissensspeicher.core.ratelimit import rate_limit_exceeded
from wissensspeicher.municipalities.models import State
from wissensspeicher.startsmart import selectors, services
from wissensspeicher.startsmart.forms import AssignForm, ExpressionOfInterestForm, NextStepForm, NoteForm, TransitionForm
from wissensspeicher.startsmart.models import STATES_MAILED_TO_MUNICIPALITY, ExpressionOfInterest, PipelineState

# Each action form on the detail page gets its own prefix, so field ids never collide.
PREFIXES = {"transition": "stand", "assign": "zustaendig", "next_step": "schritt", "note": "notiz"}


def _check_staff(request: HttpRequest, permission: str = "startsmart.view_pipeline") -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def landing(request: HttpRequest) -> HttpResponse:
    """What Start Smart offers, with the way to the form."""
    return render(request, "startsmart/landing.html", {"can_view_pipeline": request.user.has_perm("startsmart.view_pipeline")})


def expression_of_interest_create(request: HttpRequest) -> HttpResponse:
    """The public Interessensbekundung; the visitor confirms the address by e-mail."""
    form = ExpressionOfInterestForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["website"]:
            return redirect("startsmart:expression-of-interest-submitted")  # a bot: look successful, store nothing
        if rate_limit_exceeded(request, "startsmart-expression-of-interest", limit=5, period=3600):
            form.add_error(None, _("Sie haben in der letzten Stunde schon mehrere Anfragen gesendet. Bitte versuchen Sie es später wieder."))
            status = 429
        else:
            data = form.cleaned_data
            try:
                services.expression_of_interest_submit(
                    municipality=data["municipality"], contact_name=data["contact_name"], function=data["function"],
                    email=data["email"], phone=data["phone"], topics=data["topics"], formats=data["formats"],
                    message=data["message"], consent=data["consent"], language=translation.get_language(), request=request)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("startsmart:expression-of-interest-submitted")
    elif request.method == "POST":
        status = 400
    return render(request, "startsmart/expression_of_interest_create.html", {"form": form}, status=status)


def expression_of_interest_submitted(request: HttpRequest) -> HttpResponse:
    return render(request, "startsmart/expression_of_interest_submitted.html")


def expression_of_interest_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """Opt-in link from the e-mail: GET asks, POST confirms (mail scanners follow links, so GET never changes anything)."""
    try:
        eoi = selectors.expression_of_interest_by_token(token)
    except ExpressionOfInterest.DoesNotExist as exc:
        raise Http404 from exc
    if request.method == "POST":
        services.expression_of_interest_confirm(token, request=request)
        messages.success(request, _("Vielen Dank, Ihre Interessensbekundung ist bestätigt. Die Koordinierungsstelle meldet sich bei Ihnen."))
        return redirect("startsmart:expression-of-interest-confirm", token=token)
    return render(request, "startsmart/expression_of_interest_confirm.html", {"eoi": eoi})


@login_required
def expression_of_interest_list(request: HttpRequest) -> HttpResponse:
    """The pipeline: confirmed requests with filters."""
    _check_staff(request)
    filters = selectors.pipeline_filters_parse(request.GET)
    page = selectors.expression_of_interest_page(filters, request.user, request.GET.get("page", 1))
    return render(request, "startsmart/expression_of_interest_list.html", {
        "filters": filters, **pagination_context(request, page),
        "pipeline_states": PipelineState.choices, "lands": State.objects.order_by("name"), "staff": selectors.staff_list()})


def _detail(request: HttpRequest, pk: int, *, bound: dict | None = None, status: int = 200) -> HttpResponse:
    try:
        eoi = selectors.expression_of_interest_detail(pk)
    except ExpressionOfInterest.DoesNotExist as exc:
        raise Http404 from exc
    can_change = request.user.has_perm("startsmart.change_expression_of_interest", eoi)
    forms = {
        "transition": TransitionForm(prefix=PREFIXES["transition"], allowed_states=eoi.allowed_next_states()),
        "assign": AssignForm(prefix=PREFIXES["assign"], staff=selectors.staff_list(), initial={"assignee": eoi.assignee_id}),
        "next_step": NextStepForm(prefix=PREFIXES["next_step"], initial={"next_step": eoi.next_step, "next_step_date": eoi.next_step_date}),
        "note": NoteForm(prefix=PREFIXES["note"]),
    }
    forms.update(bound or {})
    return render(request, "startsmart/expression_of_interest_detail.html", {
        "eoi": eoi, "entries": eoi.entries.all(), "can_change": can_change, "forms": forms}, status=status)


@login_required
def expression_of_interest_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One request with its history and the forms to work on it."""
    _check_staff(request)
    return _detail(request, pk)


def _action(request: HttpRequest, pk: int, name: str, form, write) -> HttpResponse:
    """Validate one action form, run the service, and show the page again with the errors next to the fields."""
    _check_staff(request, "startsmart.change_expression_of_interest")
    try:
        eoi = ExpressionOfInterest.objects.confirmed().get(pk=pk)
    except ExpressionOfInterest.DoesNotExist as exc:
        raise Http404 from exc
    if form.is_valid():
        try:
            write(eoi, form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("startsmart:expression-of-interest-detail", pk=pk)
    return _detail(request, pk, bound={name: form}, status=400)


@require_POST
@login_required
def expression_of_interest_transition(request: HttpRequest, pk: int) -> HttpResponse:
    allowed = ExpressionOfInterest.objects.filter(pk=pk).values_list("state", flat=True).first()
    form = TransitionForm(request.POST, prefix=PREFIXES["transition"],
                          allowed_states=ExpressionOfInterest(state=allowed or "").allowed_next_states())

    def write(eoi, data):
        services.expression_of_interest_transition(eoi, data["to_state"], actor=request.user, note=data["note"],
                                                   next_step=data["next_step"], next_step_date=data["next_step_date"], request=request)
        label = PipelineState(data["to_state"]).label
        if data["to_state"] in STATES_MAILED_TO_MUNICIPALITY:
            messages.success(request, _("Neuer Stand: %(state)s. Die Kommune erhält eine E-Mail.") % {"state": label})
        else:
            messages.success(request, _("Neuer Stand: %(state)s.") % {"state": label})

    return _action(request, pk, "transition", form, write)


@require_POST
@login_required
def expression_of_interest_assign(request: HttpRequest, pk: int) -> HttpResponse:
    form = AssignForm(request.POST, prefix=PREFIXES["assign"], staff=selectors.staff_list())

    def write(eoi, data):
        services.expression_of_interest_assign(eoi, data["assignee"], actor=request.user)
        messages.success(request, _("Die Zuständigkeit ist gespeichert."))

    return _action(request, pk, "assign", form, write)


@require_POST
@login_required
def expression_of_interest_next_step(request: HttpRequest, pk: int) -> HttpResponse:
    form = NextStepForm(request.POST, prefix=PREFIXES["next_step"])

    def write(eoi, data):
        services.expression_of_interest_set_next_step(eoi, actor=request.user, next_step=data["next_step"],
                                                      next_step_date=data["next_step_date"])
        messages.success(request, _("Der nächste Schritt ist gespeichert."))

    return _action(request, pk, "next_step", form, write)


@require_POST
@login_required
def expression_of_interest_note(request: HttpRequest, pk: int) -> HttpResponse:
    form = NoteForm(request.POST, prefix=PREFIXES["note"])

    def write(eoi, data):
        services.expression_of_interest_add_note(eoi, actor=request.user, text=data["text"])
        messages.success(request, _("Die Notiz ist gespeichert."))

    return _action(request, pk, "note", form, write)


@login_required
def pipeline_overview(request: HttpRequest) -> HttpResponse:
    """Requests per state and Bundesland."""
    _check_staff(request)
    return render(request, "startsmart/pipeline_overview.html", {"overview": selectors.pipeline_overview()})
