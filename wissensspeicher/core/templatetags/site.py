"""Template helpers for the site layout."""

from __future__ import annotations

from django import template
from django.urls import translate_url

from wissensspeicher.core import dates

register = template.Library()


@register.simple_tag(takes_context=True)
def language_url(context, language_code: str) -> str:
    """The current page in another language (German at /, English at /en/), keeping the query string."""
    request = context.get("request")
    if request is None:
        return "/" if language_code == "de" else f"/{language_code}/"
    return translate_url(request.get_full_path(), language_code)


@register.filter
def date_long(value) -> str:
    """`{{ event.start|date_long }}`: "Freitag, 5. März 2027" / "Friday, 5 March 2027"."""
    return dates.date_long(value) if value else ""


@register.filter
def date_time_long(value) -> str:
    """`{{ event.start|date_time_long }}`: "Freitag, 5. März 2027, 10:00 Uhr" / "Friday, 5 March 2027, 10:00"."""
    return dates.date_time_long(value) if value else ""


@register.filter
def time_long(value) -> str:
    """`{{ event.end|time_long }}`: "12:00 Uhr" / "12:00"."""
    return dates.time_long(value) if value else ""
