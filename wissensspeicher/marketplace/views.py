"""Pages of the Suche-Biete-Pool: places with a map, postings with filters, matches, messages, reports, moderation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wissensspeicher.core.forms import add_service_errors
from wissensspeicher.core.pagination import pagination_context
from wissensspeicher.core.ratelimit import rate_limit_exceeded
from wissensspeicher.marketplace import selectors
from wissensspeicher.marketplace.forms import MessageForm, ModerationForm, PostingForm, ReportForm
from wissensspeicher.marketplace.models import Place, Posting, PostingCategory, PostingKind, PostingStatus
from wissensspeicher.marketplace.services import postings as services
from wissensspeicher.measures.models import FieldOfAction
from wissensspeicher.municipalities.models import State


def _posting(request: HttpRequest, pk: int, permission: str = "marketplace.view_posting") -> Posting:
    try:
        posting = selectors.posting_detail(pk)
    except Posting.DoesNotExist as exc:
        raise Http404 from exc
    if not request.user.has_perm("marketplace.view_posting", posting):
        raise Http404
    if not request.user.has_perm(permission, posting):
        raise PermissionDenied
    return posting


def place_list(request: HttpRequest) -> HttpResponse:
    """All places: a map of Germany with links, and the same places as a list."""
    return render(request, "marketplace/place_list.html", {"places": selectors.place_list(), "markers": selectors.place_markers()})


def place_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        place = selectors.place_detail(slug)
    except Place.DoesNotExist as exc:
        raise Http404 from exc
    postings = place.postings.public().filter(status=PostingStatus.OPEN).prefetch_related("fields_of_action")
    return render(request, "marketplace/place_detail.html", {"place": place, "postings": postings})


def posting_list(request: HttpRequest) -> HttpResponse:
    """Offers and needs with filters and full-text search."""
    filters = selectors.posting_filters_parse(request.GET)
    page = selectors.posting_list_page(filters, request.GET.get("page", 1))
    return render(request, "marketplace/posting_list.html", {
        "filters": filters, **pagination_context(request, page),
        "kinds": PostingKind.choices, "categories": PostingCategory.choices,
        "fields_of_action": FieldOfAction.objects.all(), "states": State.objects.order_by("name"),
        "places": Place.objects.order_by("name"),
    })


def posting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A posting with the best matches of the opposite kind."""
    posting = _posting(request, pk)
    user = request.user
    return render(request, "marketplace/posting_detail.html", {
        "posting": posting, "matches": selectors.posting_matches(posting) if posting.is_open else [],
        "can_change": user.has_perm("marketplace.change_posting", posting),
        "can_report": user.has_perm("marketplace.report_posting", posting),
        "can_moderate": user.has_perm("marketplace.moderate_posting", posting),
    })


@login_required
def posting_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("marketplace.add_posting"):
        raise PermissionDenied
    return _posting_form(request, Posting(), creating=True)


@login_required
def posting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _posting_form(request, _posting(request, pk, "marketplace.change_posting"), creating=False)


