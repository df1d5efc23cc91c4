"""JSON API of the events: the public calendar and feeds, and registration for members with a token.

Reads are public and filtered like the calendar page. Registering and cancelling call the same services
as the event page (capacity, waiting list, registration window, e-mails with the .ics file); the API adds
no rule of its own. Attendee data is never part of a response, and the online access link only for a
confirmed participant who identifies with their token (`Authorization: Bearer <token>`).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError

from wissensspeicher.accounts.services import api_token_authenticate
from wissensspeicher.api.editorial import TokenAuth
from wissensspeicher.events import selectors, services
from wissensspeicher.events.models import Event, EventFormat, Registration, RegistrationStatus

router = Router(tags=["events"])


class EventParams(Schema):
    zeit: str = ""  # "vergangen" for past events; upcoming otherwise
    format: str = ""
    land: str = ""
    handlungsfeld: str = ""
    online: str = ""  # "ja" (online or hybrid) or "nein" (on site only)
    page: int = 1


class Ref(Schema):
    name: str
    slug: str


class DocumentOut(Schema):
    title: str
    kind: str
    url: str


class EventOut(Schema):
    slug: str
    title: str
    format: str
    format_label: str
    description: str
    start: str
    end: str
    mode: str
    venue_address: str
    host_model_project: Ref | None
    host_municipality: str | None
    fields_of_action: list[str]
    series: Ref | None
    capacity: int
    seats_left: int
    is_full: bool
    registration_open: bool
    allow_guests: bool
    url: str
    ical_url: str


class EventDetailOut(EventOut):
    registration_opens: str | None
    registration_closes: str | None
    documents: list[DocumentOut]
    online_link: str | None  # only for a confirmed participant authenticated with their token
    my_registration_status: str | None  # the token user's status, when they are registered


class EventList(Schema):
    count: int
    items: list[EventOut]


class FeedOut(Schema):
    format: str | None
    label: str
    url: str


class FeedList(Schema):
    count: int
    items: list[FeedOut]


class RegistrationOut(Schema):
    event: str  # slug
    event_title: str
    event_start: str
    event_url: str
    status: str  # pending, confirmed, waiting or cancelled
    status_label: str
    waiting_position: int | None  # 1 = next to get a seat
    online_link: str | None
    created_at: str
    confirmed_at: str | None
    cancelled_at: str | None


class RegistrationList(Schema):
    count: int
    items: list[RegistrationOut]


class Problem(Schema):
    detail: str


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _seats(event: Event) -> int:
    return max(event.capacity - event.confirmed_count, 0)


def _event(request: HttpRequest, event: Event) -> dict:
    return {
        "slug": event.slug, "title": event.title, "format": event.format, "format_label": str(event.get_format_display()),
        "description": event.description, "start": event.start.isoformat(), "end": event.end.isoformat(), "mode": event.mode,
        "venue_address": event.venue_address,
        "host_model_project": ({"name": event.host_model_project.name, "slug": event.host_model_project.slug}
                               if event.host_model_project else None),
        "host_municipality": event.host_municipality.name if event.host_municipality else None,
        "fields_of_action": [f.label for f in event.fields_of_action.all()],
        "series": {"name": event.series.title, "slug": event.series.slug} if event.series else None,
        "capacity": event.capacity, "seats_left": _seats(event), "is_full": _seats(event) == 0,
        "registration_open": event.registration_is_open(), "allow_guests": event.allow_guests,
        "url": request.build_absolute_uri(event.get_absolute_url()),
        "ical_url": request.build_absolute_uri(reverse("events:event-feed-format", args=[event.format])),
    }


def _registration(request: HttpRequest, registration: Registration) -> dict:
    event = registration.event
    return {
        "event": event.slug, "event_title": event.title, "event_start": event.start.isoformat(),
        "event_url": request.build_absolute_uri(event.get_absolute_url()),
        "status": registration.status, "status_label": str(registration.get_status_display()),
        "waiting_position": selectors.registration_waiting_position(registration),
        "online_link": selectors.online_link_for(registration) or None,
        "created_at": registration.created_at.isoformat(), "confirmed_at": _iso(registration.confirmed_at),
        "cancelled_at": _iso(registration.cancelled_at),
    }


def _token_user(request: HttpRequest):
    """The account of an optional bearer token on a public endpoint; a token that is sent must be valid."""
    header = request.headers.get("Authorization", "")
    if not header:
        return None
    scheme, _space, secret = header.partition(" ")
    user = api_token_authenticate(secret.strip()) if scheme.lower() == "bearer" else None
    if user is None:
        raise HttpError(401, "invalid API token")
    request.user = user
    return user


def _visible(request: HttpRequest, slug: str) -> Event:
    try:
        event = selectors.event_detail(slug)
    except Event.DoesNotExist as exc:
        raise HttpError(404, f"event {slug!r} not found") from exc
    if not request.user.has_perm("events.view_event", event):
        raise HttpError(404, f"event {slug!r} not found")  # unpublished events do not exist for visitors
    return event


def _service_error(exc: ValidationError) -> HttpError:
    if hasattr(exc, "error_dict"):
        return HttpError(422, "; ".join(f"body.{field}: {' '.join(messages)}" for field, messages in exc.message_dict.items()))
    return HttpError(409, " ".join(exc.messages))


@router.get("", response=EventList, summary="List events, filtered like the calendar page")
def list_events(request: HttpRequest, params: Query[EventParams]):
    """Published events: upcoming ones (soonest first) or with `zeit=vergangen` past ones (latest first).

    Filters use the values of the calendar page: `format` (e.g. webinar), `land` (state slug), `handlungsfeld`
    (slug), `online` (`ja`: online or hybrid, `nein`: on site only). Unknown values are an error, not ignored.
    """
    if params.zeit not in ("", "kommend", "vergangen"):
        raise HttpError(422, f"zeit: unknown value {params.zeit!r} (kommend or vergangen)")
    filters = selectors.event_filters_parse({key: value for key, value in params.dict().items() if key != "page"})
    if filters.errors:
        raise HttpError(422, "unknown filter value(s): " + ", ".join(filters.errors))
    paginator = Paginator(selectors.event_list(filters), settings.WISSENSSPEICHER["API_PAGE_SIZE"])
    if params.page < 1 or params.page > max(paginator.num_pages, 1):
        raise HttpError(404, f"page {params.page} does not exist (last page: {paginator.num_pages})")
    return {"count": paginator.count, "items": [_event(request, e) for e in paginator.page(params.page).object_list]}


@router.get("/feeds", response=FeedList, summary="iCalendar feed addresses (all events and per format)")
def list_feeds(request: HttpRequest):
    """Subscribe to these in a calendar program; each feed holds upcoming events and those of the last 90 days."""
    items = [{"format": None, "label": gettext("Alle Veranstaltungen"), "url": request.build_absolute_uri(reverse("events:event-feed"))}]
    items += [{"format": key, "label": str(label), "url": request.build_absolute_uri(reverse("events:event-feed-format", args=[key]))}
              for key, label in EventFormat.choices]
    return {"count": len(items), "items": items}


@router.get("/registrations", response=RegistrationList, auth=TokenAuth(), summary="Your registrations (members)")
def list_my_registrations(request: HttpRequest):
    """Every registration of the token's account, cancelled ones included, soonest event first."""
    items = [_registration(request, r) for r in selectors.registration_list_for_user(request.user)]
    return {"count": len(items), "items": items}


