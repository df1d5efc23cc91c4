"""A small fixed-window rate limit on the Django cache, for forms that send e-mail."""

from __future__ import annotations

import time

from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The client's address as the server saw it (the proxy must set REMOTE_ADDR correctly)."""
    return request.META.get("REMOTE_ADDR", "unknown")


def rate_limit_exceeded(request: HttpRequest, scope: str, *, limit: int, period: int) -> bool:
    """Count one attempt for this client and scope; True once more than `limit` fall in `period` seconds."""
    window = int(time.time() // period)
    key = f"ratelimit:{scope}:{client_address(request)}:{window}"
    if cache.add(key, 1, timeout=period + 1):
        return False
    try:
        return cache.incr(key) > limit
    except ValueError:  # the key expired between add and incr
        cache.add(key, 1, timeout=period + 1)
        return False
