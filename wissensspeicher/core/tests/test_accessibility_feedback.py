"""Barriere melden: the feedback mechanism BITV 2.0 requires."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.cache import cache

from wissensspeicher.core.models import AccessibilityFeedback

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()


def test_visitor_can_report_a_barrier_and_the_operator_gets_an_email(client, settings, django_capture_on_commit_callbacks):
    settings.ACCESSIBILITY_CONTACT_EMAIL = "barrierefreiheit@example.org"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/barrierefreiheit/", {"description": "Kontrast zu schwach", "page_url": "/massnahmen/", "email": ""})

    assert response.status_code == 302 and response["Location"].endswith("?gesendet=1#barriere-melden")
    assert AccessibilityFeedback.objects.get().description == "Kontrast zu schwach"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["barrierefreiheit@example.org"]
    assert "/massnahmen/" in mail.outbox[0].subject and "Kontrast zu schwach" in mail.outbox[0].body


def test_missing_description_is_reported_next_to_the_field_and_nothing_is_stored(client):
    response = client.post("/barrierefreiheit/", {"description": "", "email": "kaputt"})
    html = response.content.decode()

    assert response.status_code == 400
    assert 'id="id_description_error"' in html and "Bitte beschreiben Sie die Barriere." in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_description_help id_description_error"' in html
    assert "Bitte geben Sie eine gültige E-Mail-Adresse an" in html
    assert AccessibilityFeedback.objects.count() == 0


def test_bots_filling_the_honeypot_are_ignored(client):
    response = client.post("/barrierefreiheit/", {"description": "Spam", "website": "http://spam.example"})
    assert response.status_code == 302
    assert AccessibilityFeedback.objects.count() == 0


def test_more_than_five_reports_an_hour_are_refused(client):
    for _ in range(5):
        assert client.post("/barrierefreiheit/", {"description": "x"}).status_code == 302
    response = client.post("/barrierefreiheit/", {"description": "x"})
    assert response.status_code == 400 and "später noch einmal" in response.content.decode()
    assert AccessibilityFeedback.objects.count() == 5


def test_easy_read_page_explains_the_site(client):
    html = client.get("/leichte-sprache/").content.decode()
    assert "Leichte Sprache" in html and "Modell·projekte" in html
