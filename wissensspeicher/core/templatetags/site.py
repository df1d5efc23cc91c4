"""Template helpers for the site layout."""

from __future__ import annotations

from django import template
from django.urls import translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def language_url(context, language_code: str) -> str:
    """The current page in another language (German at /, English at /en/), keeping the query string."""
    request = context.get("request")
    if request is None:
        return "/" if language_code == "de" else f"/{language_code}/"
    return translate_url(request.get_full_path(), language_code)
