"""Login security glue: what django-axes counts failed logins against."""

from __future__ import annotations


def login_identifier(request, credentials: dict | None) -> str | None:
    """The address someone tried to log in with (allauth passes `email`, the admin `username`)."""
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("username") or credentials.get("login")
    return value.strip().lower() if isinstance(value, str) else value