def _posting_form(request: HttpRequest, posting: Posting, *, creating: bool) -> HttpResponse:
    initial = {"kind": request.GET.get("art")} if creating and request.GET.get("art") in ("offer", "need") else {}
    form = PostingForm(request.POST or None, instance=posting, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.posting_save(request.user, form.save(commit=False), fields_of_action=form.cleaned_data["fields_of_action"], request=request)
            messages.success(request, _("Ihr Eintrag ist veröffentlicht.") if creating else _("Ihre Änderungen sind gespeichert."))
            return redirect(saved.get_absolute_url())
        except ValidationError as error:
            add_service_errors(form, error)
    return render(request, "marketplace/posting_form.html", {"form": form, "posting": posting, "creating": creating})


@login_required
@require_POST
def posting_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The owner marks fulfilled, withdraws or reopens."""
    posting = _posting(request, pk, "marketplace.change_posting")
    try:
        services.posting_set_status(request.user, posting, request.POST.get("status", ""))
        messages.success(request, _("Der Status ist geändert: %(status)s.") % {"status": posting.get_status_display()})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(posting.get_absolute_url())


def posting_message(request: HttpRequest, pk: int) -> HttpResponse:
    """Write to a posting's owner; their address stays hidden, the answer comes to the sender."""
    posting = _posting(request, pk)
    if not posting.is_open:
        raise Http404
    user = request.user
    initial = {}
    if user.is_authenticated:
        initial = {"name": getattr(getattr(user, "profile", None), "name", ""), "email": user.email}
    form = MessageForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["website"]:
            return redirect(posting.get_absolute_url())
        if rate_limit_exceeded(request, "posting-message", limit=5, period=3600):
            form.add_error(None, _("Sie haben in der letzten Stunde schon mehrere Nachrichten gesendet. Bitte versuchen Sie es später wieder."))
            status = 429
        else:
            try:
                services.message_send(posting, sender=user, name=form.cleaned_data["name"], email=form.cleaned_data["email"],
                                      text=form.cleaned_data["text"], consent=form.cleaned_data["consent"], request=request)
                messages.success(request, _("Ihre Nachricht ist unterwegs. Die Antwort kommt per E-Mail an Sie."))
                return redirect(posting.get_absolute_url())
            except ValidationError as error:
                form.add_error(None, error)
    return render(request, "marketplace/posting_message.html", {"posting": posting, "form": form}, status=status)


@login_required
def posting_report(request: HttpRequest, pk: int) -> HttpResponse:
    posting = _posting(request, pk, "marketplace.report_posting")
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.report_create(request.user, posting, reason=form.cleaned_data["reason"], request=request)
        messages.success(request, _("Danke für Ihre Meldung. Die Moderation sieht sich den Eintrag an."))
        return redirect(posting.get_absolute_url())
    return render(request, "marketplace/posting_report.html", {"posting": posting, "form": form})


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """The member's postings and the messages sent to them."""
    if not request.user.has_perm("marketplace.view_inbox"):
        raise PermissionDenied
    return render(request, "marketplace/inbox.html", {
        "postings": selectors.posting_list_for_owner(request.user), "messages_received": selectors.inbox_for_user(request.user)})


@login_required
def moderation(request: HttpRequest) -> HttpResponse:
    """Reported postings for moderators."""
    if not request.user.has_perm("marketplace.moderate_posting"):
        raise PermissionDenied
    return render(request, "marketplace/moderation.html", {"reports": selectors.report_queue()})


@login_required
def posting_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    posting = _posting(request, pk, "marketplace.moderate_posting")
    form = ModerationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        hide = request.POST.get("action") == "hide"
        services.posting_moderate(request.user, posting, hide=hide, note=form.cleaned_data["note"])
        messages.success(request, _("Der Eintrag ist ausgeblendet.") if hide else _("Der Eintrag ist wieder sichtbar."))
        return redirect("marketplace:moderation")
    return render(request, "marketplace/posting_moderate.html", {"posting": posting, "form": form, "reports": posting.reports.all()})


def place_message(request: HttpRequest, slug: str) -> HttpResponse:
    """Write to a place; its address stays hidden."""
    try:
        place = selectors.place_detail(slug)
    except Place.DoesNotExist as exc:
        raise Http404 from exc
    if not place.contact_email:
        raise Http404
    form = MessageForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["website"]:
            return redirect(place.get_absolute_url())
        if rate_limit_exceeded(request, "place-message", limit=5, period=3600):
            form.add_error(None, _("Sie haben in der letzten Stunde schon mehrere Nachrichten gesendet. Bitte versuchen Sie es später wieder."))
            status = 429
        else:
            services.place_message_send(place, name=form.cleaned_data["name"], email=form.cleaned_data["email"],
                                        text=form.cleaned_data["text"], consent=form.cleaned_data["consent"])
            messages.success(request, _("Ihre Nachricht ist unterwegs. Die Antwort kommt per E-Mail an Sie."))
            return redirect(place.get_absolute_url())
    return render(request, "marketplace/place_message.html", {"place": place, "form": form}, status=status)
