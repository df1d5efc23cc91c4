"""Template context every page needs: the demo-data banner and site facts."""

from __future__ import annotations

from django.http import HttpRequest

from wissensspeicher.core import demo


def site(request: HttpRequest) -> dict:
    """Expose whether demo records are present, so every page can say so."""
    return {"demo_data_present": demo.demo_data_present()}
