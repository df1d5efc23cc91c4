"""Pages of the events app: calendar, event detail with registration, e-mail link pages, attendee list, feeds,
and the organisers' forms for events and their documents."""

from __future__ import annotations

import csv
from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wissensspeicher.core.forms import add_service_errors
from wissensspeicher.core.ratelimit import rate_limit_exceeded
from wissensspeicher.events import selectors, services
from wissensspeicher.events.forms import EventDocumentForm, EventForm, GuestRegistrationForm
from wissensspeicher.events.ical import calendar_build
from wissensspeicher.events.models import Event, EventDocument, EventFormat, Registration, RegistrationStatus
from wissensspeicher.measures.models import FieldOfAction
from wissensspeicher.municipalities.models import State


def _event(request: HttpRequest, slug: str, permission: str = "events.view_event") -> Event:
    try:
        event = selectors.event_detail(slug)
    except Event.DoesNotExist as exc:
        raise Http404 from exc
    if not request.user.has_perm("events.view_event", event):
        raise Http404  # unpublished events do not exist for visitors
    if not request.user.has_perm(permission, event):
        raise PermissionDenied
    return event


def _registration(token: str) -> Registration:
    try:
        return selectors.registration_by_token(token)
    except Registration.DoesNotExist as exc:
        raise Http404 from exc


def event_list(request: HttpRequest) -> HttpResponse:
    """Upcoming events (default) or past ones, with filters."""
    filters = selectors.event_filters_parse(request.GET)
    return render(request, "events/event_list.html", {
        "filters": filters, "events": selectors.event_list(filters),
        "formats": EventFormat.choices, "states": State.objects.order_by("name"), "fields_of_action": FieldOfAction.objects.all(),
        "can_add_event": request.user.has_perm("events.change_event"),
    })


def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    user = request.user
    registration = selectors.registration_for_user(event, user)
    is_member = user.has_perm("events.register_for_event", event)
    return render(request, "events/event_detail.html", {
        "event": event, "registration": registration,
        "waiting_position": selectors.registration_waiting_position(registration) if registration else None,
        "is_full": event.confirmed_count >= event.capacity,
        "seats_left": max(event.capacity - event.confirmed_count, 0),
        "registration_open": event.registration_is_open(),
        "registration_not_yet_open": bool(event.registration_opens and event.registration_opens > timezone.now()),
        "can_register": is_member and registration is None,
        "guest_form": GuestRegistrationForm() if event.allow_guests and not user.is_authenticated else None,
        "show_online_link": bool(selectors.online_link_for(registration)),
        "series_events": selectors.event_series_siblings(event),
        "can_view_registrations": user.has_perm("events.view_registrations", event),
        "can_change_event": user.has_perm("events.change_event", event),
    })


def registration_create(request: HttpRequest, slug: str) -> HttpResponse:
    """Members register with one click (POST); guests fill in the form and confirm by e-mail."""
    event = _event(request, slug)
    user = request.user
    if user.is_authenticated:
        if request.method != "POST":
            return redirect(event.get_absolute_url())
        try:
            registration = services.registration_create(event, user=user, request=request)
        except PermissionDenied:
            messages.error(request, _("Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse, um sich anzumelden."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if registration.status == RegistrationStatus.CONFIRMED:
                messages.success(request, _("Sie sind angemeldet. Die Bestätigung mit Kalendereintrag ist per E-Mail unterwegs."))
            else:
                messages.success(request, _("Die Veranstaltung ist ausgebucht. Sie stehen auf der Warteliste und erhalten eine E-Mail, "
                                            "wenn ein Platz frei wird."))
        return redirect(event.get_absolute_url())
    if not event.allow_guests:
        return redirect_to_login(event.get_absolute_url())
    form = GuestRegistrationForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["website"]:
            return redirect(event.get_absolute_url())
        if rate_limit_exceeded(request, "event-guest-registration", limit=5, period=3600):
            form.add_error(None, _("Sie haben in der letzten Stunde schon mehrere Anmeldungen gesendet. Bitte versuchen Sie es später wieder."))
            status = 429
        else:
            try:
                services.registration_create(event, name=form.cleaned_data["name"], organisation=form.cleaned_data["organisation"],
                                             email=form.cleaned_data["email"], request=request)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Fast geschafft: Bitte bestätigen Sie Ihre Anmeldung über den Link in der E-Mail, "
                                            "die wir Ihnen gerade gesendet haben."))
                return redirect(event.get_absolute_url())
    return render(request, "events/registration_create.html", {"event": event, "form": form}, status=status)


