"""Dates and times as pages and e-mails write them, in the active language (German "Freitag, 5. März 2027, 10:00 Uhr",
English "Friday, 5 March 2027, 10:00"). The formats themselves are translated strings."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import pgettext


def _local(value):
    return timezone.localtime(value) if isinstance(value, dt.datetime) and timezone.is_aware(value) else value


def date_long(value) -> str:
    """A day with its weekday, e.g. "Freitag, 5. März 2027"."""
    return date_format(_local(value), pgettext("date format in e-mails (Django date filter letters)", "l, j. F Y"))


def time_short(value) -> str:
    """A clock time without unit, e.g. "10:00"."""
    return date_format(_local(value), pgettext("time format in e-mails (Django date filter letters)", "H:i"))


def time_long(value) -> str:
    """A clock time as a sentence writes it, e.g. "10:00 Uhr"."""
    return pgettext("time with unit", "%(time)s Uhr") % {"time": time_short(value)}


def date_time_long(value) -> str:
    """A moment, e.g. "Freitag, 5. März 2027, 10:00 Uhr"."""
    return pgettext("date and time in e-mails", "%(date)s, %(time)s Uhr") % {"date": date_long(value), "time": time_short(value)}


def span_long(start, end) -> str:
    """From start to end, the day written once when both are on the same day."""
    start, end = _local(start), _local(end)
    if start.date() == end.date():
        return pgettext("event on one day in e-mails", "%(date)s, %(start)s–%(end)s Uhr") % {
            "date": date_long(start), "start": time_short(start), "end": time_short(end)}
    return pgettext("event over several days in e-mails", "%(start)s – %(end)s") % {
        "start": date_time_long(start), "end": date_time_long(end)}
