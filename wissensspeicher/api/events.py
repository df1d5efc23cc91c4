"""Events API (filled in next)."""

from ninja import Router

router = Router(tags=["events"])
