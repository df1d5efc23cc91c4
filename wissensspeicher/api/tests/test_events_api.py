"""Events API v1 as calendars, Länder portals and members' own tools use it: read, filter, register, cancel."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone, translation

from wissensspeicher.accounts.services import api_token_create
from wissensspeicher.events.models import EventDocument, EventFormat, EventMode, Registration, RegistrationStatus
from wissensspeicher.events.services import registration_create
from wissensspeicher.accounts.tests.factories import verified_user
from wissensspeicher.events.tests.factories import EventFactory
from wissensspeicher.measures.models import FieldOfAction

pytestmark = pytest.mark.django_db

EVENTS = "/api/v1/events"


@pytest.fixture(autouse=True)
def _german():
    translation.activate("de")
    yield
    translation.deactivate()


def auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user, name='Kalender-Tool')[1]}"}


def past_event(**kwargs):
    start = timezone.now().replace(microsecond=0) - dt.timedelta(days=30)
    return EventFactory(start=start, end=start + dt.timedelta(hours=4), **kwargs)


@pytest.fixture
def event():
    return EventFactory(title="Themenwerkstatt Datenplattformen", slug="werkstatt", capacity=2)


@pytest.fixture
def member():
    return verified_user("mia")


# Reading (anonymous)

def test_visitor_can_list_upcoming_events_without_past_or_unpublished(client, event):
    past_event(slug="vergangen")
    EventFactory(slug="entwurf", is_published=False)
    response = client.get(EVENTS)
    body = response.json()
    assert response.status_code == 200
    assert body["count"] == 1
    item = body["items"][0]
    assert item["slug"] == "werkstatt" and item["format"] == "themenwerkstatt" and item["format_label"] == "Themenwerkstatt"
    assert item["seats_left"] == 2 and item["is_full"] is False and item["registration_open"] is True
    assert item["url"] == "http://testserver/veranstaltungen/werkstatt/"
    assert "online_link" not in item


def test_visitor_can_list_past_events(client, event):
    past_event(slug="vergangen")
    assert [e["slug"] for e in client.get(f"{EVENTS}?zeit=vergangen").json()["items"]] == ["vergangen"]


def test_visitor_can_filter_like_the_calendar_page(client):
    field = FieldOfAction.objects.first()
    webinar = EventFactory(slug="webinar", format=EventFormat.WEBINAR, mode=EventMode.ONLINE, venue_address="")
    on_site = EventFactory(slug="vor-ort", mode=EventMode.ON_SITE)
    on_site.fields_of_action.add(field)

    def slugs(query: str) -> set[str]:
        return {e["slug"] for e in client.get(f"{EVENTS}?{query}").json()["items"]}

    assert slugs("format=webinar") == {webinar.slug}
    assert slugs("online=ja") == {webinar.slug}
    assert slugs("online=nein") == {on_site.slug}
    assert slugs(f"handlungsfeld={field.slug}") == {on_site.slug}
    assert slugs(f"handlungsfeld={field.slug}&format=webinar") == set()


def test_unknown_filter_value_is_a_clear_422(client):
    response = client.get(f"{EVENTS}?format=tanzkurs")
    assert response.status_code == 422
    assert "format: tanzkurs" in response.json()["detail"]
    assert client.get(f"{EVENTS}?zeit=morgen").status_code == 422


def test_list_is_paginated_like_the_other_lists(client, settings):
    settings.WISSENSSPEICHER = {**settings.WISSENSSPEICHER, "API_PAGE_SIZE": 2}
    EventFactory.create_batch(3)
    first, second = client.get(EVENTS).json(), client.get(f"{EVENTS}?page=2").json()
    assert first["count"] == second["count"] == 3
    assert len(first["items"]) == 2 and len(second["items"]) == 1
    response = client.get(f"{EVENTS}?page=3")
    assert response.status_code == 404 and "page 3" in response.json()["detail"]


def test_visitor_sees_public_detail_with_documents_but_no_link_and_no_attendees(client, member):
    event = past_event(slug="rueckblick")
    EventDocument.objects.create(event=event, title="Folien", url="https://example.org/folien.pdf", kind="folien")
    Registration.objects.create(event=event, name="Erika Gast", email="erika@example.org", status=RegistrationStatus.CONFIRMED)
    response = client.get(f"{EVENTS}/rueckblick")
    body = response.json()
    assert response.status_code == 200
    assert body["documents"] == [{"title": "Folien", "kind": "folien", "url": "https://example.org/folien.pdf"}]
    assert body["online_link"] is None and body["my_registration_status"] is None
    assert "erika" not in response.content.decode().lower()
    assert event.online_link not in response.content.decode()


def test_unknown_or_unpublished_event_is_404(client):
    EventFactory(slug="entwurf", is_published=False)
    for slug in ("gibt-es-nicht", "entwurf"):
        response = client.get(f"{EVENTS}/{slug}")
        assert response.status_code == 404
        assert slug in response.json()["detail"]


def test_feeds_are_listed_with_absolute_urls_for_all_and_each_format(client):
    body = client.get(f"{EVENTS}/feeds").json()
    urls = {item["format"]: item["url"] for item in body["items"]}
    assert urls[None] == "http://testserver/veranstaltungen/feed.ics"
    assert urls["webinar"] == "http://testserver/veranstaltungen/feed/webinar.ics"
    assert set(urls) == {None, *EventFormat.values}
    assert client.get("/veranstaltungen/feed/webinar.ics").status_code == 200


# Online link

def test_confirmed_member_sees_online_link_with_token(client, event, member, django_capture_on_commit_callbacks):
    registration_create(event, user=member)
    body = client.get(f"{EVENTS}/werkstatt", **auth(member)).json()
    assert body["online_link"] == event.online_link
    assert body["my_registration_status"] == "confirmed"


def test_waiting_or_other_member_does_not_see_online_link(client, member):
    event = EventFactory(slug="voll", capacity=1)
    registration_create(event, user=verified_user("erste"))
    registration_create(event, user=member)
    body = client.get(f"{EVENTS}/voll", **auth(member)).json()
    assert body["my_registration_status"] == "waiting" and body["online_link"] is None
    assert client.get(f"{EVENTS}/voll", **auth(verified_user("andere"))).json()["online_link"] is None


def test_invalid_token_on_public_detail_is_401(client, event):
    response = client.get(f"{EVENTS}/werkstatt", HTTP_AUTHORIZATION="Bearer ws_falsch")
    assert response.status_code == 401


# Registering and cancelling with a token

def test_member_can_register_with_token_and_gets_confirmation_mail_with_ics(client, event, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{EVENTS}/werkstatt/registration", **auth(member))
    body = response.json()
    assert response.status_code == 201
    assert body["status"] == "confirmed" and body["waiting_position"] is None
    assert body["online_link"] == event.online_link
    assert "token" not in body
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [member.email]
    filename, content, _mimetype = mail.outbox[0].attachments[0]
    assert filename.endswith(".ics")
    assert str(icalendar.Calendar.from_ical(content).walk("VEVENT")[0]["UID"]) == f"event-{event.pk}@wissensspeicher"
    assert "http://testserver/veranstaltungen/anmeldung/" in mail.outbox[0].body


def test_full_event_puts_member_on_waiting_list_and_cancel_promotes_them(client, event, member, django_capture_on_commit_callbacks):
    first, second = verified_user("erste"), verified_user("zweite")
    client.post(f"{EVENTS}/werkstatt/registration", **auth(first))
    client.post(f"{EVENTS}/werkstatt/registration", **auth(second))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{EVENTS}/werkstatt/registration", **auth(member))
    assert response.status_code == 201
    assert response.json()["status"] == "waiting" and response.json()["waiting_position"] == 1
    assert response.json()["online_link"] is None
    assert "Warteliste" in mail.outbox[-1].subject
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.delete(f"{EVENTS}/werkstatt/registration", **auth(first))
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    assert Registration.objects.get(event=event, user=member).status == RegistrationStatus.CONFIRMED
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert "bestätigt" in mail.outbox[0].subject and mail.outbox[0].attachments


def test_member_sees_own_registrations_only(client, event, member):
    other = EventFactory(slug="andere")
    registration_create(event, user=member)
    registration_create(other, user=verified_user("fremd"))
    body = client.get(f"{EVENTS}/registrations", **auth(member)).json()
    assert body["count"] == 1
    assert body["items"][0]["event"] == "werkstatt" and body["items"][0]["status"] == "confirmed"


def test_member_cannot_register_twice(client, event, member):
    headers = auth(member)
    client.post(f"{EVENTS}/werkstatt/registration", **headers)
    response = client.post(f"{EVENTS}/werkstatt/registration", **headers)
    assert response.status_code == 409
    assert "bereits eine Anmeldung" in response.json()["detail"]


def test_member_cannot_register_when_registration_is_closed(client, member):
    EventFactory(slug="geschlossen", registration_closes=timezone.now() - dt.timedelta(hours=1))
    response = client.post(f"{EVENTS}/geschlossen/registration", **auth(member))
    assert response.status_code == 409
    assert "geschlossen" in response.json()["detail"]
    assert not Registration.objects.exists()


def test_member_cannot_register_before_registration_opens(client, member):
    EventFactory(slug="bald", registration_opens=timezone.now() + dt.timedelta(days=2))
    response = client.post(f"{EVENTS}/bald/registration", **auth(member))
    assert response.status_code == 409 and "beginnt am" in response.json()["detail"]


def test_unverified_member_cannot_register(client, event):
    user = get_user_model().objects.create_user(username="neu", email="neu@kommune.example", password="x-Passwort-2026")
    response = client.post(f"{EVENTS}/werkstatt/registration", **auth(user))
    assert response.status_code == 403
    assert "verified e-mail address" in response.json()["detail"]
    assert not Registration.objects.exists()


def test_visitor_without_token_cannot_register_cancel_or_list(client, event):
    assert client.post(f"{EVENTS}/werkstatt/registration").status_code == 401
    assert client.delete(f"{EVENTS}/werkstatt/registration").status_code == 401
    assert client.get(f"{EVENTS}/registrations").status_code == 401
    assert client.post(f"{EVENTS}/werkstatt/registration", HTTP_AUTHORIZATION="Bearer ws_falsch").status_code == 401


def test_register_for_unknown_event_is_404(client, member):
    response = client.post(f"{EVENTS}/gibt-es-nicht/registration", **auth(member))
    assert response.status_code == 404 and "gibt-es-nicht" in response.json()["detail"]


def test_cancel_without_registration_is_404(client, event, member):
    response = client.delete(f"{EVENTS}/werkstatt/registration", **auth(member))
    assert response.status_code == 404 and "no active registration" in response.json()["detail"]


def test_cancel_after_the_event_is_409(client, member):
    event = EventFactory(slug="gleich")
    registration_create(event, user=member)
    type(event).objects.filter(pk=event.pk).update(start=timezone.now() - dt.timedelta(days=2), end=timezone.now() - dt.timedelta(days=1))
    response = client.delete(f"{EVENTS}/gleich/registration", **auth(member))
    assert response.status_code == 409 and "bereits stattgefunden" in response.json()["detail"]


def test_openapi_schema_documents_the_events_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    assert set(paths["/api/v1/events"]) == {"get"}
    assert "get" in paths["/api/v1/events/{slug}"] and "get" in paths["/api/v1/events/feeds"]
    assert "get" in paths["/api/v1/events/registrations"]
    assert {"post", "delete"} <= set(paths["/api/v1/events/{slug}/registration"])
    assert paths["/api/v1/events/{slug}/registration"]["post"]["security"]
