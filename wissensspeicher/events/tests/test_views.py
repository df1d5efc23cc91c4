"""Pages: calendar with filters, detail for each role, e-mail link pages, attendee list and CSV, iCalendar feeds."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from wissensspeicher.events.models import EventDocument, EventFormat, EventMode, Registration, RegistrationStatus
from wissensspeicher.events.services import registration_create
from wissensspeicher.events.tests.factories import EventFactory
from wissensspeicher.measures.models import FieldOfAction
from wissensspeicher.municipalities.models import Municipality

pytestmark = pytest.mark.django_db

LIST = reverse("events:event-list")


def past_event(**kwargs):
    start = timezone.now().replace(microsecond=0) - dt.timedelta(days=30)
    return EventFactory(start=start, end=start + dt.timedelta(hours=4), **kwargs)


def test_visitor_can_see_upcoming_events_but_not_past_or_unpublished(client):
    upcoming = EventFactory(title="Kommende Werkstatt")
    past = past_event(title="Vergangene Konferenz")
    EventFactory(title="Entwurf", is_published=False)
    response = client.get(LIST)
    assert response.status_code == 200
    content = response.content.decode()
    assert upcoming.title in content and past.title not in content and "Entwurf" not in content
    assert f'<link rel="alternate" type="text/calendar"' in content
    assert reverse("events:event-feed") in content


def test_visitor_can_see_past_events_with_documents(client):
    past = past_event(title="Vergangene Konferenz")
    EventDocument.objects.create(event=past, title="Folien der Keynote", url="https://example.org/folien.pdf", kind="folien")
    assert past.title in client.get(LIST, {"zeit": "vergangen"}).content.decode()
    detail = client.get(past.get_absolute_url()).content.decode()
    assert "Folien der Keynote" in detail and "https://example.org/folien.pdf" in detail
    assert "Jetzt anmelden" not in detail


def test_visitor_can_filter_by_format_online_field_and_state(client):
    field = FieldOfAction.objects.first()
    municipality = Municipality.objects.select_related("state").first()
    webinar = EventFactory(title="Webinar Open Data", format=EventFormat.WEBINAR, mode=EventMode.ONLINE)
    webinar.fields_of_action.add(field)
    local = EventFactory(title="Regionalkonferenz Süd", format=EventFormat.REGIONAL_CONFERENCE, mode=EventMode.ON_SITE,
                         host_municipality=municipality)
    def titles(**params):
        content = client.get(LIST, params).content.decode()
        return {title for title in (webinar.title, local.title) if title in content}
    assert titles(format="webinar") == {webinar.title}
    assert titles(online="ja") == {webinar.title}
    assert titles(online="nein") == {local.title}
    assert titles(handlungsfeld=field.slug) == {webinar.title}
    assert titles(land=municipality.state.slug) == {local.title}
    assert "Unbekannte Filterwerte" in client.get(LIST, {"format": "tanzkurs"}).content.decode()


def test_visitor_cannot_see_online_link_or_unpublished_event(client, event):
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    assert event.online_link not in response.content.decode()
    assert "Anmelden und teilnehmen" in response.content.decode()
    assert client.get(EventFactory(is_published=False).get_absolute_url()).status_code == 404


def test_member_can_register_with_one_click_and_then_sees_online_link(client, member, event, django_capture_on_commit_callbacks):
    client.force_login(member)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Jetzt anmelden" in page and event.online_link not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:registration-create", args=[event.slug]))
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].attachments
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Sie sind angemeldet" in page
    assert event.online_link in page
    assert "Anmeldung stornieren" in page


def test_member_on_waiting_list_cannot_see_online_link(client, member, event):
    event.capacity = 1
    event.save()
    registration_create(event, user=_other_member())
    client.force_login(member)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "ausgebucht" in page and "Auf die Warteliste setzen" in page
    client.post(reverse("events:registration-create", args=[event.slug]))
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Warteliste (Platz 1)" in page
    assert event.online_link not in page


def _other_member():
    from wissensspeicher.accounts.tests.factories import verified_user

    return verified_user("zuerst")


def test_registration_by_get_changes_nothing(client, member, event):
    client.force_login(member)
    assert client.get(reverse("events:registration-create", args=[event.slug])).status_code == 302
    assert not Registration.objects.exists()


def test_guest_can_register_and_confirm_through_the_email_link(client, event, django_capture_on_commit_callbacks):
    event.allow_guests = True
    event.save()
    assert "Ohne Konto teilnehmen" in client.get(event.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:registration-create", args=[event.slug]),
                               {"name": "Gerda Gast", "organisation": "Amt Nord", "email": "gerda@amt.example"})
    assert response.status_code == 302
    registration = Registration.objects.get()
    confirm_url = reverse("events:registration-confirm", args=[registration.token])
    assert confirm_url in mail.outbox[0].body
    # Link scanners open links with GET: that must not confirm anything.
    page = client.get(confirm_url)
    assert page.status_code == 200 and "Anmeldung jetzt bestätigen" in page.content.decode()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm_url)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert event.online_link in client.get(confirm_url).content.decode()


def test_guest_form_shows_errors_with_summary(client, event):
    event.allow_guests = True
    event.save()
    response = client.post(reverse("events:registration-create", args=[event.slug]), {"name": "", "email": "kaputt"})
    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="error-summary"' in content and "Bitte geben Sie Ihren Namen an." in content
    assert not Registration.objects.exists()


def test_visitor_with_cancel_link_can_cancel_only_by_post(client, member, event):
    registration = registration_create(event, user=member)
    url = reverse("events:registration-cancel", args=[registration.token])
    assert "Ja, Anmeldung stornieren" in client.get(url).content.decode()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    client.post(url)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


def test_visitor_cannot_use_an_unknown_token(client):
    assert client.get(reverse("events:registration-cancel", args=["unbekannt"])).status_code == 404


def test_member_cannot_see_attendee_list_or_export(client, member, event):
    client.force_login(member)
    assert client.get(reverse("events:registration-list", args=[event.slug])).status_code == 403
    assert client.get(reverse("events:registration-export", args=[event.slug])).status_code == 403


def test_visitor_cannot_see_attendee_list(client, event):
    assert client.get(reverse("events:registration-export", args=[event.slug])).status_code == 302


def test_moderator_can_see_attendee_list_and_export_csv(client, moderator, member, event):
    registration_create(event, user=member)
    client.force_login(moderator)
    page = client.get(reverse("events:registration-list", args=[event.slug]))
    assert page.status_code == 200 and member.email in page.content.decode()
    response = client.get(reverse("events:registration-export", args=[event.slug]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Name;Organisation;E-Mail-Adresse;Status;Angemeldet am"
    assert member.email in lines[1] and "bestätigt" in lines[1]


def test_feed_round_trips_through_icalendar(client):
    upcoming = EventFactory(title="Kongress Smart Cities", format=EventFormat.CONGRESS, mode=EventMode.ON_SITE,
                            venue_address="Messe Leipzig, Messe-Allee 1, 04356 Leipzig")
    recent = past_event(title="Webinar Datenschutz", format=EventFormat.WEBINAR, mode=EventMode.ONLINE)
    EventFactory(title="Entwurf", is_published=False)
    response = client.get(reverse("events:event-feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Berlin"]
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {f"event-{upcoming.pk}@wissensspeicher", f"event-{recent.pk}@wissensspeicher"}
    vevent = events[f"event-{upcoming.pk}@wissensspeicher"]
    assert vevent["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert vevent["DTEND"].params["TZID"] == "Europe/Berlin"
    assert vevent.decoded("DTSTART") == upcoming.start
    assert vevent.decoded("DTEND") == upcoming.end
    assert "DTSTAMP" in vevent
    assert str(vevent["SUMMARY"]) == "Kongress: Kongress Smart Cities"
    assert str(vevent["URL"]).endswith(upcoming.get_absolute_url())
    assert str(vevent["LOCATION"]) == upcoming.venue_address
    assert str(events[f"event-{recent.pk}@wissensspeicher"]["LOCATION"]) == "Online"


def test_format_feed_lists_only_that_format(client):
    webinar = EventFactory(format=EventFormat.WEBINAR)
    EventFactory(format=EventFormat.CONGRESS)
    calendar = icalendar.Calendar.from_ical(client.get(reverse("events:event-feed-format", args=["webinar"])).content)
    assert [str(e["UID"]) for e in calendar.walk("VEVENT")] == [f"event-{webinar.pk}@wissensspeicher"]
    assert client.get(reverse("events:event-feed-format", args=["tanzkurs"])).status_code == 404


def test_empty_feed_still_announces_the_timezone(client):
    calendar = icalendar.Calendar.from_ical(client.get(reverse("events:event-feed")).content)
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Berlin"]