def registration_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """Opt-in link from the e-mail: GET asks, POST confirms (mail scanners follow links, so GET never changes anything)."""
    registration = _registration(token)
    if request.method == "POST":
        try:
            registration = services.registration_confirm_email(token, request=request)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if registration.status == RegistrationStatus.CONFIRMED:
                messages.success(request, _("Ihre Anmeldung ist bestätigt. Die Bestätigung mit Kalendereintrag ist per E-Mail unterwegs."))
            elif registration.status == RegistrationStatus.WAITING:
                messages.success(request, _("Die Veranstaltung ist ausgebucht. Sie stehen auf der Warteliste und erhalten eine E-Mail, "
                                            "wenn ein Platz frei wird."))
        return redirect("events:registration-confirm", token=token)
    return render(request, "events/registration_confirm.html", {
        "registration": registration, "event": registration.event,
        "waiting_position": selectors.registration_waiting_position(registration)})


def registration_cancel(request: HttpRequest, token: str) -> HttpResponse:
    """Cancellation link from every e-mail (and the button on the event page): GET asks, POST cancels."""
    registration = _registration(token)
    if request.method == "POST":
        try:
            services.registration_cancel(token, request=request)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Ihre Anmeldung ist storniert. Danke, dass Sie den Platz freigegeben haben."))
        return redirect("events:registration-cancel", token=token)
    return render(request, "events/registration_cancel.html", {"registration": registration, "event": registration.event})


@login_required
def registration_list(request: HttpRequest, slug: str) -> HttpResponse:
    """Attendees and waiting list for organisers."""
    event = _event(request, slug, "events.view_registrations")
    return render(request, "events/registration_list.html", {
        "event": event, "registrations": selectors.registration_list_for_event(event), "counts": selectors.registration_counts(event)})


def _csv_safe(value: str) -> str:
    # Spreadsheet programs run cells starting with these characters as formulas; names come from anyone.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@login_required
def registration_export(request: HttpRequest, slug: str) -> HttpResponse:
    """The attendee list as CSV (UTF-8 with BOM, so spreadsheet programs show umlauts)."""
    event = _event(request, slug, "events.view_registrations")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="teilnehmende-{event.slug}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    for row in selectors.registration_export_rows(event):
        writer.writerow([_csv_safe(cell) for cell in row])
    return response


@require_GET
def event_feed(request: HttpRequest, event_format: str | None = None) -> HttpResponse:
    """iCalendar feed of published events, all or of one format."""
    if event_format is not None and event_format not in EventFormat.values:
        raise Http404
    name = _("Veranstaltungen – Wissensspeicher Smart Cities")
    if event_format:
        name = f"{EventFormat(event_format).label} – {name}"
    body = calendar_build(selectors.event_feed(event_format), request=request, name=name)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{event_format or "veranstaltungen"}.ics"'
    return response


def _organiser(request: HttpRequest, event: Event | None = None) -> None:
    if not request.user.has_perm("events.change_event", event):
        raise PermissionDenied


def _event_form_page(request: HttpRequest, event: Event | None) -> HttpResponse:
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.event_save(request.user, form.save(commit=False),
                                        fields_of_action=form.cleaned_data["fields_of_action"], request=request)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Die Veranstaltung ist gespeichert.") if event else _("Die Veranstaltung ist angelegt."))
            return redirect(saved.get_absolute_url())
    return render(request, "events/event_form.html", {"form": form, "event": event})


@login_required
def event_create(request: HttpRequest) -> HttpResponse:
    """Organisers enter a new event (published at once or saved as a draft)."""
    _organiser(request)
    return _event_form_page(request, None)


@login_required
def event_update(request: HttpRequest, slug: str) -> HttpResponse:
    """Organisers change an event; more seats go to people on the waiting list."""
    event = _event(request, slug, "events.change_event")
    return _event_form_page(request, Event.objects.get(pk=event.pk))


@login_required
def event_document_create(request: HttpRequest, slug: str) -> HttpResponse:
    """Organisers link slides, minutes or other material to a past event."""
    event = _event(request, slug, "events.change_event")
    form = EventDocumentForm(*(request.POST, request.FILES) if request.method == "POST" else ())
    if request.method == "POST" and form.is_valid():
        try:
            services.event_document_create(request.user, event, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Das Dokument ist hinzugefügt."))
            if "another" in request.POST:
                return redirect("events:document-create", slug=event.slug)
            return redirect(event.get_absolute_url())
    return render(request, "events/document_form.html", {"form": form, "event": event})


def event_document_download(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """An uploaded document of an event, for whoever may see the event (always as a download, never shown inline)."""
    event = _event(request, slug)
    document = get_object_or_404(EventDocument, pk=pk, event=event)
    if not document.file:
        return redirect(document.url)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    # As an attachment: an uploaded file must never run in the site's origin.
    response = FileResponse(handle, as_attachment=True, filename=PurePath(document.file.name).name)
    response["Cache-Control"] = "public, max-age=3600"
    return response
