"""Journey harness: a real gunicorn server with demo data, driven by Debian's headless Chromium.

The server runs in its own process on its own database (a temporary SQLite file, or a
`<name>_journeys` database when DATABASE_URL points at PostgreSQL), exactly as `make run` starts
it. Every request that does not go to that server is blocked, and a test that caused one fails.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
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


SITE: dict = {}  # the running server's environment and mail directory, for role logins and e-mail checks
DEMO_PASSWORDS = {"member": ("mitglied", "Demo-Mitglied-2026"), "editor": ("redaktion", "Demo-Redaktion-2026"),
                  "moderator": ("moderation", "Demo-Moderation-2026")}
DEMO_DOMAIN = "demo.wissensspeicher.example"
MODERATOR_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def totp_code(secret: str, at: float | None = None) -> str:
    """RFC 6238 code (SHA-1, 30 s, 6 digits), as an authenticator app shows it."""
    counter = int((at if at is not None else time.time()) // 30)
    digest = hmac.new(base64.b32decode(secret), counter.to_bytes(8, "big"), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = (int.from_bytes(digest[offset:offset + 4], "big") & 0x7FFFFFFF) % 1_000_000
    return f"{value:06d}"


def site_manage(*args: str) -> str:
    """Run a management command against the journey server's database; returns its output."""
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=SITE["env"], check=True,
                            capture_output=True, text=True)
    return result.stdout


def log_in(page, email: str, password: str, *, totp_secret: str | None = None) -> None:
    """Log in through the site's own login form (and its second step for accounts with TOTP)."""
    page.goto("/konto/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("form button[type=submit]").first.click()
    if totp_secret:
        page.wait_for_url("**/2fa/authenticate/**")
        # A code is accepted once; wait for a fresh period if this one may have been used already.
        if time.time() % 30 > 25:
            time.sleep(30 - time.time() % 30 + 1)
        page.locator("input[name=code]").fill(totp_code(totp_secret))
        page.locator("form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert "/konto/login/" not in page.url, f"login as {email} failed"


@pytest.fixture(scope="session")
def role_states(browser, site_server, tmp_path_factory) -> dict[str, str]:
    """Browser storage (session cookie) of each demo role, logged in once per test session."""
    states = {}
    folder = tmp_path_factory.mktemp("roles")
    for role, (local, password) in DEMO_PASSWORDS.items():
        context = browser.new_context(locale="de-DE", base_url=site_server)
        page = context.new_page()
        log_in(page, f"{local}@{DEMO_DOMAIN}", password, totp_secret=MODERATOR_TOTP_SECRET if role == "moderator" else None)
        states[role] = str(folder / f"{role}.json")
        context.storage_state(path=states[role])
        context.close()
    return states


@pytest.fixture(scope="session")
def journey_ids(site_server) -> dict[str, int]:
    """Ids of demo objects that page types address: a measure with a contact, a draft, one in review, a request."""
    code = (
        "import json; from wissensspeicher.measures.models import Measure; from wissensspeicher.accounts.models import EditorRequest; "
        "from wissensspeicher.marketplace.models import Place, Posting; "
        "from wissensspeicher.events.models import Event; from wissensspeicher.startsmart.models import ExpressionOfInterest; "
        "from django.utils import timezone; now = timezone.now(); "
        "print(json.dumps({'contact_measure_id': Measure.objects.get(external_id='demo-1-004').pk, "
        "'draft_id': Measure.objects.filter(publication_state='draft', revision_of=None).first().pk, "
        "'review_id': Measure.objects.filter(publication_state='in_review').first().pk, "
        "'request_id': EditorRequest.objects.filter(status='open').first().pk, "
        "'place_slug': Place.objects.filter(is_demo=True).order_by('name').first().slug, "
        "'posting_id': Posting.objects.filter(is_demo=True, status='open', kind='need').order_by('external_id').first().pk, "
        "'past_event_slug': Event.objects.filter(is_published=True, end__lt=now, documents__isnull=False).order_by('-start').first().slug, "
        "'event_slug': Event.objects.filter(is_published=True, start__gt=now).order_by('start').first().slug, "
        "'guest_event_slug': Event.objects.filter(is_published=True, start__gt=now, allow_guests=True).order_by('start').first().slug, "
        "'eoi_id': ExpressionOfInterest.objects.filter(is_demo=True, state='accompanied').order_by('created_at').first().pk}))"
    )
    return json.loads(site_manage("shell", "-c", code).strip().splitlines()[-1])


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
        "MEDIA_ROOT": str(tmp / "media"),  # uploaded documents of this run stay out of the project's var/
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
    SITE.update(env=env, mail_dir=tmp / "mail", base=base)
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

    def __init__(self, browser, base: str, *, javascript: bool = True, bypass_csp: bool = False, storage_state: str | None = None):
        self.base = base
        self.blocked: list[str] = []
        self.context = browser.new_context(
            java_script_enabled=javascript, bypass_csp=bypass_csp, locale="de-DE", base_url=base, storage_state=storage_state
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
