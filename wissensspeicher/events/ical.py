"""iCalendar (RFC 5545) documents for events: the public feeds and the attachment of the confirmation e-mail."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable

import icalendar
from django.utils import timezone

from wissensspeicher.core.mail import absolute_url
from wissensspeicher.events.models import Event

TZID = "Europe/Berlin"
PRODID = "-//Wissensspeicher Smart Cities//Veranstaltungen//DE"


def event_uid(event: Event) -> str:
    """Stable across changes of title or date, so calendar clients update the entry instead of adding a second one."""
    return f"event-{event.pk}@wissensspeicher"


def event_location(event: Event) -> str:
    if event.mode == "online":
        return "Online"
    if event.mode == "hybrid":
        return f"{event.venue_address} / Online" if event.venue_address else "Online"
    return event.venue_address


def _vevent(event: Event, *, request=None, stamp: dt.datetime) -> icalendar.Event:
    berlin = zoneinfo.ZoneInfo(TZID)
    vevent = icalendar.Event()
    vevent.add("uid", event_uid(event))
    vevent.add("dtstamp", stamp)
    vevent.add("sequence", event.revision)  # RFC 5545: raised with every change of time, place or access
    vevent.add("dtstart", event.start.astimezone(berlin).replace(microsecond=0))
    vevent.add("dtend", event.end.astimezone(berlin).replace(microsecond=0))
    vevent.add("summary", f"{event.get_format_display()}: {event.title}")
    vevent.add("url", absolute_url(event.get_absolute_url(), request))
    vevent.add("location", event_location(event))
    if event.description:
        vevent.add("description", event.description)
    vevent.add("categories", [str(event.get_format_display())])
    return vevent


def calendar_build(events: Iterable[Event], *, request=None, method: str | None = None, name: str = "") -> bytes:
    """One VCALENDAR with a VEVENT per event and the VTIMEZONE they refer to."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
    stamp = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    for event in events:
        calendar.add_component(_vevent(event, request=request, stamp=stamp))
    # Transitions from a few years back to well ahead keep the VTIMEZONE short but valid for every listed event.
    today = timezone.localdate()
    calendar.add_missing_timezones(first_date=dt.date(today.year - 5, 1, 1), last_date=dt.date(today.year + 6, 1, 1))
    if TZID not in {tz.tz_name for tz in calendar.timezones}:
        # An empty feed has no event that needs the zone; subscribers still expect it announced.
        calendar.add_component(icalendar.Timezone.from_tzid(TZID, first_date=dt.date(today.year - 1, 1, 1),
                                                            last_date=dt.date(today.year + 6, 1, 1)))
    return calendar.to_ical()
