"""Reads of the events app: the calendar with filters, one event, feeds, a person's registration, attendee lists."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from wissensspeicher.events.models import Event, EventFormat, EventMode, Registration, RegistrationStatus
from wissensspeicher.measures.models import FieldOfAction
from wissensspeicher.municipalities.models import State

FEED_RECENT = dt.timedelta(days=90)  # subscribers keep seeing what just happened, e.g. to find the slides


@dataclass
class EventFilters:
    past: bool = False
    format: str = ""
    state: str = ""
    field_of_action: str = ""
    online: str = ""  # "ja", "nein" or ""
    errors: list[str] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return any([self.format, self.state, self.field_of_action, self.online])


def event_filters_parse(params: Mapping[str, str]) -> EventFilters:
    """Filters from query parameters; unknown values are reported, not silently ignored."""
    filters = EventFilters(past=params.get("zeit") == "vergangen")
    checks = {
        "format": (params.get("format", ""), {key for key, _ in EventFormat.choices}),
        "state": (params.get("land", ""), set(State.objects.values_list("slug", flat=True))),
        "field_of_action": (params.get("handlungsfeld", ""), set(FieldOfAction.objects.values_list("slug", flat=True))),
        "online": (params.get("online", ""), {"ja", "nein"}),
    }
    for name, (value, allowed) in checks.items():
        if value and value not in allowed:
            filters.errors.append(f"{name}: {value}")
        elif value:
            setattr(filters, name, value)
    return filters


def _with_seats(queryset: QuerySet) -> QuerySet:
    return queryset.annotate(confirmed_count=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)))


def event_list(filters: EventFilters, now: dt.datetime | None = None) -> QuerySet:
    """Published events, upcoming (soonest first) or past (latest first), filtered."""
    now = now or timezone.now()
    queryset = Event.objects.published().select_related("host_model_project", "host_municipality", "series")
    if filters.past:
        queryset = queryset.past(now).order_by("-start", "-id")
    else:
        queryset = queryset.upcoming(now).order_by("start", "id")
    if filters.format:
        queryset = queryset.filter(format=filters.format)
    if filters.state:
        queryset = queryset.filter(Q(host_municipality__state__slug=filters.state) | Q(host_model_project__states__slug=filters.state))
    if filters.field_of_action:
        queryset = queryset.filter(fields_of_action__slug=filters.field_of_action)
    if filters.online == "ja":
        queryset = queryset.filter(mode__in=[EventMode.ONLINE, EventMode.HYBRID])
    elif filters.online == "nein":
        queryset = queryset.filter(mode=EventMode.ON_SITE)
    # The joins over states and fields of action can repeat an event.
    return _with_seats(queryset.distinct()).prefetch_related("fields_of_action")


def event_detail(slug: str) -> Event:
    """One event with hosts, series, documents and its number of confirmed seats; raises Event.DoesNotExist."""
    return (_with_seats(Event.objects.all()).select_related("host_model_project", "host_municipality", "host_municipality__state", "series")
            .prefetch_related("fields_of_action", "documents").get(slug=slug))


def event_series_siblings(event: Event) -> QuerySet:
    """The other published meetings of the event's series, in date order."""
    if event.series_id is None:
        return Event.objects.none()
    return Event.objects.published().filter(series_id=event.series_id).exclude(pk=event.pk).order_by("start")


def event_feed(event_format: str | None = None, now: dt.datetime | None = None) -> QuerySet:
    """Published events for the iCalendar feed: upcoming ones and those of the last 90 days."""
    now = now or timezone.now()
    queryset = Event.objects.published().filter(end__gte=now - FEED_RECENT)
    if event_format:
        queryset = queryset.filter(format=event_format)
    return queryset.order_by("start", "id")


def registration_for_user(event: Event, user) -> Registration | None:
    """The member's active registration for this event, if any."""
    if not user.is_authenticated:
        return None
    return Registration.objects.active().filter(event=event, user=user).first()


def registration_by_token(token: str) -> Registration:
    """The registration behind an e-mail link; raises Registration.DoesNotExist."""
    return Registration.objects.select_related("event").get(token=token)


def registration_waiting_position(registration: Registration) -> int | None:
    """1 for the first on the waiting list; None if not waiting."""
    if registration.status != RegistrationStatus.WAITING:
        return None
    ahead = Registration.objects.filter(event_id=registration.event_id, status=RegistrationStatus.WAITING).filter(
        Q(created_at__lt=registration.created_at) | Q(created_at=registration.created_at, id__lt=registration.id)).count()
    return ahead + 1


def registration_list_for_event(event: Event) -> QuerySet:
    """Everyone registered for the event (also cancelled), by status and then in order of registration."""
    return Registration.objects.filter(event=event).select_related("user").order_by("status", "created_at", "id")


def registration_counts(event: Event) -> dict[str, int]:
    counts = {status: 0 for status, _ in RegistrationStatus.choices}
    for row in Registration.objects.filter(event=event).values("status").annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    return counts


def registration_export_rows(event: Event) -> Iterator[list[str]]:
    """Header and one row per registration for the organisers' CSV file."""
    yield [gettext("Name"), gettext("Organisation"), gettext("E-Mail-Adresse"), gettext("Status"), gettext("Angemeldet am")]
    for registration in registration_list_for_event(event):
        yield [registration.name, registration.organisation, registration.email, str(registration.get_status_display()),
               timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M")]


def registration_list_for_user(user) -> QuerySet:
    """The member's own registrations (also cancelled ones), soonest event first."""
    if not user.is_authenticated:
        return Registration.objects.none()
    return (Registration.objects.filter(user=user).select_related("event", "event__series")
            .order_by("event__start", "event_id", "created_at"))


def registration_list_upcoming_for_user(user) -> QuerySet:
    """The member's active registrations (confirmed, waiting, pending) for events that have not ended, soonest first."""
    return registration_list_for_user(user).active().filter(event__end__gte=timezone.now())


def online_link_for(registration: Registration | None) -> str:
    """The access link of an online or hybrid event, for a confirmed participant only ('' for everybody else)."""
    if registration is None or registration.status != RegistrationStatus.CONFIRMED:
        return ""
    event = registration.event
    return event.online_link if event.is_online else ""
