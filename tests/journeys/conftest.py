"""Journey harness: a real gunicorn server with demo data, driven by Debian's headless Chromium.

The server runs in its own process on its own database (a temporary SQLite file, or a
`<name>_journeys` database when DATABASE_URL points at PostgreSQL), exactly as `make run` starts
it. Every request that does not go to that server is blocked, and a test that caused one fails.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/journeys" in str(item.fspath):
            item.add_marker(pytest.mark.journey)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _journey_database_url(tmp: Path) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{tmp / 'journeys.sqlite3'}"
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/") + "_journeys"
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return parts._replace(path=f"/{name}").geturl()


@pytest.fixture(scope="session")
def site_server(tmp_path_factory):
    """Base URL of a gunicorn server with migrations and demo data, like `make run`."""
    tmp = tmp_path_factory.mktemp("live")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": _journey_database_url(tmp),
        "DJANGO_DEBUG": "false",
        "LOAD_DEMO_DATA": "true",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp / "mail"),
    }
    python = sys.executable
    env["SEARCH_INDEX_DIR"] = str(tmp / "search-index")
    for command in (["migrate", "--noinput", "-v0"], ["load_demo_data"], ["search_reindex", "--if-needed"],
                    ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([python, "manage.py", *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    port = _free_port()
    log = (tmp / "server.log").open("w")
    server = subprocess.Popen(
        [str(Path(python).parent / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/", timeout=5).read()
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError(f"live server did not start; see {tmp / 'server.log'}")
            time.sleep(0.25)
    yield base
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="session")
def demo_measure_id(site_server) -> int:
    """Primary key of a demo measure, for page types addressed by id."""
    with urllib.request.urlopen(site_server + "/api/v1/measures?sort=title") as response:
        return json.load(response)["items"][0]["id"]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (make test does so when run as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Visit:
    """A browser context that may only talk to the live server."""

    def __init__(self, browser, base: str, *, javascript: bool = True, bypass_csp: bool = False):
        self.base = base
        self.blocked: list[str] = []
        self.context = browser.new_context(
            java_script_enabled=javascript, bypass_csp=bypass_csp, locale="de-DE", base_url=base
        )
        self.context.route("**/*", self._guard)
        self.page = self.context.new_page()

    def _guard(self, route):
        url = route.request.url
        if url.startswith(self.base + "/") or url == self.base:
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def close(self):
        self.context.close()
        assert not self.blocked, f"the page tried to reach other servers: {self.blocked}"


@pytest.fixture
def visit(browser, site_server):
    """Open contexts with `visit()`; each is closed (and checked for outside requests) after the test."""
    opened: list[Visit] = []

    def open_context(**kwargs) -> Visit:
        context = Visit(browser, site_server, **kwargs)
        opened.append(context)
        return context

    yield open_context
    for context in opened:
        context.close()


def vnu_available() -> bool:
    return VNU_JAR.exists() and shutil.which("java") is not None