@router.get("/{slug}", response=EventDetailOut, summary="One event")
def get_event(request: HttpRequest, slug: str):
    """Public fields of one event. With a member's token, also their registration status and, once the seat
    is confirmed, the online access link."""
    user = _token_user(request)
    event = _visible(request, slug)
    registration = selectors.registration_for_user(event, user) if user is not None else None
    return {
        **_event(request, event),
        "registration_opens": _iso(event.registration_opens), "registration_closes": _iso(event.registration_closes),
        "documents": [{"title": d.title, "kind": d.kind, "url": request.build_absolute_uri(d.link)} for d in event.documents.all()],
        "online_link": selectors.online_link_for(registration) or None,
        "my_registration_status": registration.status if registration else None,
    }


@router.post("/{slug}/registration", response={201: RegistrationOut, 401: Problem}, auth=TokenAuth(),
             summary="Register for an event (members)")
def create_registration(request: HttpRequest, slug: str):
    """Register the token's account: `confirmed` while seats are free, else `waiting` with its position.

    The confirmation e-mail (with the .ics file) or the waiting-list e-mail goes out as on the website.
    409 when registration is closed or the account is already registered; 403 when the e-mail address is unverified.
    """
    event = _visible(request, slug)
    try:
        registration = services.registration_create(event, user=request.user, request=request)
    except PermissionDenied as exc:
        raise HttpError(403, "only members with a verified e-mail address may register; please confirm your address first") from exc
    except ValidationError as exc:
        raise _service_error(exc) from exc
    return Status(201, _registration(request, registration))


@router.delete("/{slug}/registration", response={200: RegistrationOut, 401: Problem}, auth=TokenAuth(),
               summary="Cancel your registration (members)")
def cancel_registration(request: HttpRequest, slug: str):
    """Cancel the account's seat or waiting-list place; a freed seat goes to the first person waiting, who gets an e-mail."""
    event = _visible(request, slug)
    registration = selectors.registration_for_user(event, request.user)
    if registration is None:
        raise HttpError(404, f"you have no active registration for event {slug!r}")
    try:
        registration = services.registration_cancel(registration, request=request)
    except ValidationError as exc:
        raise _service_error(exc) from exc
    return _registration(request, registration)
