"""Security properties every page shares: Content-Security-Policy, no inline code, CSRF tokens, deploy checks,
and the contact relay that never reveals an address."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from wissensspeicher.accounts.models import MODERATOR_GROUP, ProjectEditor
from wissensspeicher.measures.models import Measure
from wissensspeicher.measures.services import measures_import
from wissensspeicher.municipalities.models import ModelProject

ROOT = Path(__file__).resolve().parents[3]
PASSWORD = "Sichere-Passphrase-2026"
CONTACT_EMAIL = "geheim.kontakt@ulm.example"
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc\s*=)[^>]*>", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I)
STYLE_ELEMENT = re.compile(r"<style\b", re.I)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
POST_FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.I | re.S)


@pytest.fixture(autouse=True)
def _fresh_cache_and_language():
    """Rate limits count in the cache; a request to /en/ leaves English active in the thread."""
    cache.clear()
    translation.activate("de")
    yield
    translation.deactivate()
    cache.clear()


@pytest.fixture
def measure(db, measure_line, to_lines):
    measures_import(to_lines(measure_line(contact={"name": "Alex Beispiel", "role": "Projektleitung", "email": CONTACT_EMAIL})))
    measure = Measure.objects.get(external_id="ulm-parken-001")
    Measure.objects.filter(pk=measure.pk).update(contact_consent=True)  # name and role shown: the page is as full as it gets
    return measure


def make_member(username: str):
    user = get_user_model().objects.create_user(username=username, email=f"{username}@kommune.example", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def public_pages(measure) -> list[str]:
    return [
        "/",
        reverse("search:measure-list"),
        reverse("search:measure-list") + "?q=Parkplatz",
        measure.get_absolute_url(),
        reverse("measures:measure-contact", args=[measure.pk]),
        reverse("account_login"),
        reverse("account_signup"),
        reverse("account_reset_password"),
        reverse("municipalities:modelproject-list"),
        reverse("municipalities:municipality-list"),
        reverse("core:accessibility"),
        "/en/",
        "/seite-gibt-es-nicht/",
    ]


def member_pages(measure) -> list[str]:
    return [
        reverse("accounts:dashboard"),
        reverse("accounts:profile"),
        reverse("accounts:editor-request"),
        reverse("accounts:api-tokens"),
        reverse("accounts:account-delete"),
        reverse("measures:measure-create"),
        reverse("measures:measure-edit", args=[measure.pk]),  # opens a revision
        reverse("mfa_index"),
        reverse("account_email"),
        reverse("account_change_password"),
        measure.get_absolute_url(),
    ]


@pytest.fixture
def responses(client, measure):
    """HTML pages a visitor, an editor and a moderator see, as (path, response)."""
    collected = [(path, client.get(path)) for path in public_pages(measure)]
    editor = make_member("redaktion")
    ProjectEditor.objects.create(user=editor, model_project=ModelProject.objects.get(name="Ulm"))
    client.force_login(editor)
    collected += [(path, client.get(path, follow=True)) for path in member_pages(measure)]
    revision = Measure.objects.get(revision_of=measure)
    collected += [(f"review {revision.pk}", client.get(reverse("measures:measure-review", args=[revision.pk]))),
                  (f"history {revision.pk}", client.get(reverse("measures:measure-history", args=[revision.pk])))]
    client.logout()
    moderator = make_member("moderation")
    moderator.groups.add(Group.objects.get_or_create(name=MODERATOR_GROUP)[0])
    # Logged in without a second factor yet: every page leads to the TOTP setup (QR code as a data: image),
    # which allauth opens after the password is confirmed once more.
    client.post(reverse("account_login"), {"login": moderator.email, "password": PASSWORD})
    reauthenticate = client.get(reverse("accounts:dashboard"), follow=True)
    reauthenticate_url = reauthenticate.redirect_chain[-1][0]
    assert reauthenticate_url.startswith(reverse("account_reauthenticate")), reauthenticate.redirect_chain
    collected.append(("reauthenticate", reauthenticate))
    setup = client.post(reauthenticate_url, {"password": PASSWORD}, follow=True)
    assert setup.redirect_chain[-1][0].startswith(reverse("mfa_activate_totp")), setup.redirect_chain
    assert 'src="data:image/svg+xml;base64,' in setup.content.decode()
    collected.append(("mfa setup", setup))
    client.logout()
    # The lockout page after five failed logins.
    for _attempt in range(5):
        locked = client.post(reverse("account_login"), {"login": editor.email, "password": "falsch"})
    assert locked.status_code == 429
    collected.append(("lockout", locked))
    return collected


@pytest.mark.django_db
def test_every_html_response_carries_a_strict_content_security_policy(responses):
    for path, response in responses:
        assert response["Content-Type"].startswith("text/html"), path
        policy = response.get("Content-Security-Policy")
        assert policy, f"{path} has no Content-Security-Policy"
        directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
        assert directives["default-src"] == ["'self'"], path
        assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy, path
        assert directives.get("script-src", directives["default-src"]) == ["'self'"], path
        assert directives.get("style-src", directives["default-src"]) == ["'self'"], path


@pytest.mark.django_db
def test_no_page_has_inline_script_or_style(responses):
    for path, response in responses:
        html = response.content.decode()
        assert "<body" in html, path
        assert not INLINE_SCRIPT.search(html), f"{path}: {INLINE_SCRIPT.search(html).group(0)}"
        assert not STYLE_ATTRIBUTE.search(html), f"{path}: {STYLE_ATTRIBUTE.search(html).group(0)}"
        assert not STYLE_ELEMENT.search(html), path
        assert not EVENT_HANDLER.search(html), f"{path}: {EVENT_HANDLER.search(html).group(0)}"


@pytest.mark.django_db
def test_every_post_form_carries_a_csrf_token(responses):
    forms_seen = 0
    for path, response in responses:
        for attributes, body in POST_FORM.findall(response.content.decode()):
            if not re.search(r'method\s*=\s*"post"', attributes, re.I):
                continue
            forms_seen += 1
            assert re.search(r'<input[^>]*name="csrfmiddlewaretoken"', body), f"{path}: <form{attributes}> has no CSRF token"
    assert forms_seen >= 10  # login, signup, contact, logout buttons, profile, tokens, …


def test_production_settings_pass_the_deploy_check(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update({
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "wissensspeicher.example.de",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}",
    })

    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=180)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout + result.stderr, result.stdout + result.stderr


# --- Contact relay -----------------------------------------------------------------------------


def contact(client, measure, **overrides):
    data = {"name": "Robin Frage", "email": "robin@nachbarstadt.example",
            "message": "Wie viele Sensoren brauchen Sie pro Straße?", "website": ""}
    data.update(overrides)
    return client.post(reverse("measures:measure-contact", args=[measure.pk]), data)


@pytest.mark.django_db
def test_visitor_can_write_to_the_contact_person_who_replies_to_the_sender(client, measure, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = contact(client, measure)

    assert response.status_code == 302 and response["Location"] == measure.get_absolute_url()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [CONTACT_EMAIL]
    assert message.reply_to == ["robin@nachbarstadt.example"]
    assert "Parkplatzsensorik in der Innenstadt" in message.subject
    assert "Wie viele Sensoren brauchen Sie pro Straße?" in message.body and "Robin Frage" in message.body
    assert f"http://testserver{measure.get_absolute_url()}" in message.body


@pytest.mark.django_db
def test_visitor_cannot_see_the_contact_address_anywhere(client, measure, django_capture_on_commit_callbacks):
    pages = [measure.get_absolute_url(), reverse("measures:measure-contact", args=[measure.pk]),
             reverse("search:measure-list"), "/", "/api/v1/measures", "/api/v1/measures/ulm-parken-001"]
    for path in pages:
        assert CONTACT_EMAIL not in client.get(path).content.decode(), path
    with django_capture_on_commit_callbacks(execute=True):
        invalid = contact(client, measure, email="keine-adresse")
        sent = client.get(contact(client, measure)["Location"])
    assert invalid.status_code == 200 and CONTACT_EMAIL not in invalid.content.decode()
    assert CONTACT_EMAIL not in sent.content.decode()
    # Obfuscated forms (the local part, the domain) are not on the page either.
    html = client.get(measure.get_absolute_url()).content.decode()
    assert "geheim.kontakt" not in html and "mailto:" not in html


@pytest.mark.django_db
def test_bot_filling_the_honeypot_sends_no_message(client, measure, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = contact(client, measure, website="https://spam.example")

    assert response.status_code == 302  # looks like success to the bot
    assert len(mail.outbox) == 0


@pytest.mark.django_db
def test_visitor_cannot_send_more_than_five_messages_an_hour(client, measure, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(5):
            assert contact(client, measure, message=f"Nachricht {number}").status_code == 302

        response = contact(client, measure, message="Nachricht 6")

    assert response.status_code == 429
    assert "später" in response.content.decode()
    assert len(mail.outbox) == 5
    assert "Nachricht 6" not in "".join(m.body for m in mail.outbox)


@pytest.mark.django_db
def test_visitor_from_another_address_can_still_write_when_one_is_rate_limited(client, measure, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for _number in range(6):
            contact(client, measure)
        other = client.post(reverse("measures:measure-contact", args=[measure.pk]),
                            {"name": "Sam", "email": "sam@example.org", "message": "Hallo", "website": ""}, REMOTE_ADDR="10.0.0.7")

    assert other.status_code == 302
    assert len(mail.outbox) == 6


@pytest.mark.django_db
def test_visitor_cannot_write_to_a_measure_without_contact_address(client, measure_line, to_lines):
    measures_import(to_lines(measure_line(contact=...)))
    measure = Measure.objects.get(external_id="ulm-parken-001")

    assert client.get(reverse("measures:measure-contact", args=[measure.pk])).status_code == 404
    assert contact(client, measure).status_code == 404
    assert len(mail.outbox) == 0
