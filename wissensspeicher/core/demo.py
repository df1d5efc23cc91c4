"""Knows whether fictional demo records are present, so no page passes them off as real.

Domain apps register a check in their AppConfig.ready(); core never imports them.
"""

from __future__ import annotations

from collections.abc import Callable

_checks: list[Callable[[], bool]] = []


def register_demo_check(check: Callable[[], bool]) -> None:
    """Add a callable that answers whether its app holds demo records."""
    if check not in _checks:
        _checks.append(check)


def demo_data_present() -> bool:
    """True while any app holds demo records."""
    return any(check() for check in _checks)
