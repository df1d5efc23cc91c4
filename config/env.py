"""The only place that reads the process environment.

Settings modules import the typed helpers below instead of touching os.environ, so every
variable the project understands is listed here and documented in .env.example.
"""

from __future__ import annotations

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


class ImproperlyConfiguredEnv(RuntimeError):
    """Raised when a required variable is missing or malformed."""


def env_str(name: str, default: str | None = None) -> str | None:
    """Return a string variable, or the default when unset or empty."""
    value = os.environ.get(name, "")
    return value if value != "" else default


def env_bool(name: str, default: bool = False) -> bool:
    """Return a boolean variable; accepts 1/0, true/false, yes/no, on/off."""
    value = os.environ.get(name, "").strip().lower()
    if value == "":
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfiguredEnv(f"{name} must be a boolean (true/false), got {value!r}")


def env_int(name: str, default: int) -> int:
    """Return an integer variable."""
    value = os.environ.get(name, "").strip()
    if value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfiguredEnv(f"{name} must be an integer, got {value!r}") from exc


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    """Return a comma-separated list variable."""
    value = os.environ.get(name, "")
    if value.strip() == "":
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def database_url() -> str:
    """Return DATABASE_URL, defaulting to the SQLite file under var/."""
    return env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")
