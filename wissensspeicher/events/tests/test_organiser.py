"""Organiser pages and services: moderators create and change events and add documents to past events."""

from __future__ import annotations

import datetime as dt
import re

import icalendar
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from wissensspeicher.events.models import Event, EventDocument, EventFormat, EventMode, EventSeries, RegistrationStatus
from wissensspeicher.events.services import event_document_create, event_save, registration_create
from wissensspeicher.accounts.tests.factories import verified_user
from wissensspeicher.events.tests.factories import EventFactory
from wissensspeicher.measures.models import FieldOfAction
from wissensspeicher.municipalities.models import ModelProject, Municipality

pytestmark = pytest.mark.django_db

CREATE = reverse("events:event-create")


def past_event(**kwargs):
    start = timezone.now().replace(microsecond=0) - dt.timedelta(days=30)
    return EventFactory(start=start, end=start + dt.timedelta(hours=4), **kwargs)


def form_data(**overrides) -> dict:
    start = (timezone.localtime() + dt.timedelta(days=30)).replace(hour=10, minute=0, second=0, microsecond=0)
    data = {
        "title": "Themenwerkstatt Wärmeplanung", "slug": "", "format": EventFormat.THEME_WORKSHOP,
        "description": "Kommunale Wärmeplanung mit offenen Daten.", "start": start.strftime("%Y-%m-%dT%H:%M"),
        "end": (start + dt.timedelta(hours=4)).strftime("%Y-%m-%dT%H:%M"), "mode": EventMode.HYBRID,
        "venue_address": "Rathaus, Markt 1, 59821 Arnsberg", "online_link": "https://konferenz.example.org/raum/waerme",
        "capacity": "25", "registration_opens": "", "registration_closes": "", "allow_guests": "on", "is_published": "on",
        "host_model_project": "", "host_municipality": "", "series": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# Pages

@pytest.mark.parametrize("path", [CREATE, "update", "document"])
def test_visitor_is_sent_to_login_and_member_is_refused(client, member, path):
    event = past_event(slug="rueckblick")
    url = {"update": reverse("events:event-update", args=[event.slug]),
           "document": reverse("events:document-create", args=[event.slug])}.get(path, path)
    response = client.get(url)
    assert response.status_code == 302 and "/konto/login/" in response["Location"]
    client.force_login(member)
    assert client.get(url).status_code == 403
    assert client.post(url, form_data()).status_code == 403
    assert not Event.objects.filter(title="Themenwerkstatt Wärmeplanung").exists()


def test_moderator_can_create_event_with_fields_of_action_series_and_hosts(client, moderator):
    client.force_login(moderator)
    page = client.get(CREATE)
    assert page.status_code == 200
    content = page.content.decode()
    assert 'type="datetime-local"' in content and 'for="id_title"' in content and "style=" not in content
    fields = list(FieldOfAction.objects.all()[:2])
    series = EventSeries.objects.create(title="Peer Learning Wärme", slug="peer-learning-waerme")
    project = ModelProject.objects.first()
    municipality = Municipality.objects.filter(level="municipality").first()
    response = client.post(CREATE, form_data(fields_of_action=[f.pk for f in fields], series=series.pk,
                                             host_model_project=project.pk, host_municipality=municipality.key))
    event = Event.objects.get(title="Themenwerkstatt Wärmeplanung")
    assert response.status_code == 302 and response["Location"] == event.get_absolute_url()
    assert event.slug == "themenwerkstatt-warmeplanung"
    assert set(event.fields_of_action.all()) == set(fields)
    assert (event.series, event.host_model_project, event.host_municipality) == (series, project, municipality)
    assert event.capacity == 25 and event.allow_guests and event.is_published
    assert timezone.localtime(event.start).hour == 10
    assert "Die Veranstaltung ist angelegt." in client.get(event.get_absolute_url()).content.decode()


def test_moderator_gets_clear_messages_for_wrong_input(client, moderator):
    EventFactory(slug="vergeben")
    client.force_login(moderator)
    data = form_data(title="", slug="vergeben", capacity="0", host_municipality="99999999")
    data["end"] = data["start"].replace("T10:", "T08:")
    response = client.post(CREATE, data)
    content = response.content.decode()
    assert response.status_code == 200 and "error-summary" in content
    for message in ("Bitte geben Sie einen Titel an.", "Das Ende liegt vor dem Beginn.", "Diesen Gemeindeschlüssel kennen wir nicht.",
                    "Diesen Kurznamen trägt schon eine andere Veranstaltung."):
        assert message in content
    assert 'aria-invalid="true"' in content
    assert Event.objects.count() == 1


def test_moderator_can_edit_event_and_sees_links_on_detail(client, moderator, event):
    client.force_login(moderator)
    detail = client.get(event.get_absolute_url()).content.decode()
    assert reverse("events:event-update", args=[event.slug]) in detail
    assert reverse("events:document-create", args=[event.slug]) not in detail  # upcoming: no documents yet
    assert reverse("events:event-create") in client.get(reverse("events:event-list")).content.decode()
    url = reverse("events:event-update", args=[event.slug])
    page = client.get(url).content.decode()
    assert event.title in page and event.online_link in page
    response = client.post(url, form_data(title="Neuer Titel", slug=event.slug))
    event.refresh_from_db()
    assert response.status_code == 302 and event.title == "Neuer Titel" and event.slug != ""


def event_like_form(**kwargs):
    """An event whose date, place and link are what form_data() submits, so saving it changes none of them."""
    start = (timezone.localtime() + dt.timedelta(days=30)).replace(hour=10, minute=0, second=0, microsecond=0)
    return EventFactory(start=start, end=start + dt.timedelta(hours=4), mode=EventMode.HYBRID,
                        venue_address="Rathaus, Markt 1, 59821 Arnsberg", online_link="https://konferenz.example.org/raum/waerme",
                        **kwargs)


def test_raising_capacity_promotes_the_waiting_list_with_mail(client, moderator, django_capture_on_commit_callbacks):
    event = event_like_form(capacity=1)
    registration_create(event, user=verified_user("erste"))
    waiting = registration_create(event, user=verified_user("zweite"))
    client.force_login(moderator)
    data = form_data(slug=event.slug, capacity="2")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("events:event-update", args=[event.slug]), data)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert [m.to for m in mail.outbox] == [[waiting.email]] and mail.outbox[0].attachments


def test_moderator_can_add_documents_to_past_event(client, moderator):
    event = past_event(slug="rueckblick")
    client.force_login(moderator)
    detail = client.get(event.get_absolute_url()).content.decode()
    url = reverse("events:document-create", args=[event.slug])
    assert url in detail
    response = client.post(url, {"title": "Folien", "kind": "folien", "url": "https://example.org/folien.pdf", "another": "1"})
    assert response.status_code == 302 and response["Location"] == url
    client.post(url, {"title": "Protokoll", "kind": "protokoll", "url": "https://example.org/protokoll.pdf"})
    client.post(url, {"title": "Fotos", "kind": "sonstiges", "url": "www.kommune.example/fotos"})
    assert list(event.documents.values_list("title", "url")) == [
        ("Folien", "https://example.org/folien.pdf"), ("Protokoll", "https://example.org/protokoll.pdf"),
        ("Fotos", "https://www.kommune.example/fotos")]
    assert "https://example.org/protokoll.pdf" in client.get(event.get_absolute_url()).content.decode()


def test_document_needs_title_and_full_address(client, moderator):
    event = past_event(slug="rueckblick")
    client.force_login(moderator)
    content = client.post(reverse("events:document-create", args=[event.slug]),
                          {"title": "", "kind": "folien", "url": "Folien vom Treffen"}).content.decode()
    assert "Bitte geben Sie einen Titel an." in content and "mit https:// beginnt" in content
    assert not EventDocument.objects.exists()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def test_moderator_can_upload_a_protocol_that_visitors_download(client, moderator, media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    event = past_event(slug="rueckblick")
    client.force_login(moderator)
    upload = SimpleUploadedFile("protokoll.md", "# Protokoll\n\nErgebnisse der Werkstatt".encode(), content_type="text/markdown")
    response = client.post(reverse("events:document-create", args=[event.slug]),
                           {"title": "Protokoll", "kind": "protokoll", "file": upload})
    assert response.status_code == 302
    document = event.documents.get()
    assert document.file and not document.url
    client.logout()
    download = reverse("events:document-download", args=[event.slug, document.pk])
    assert download in client.get(event.get_absolute_url()).content.decode()
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;") and "protokoll.md" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == "# Protokoll\n\nErgebnisse der Werkstatt".encode()


def test_upload_of_a_web_page_or_file_and_link_together_is_refused(client, moderator, media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    event = past_event(slug="rueckblick")
    client.force_login(moderator)
    url = reverse("events:document-create", args=[event.slug])
    page = SimpleUploadedFile("folien.html", b"<script>alert(1)</script>", content_type="text/html")
    content = client.post(url, {"title": "Folien", "kind": "folien", "file": page}).content.decode()
    assert "Dateien vom Typ „html“ können nicht hochgeladen werden" in content
    both = SimpleUploadedFile("folien.pdf", b"%PDF-1.4", content_type="application/pdf")
    content = client.post(url, {"title": "Folien", "kind": "folien", "file": both, "url": "https://example.org/f.pdf"}).content.decode()
    assert "nicht beides" in content
    content = client.post(url, {"title": "Folien", "kind": "folien"}).content.decode()
    assert "Bitte laden Sie eine Datei hoch oder geben Sie die Adresse des Dokuments an." in content
    assert not EventDocument.objects.exists()
    assert not any(media.rglob("*.*"))


def test_documents_of_an_unpublished_event_are_not_found(client, moderator, media):
    from django.core.files.base import ContentFile

    event = past_event(slug="intern", is_published=False)
    document = EventDocument(event=event, title="Protokoll", kind="protokoll")
    document.file.save("protokoll.md", ContentFile(b"intern"), save=True)
    assert client.get(reverse("events:document-download", args=[event.slug, document.pk])).status_code == 404


def test_moderator_cannot_add_documents_before_the_event(client, moderator, event):
    client.force_login(moderator)
    url = reverse("events:document-create", args=[event.slug])
    assert "erst nach dem Ende der Veranstaltung" in client.get(url).content.decode()
    content = client.post(url, {"title": "Folien", "kind": "folien", "url": "https://example.org/f.pdf"}).content.decode()
    assert "erst nach dem Ende der Veranstaltung" in content
    assert not EventDocument.objects.exists()


# Services

def test_event_save_refuses_members_and_visitors(member):
    for user in (member, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            event_save(user, Event(title="X", format=EventFormat.WEBINAR, start=timezone.now(), end=timezone.now(), capacity=5))
        with pytest.raises(PermissionDenied):
            event_document_create(user, past_event(), title="Folien", url="https://example.org/f.pdf", kind="folien")


def test_event_save_makes_unique_slug_from_title(moderator):
    start = timezone.now() + dt.timedelta(days=3)
    first = event_save(moderator, Event(title="Webinar: Open Data", format=EventFormat.WEBINAR, start=start, end=start, capacity=5))
    second = event_save(moderator, Event(title="Webinar: Open Data", format=EventFormat.WEBINAR, start=start, end=start, capacity=5))
    assert (first.slug, second.slug) == ("webinar-open-data", "webinar-open-data-2")


def test_event_document_create_refuses_upcoming_event(moderator, event):
    with pytest.raises(ValidationError, match="erst nach dem Ende"):
        event_document_create(moderator, event, title="Folien", url="https://example.org/f.pdf", kind="folien")


def test_event_slug_never_shadows_a_site_address(moderator):
    start = timezone.now() + dt.timedelta(days=3)
    with pytest.raises(ValidationError) as error:
        event_save(moderator, Event(title="Neu", slug="neu", format=EventFormat.WEBINAR, start=start, end=start, capacity=5))
    assert "reserviert" in str(error.value)
    saved = event_save(moderator, Event(title="Feeds", format=EventFormat.WEBINAR, start=start, end=start, capacity=5))
    assert saved.slug == "feeds-2"


def test_registered_people_hear_when_date_or_place_change_and_not_otherwise(client, moderator, django_capture_on_commit_callbacks):
    event = event_like_form(capacity=1, allow_guests=True)
    confirmed = registration_create(event, user=verified_user("erste"))
    waiting = registration_create(event, user=verified_user("zweite"))
    pending = registration_create(event, name="Gast", email="gast@kommune.example")  # hears the details at the opt-in
    client.force_login(moderator)
    url = reverse("events:event-update", args=[event.slug])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, form_data(slug=event.slug, capacity="1", description="Neue Beschreibung"))
    assert mail.outbox == []  # nothing that matters for attending changed
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, form_data(slug=event.slug, capacity="1", venue_address="Kreishaus, Am Markt 2, 59821 Arnsberg"))
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {confirmed.email, waiting.email} and pending.email not in by_address
    assert "Kreishaus, Am Markt 2" in by_address[confirmed.email].body and by_address[confirmed.email].attachments
    assert not by_address[waiting.email].attachments and "Zugangslink" not in by_address[waiting.email].body
    # The fresh calendar entry has the same UID and a higher SEQUENCE, so calendars replace the old one.
    calendar = icalendar.Calendar.from_ical(by_address[confirmed.email].attachments[0][1])
    entry = next(iter(calendar.walk("VEVENT")))
    assert entry["sequence"] == 1 and str(entry["uid"]) == f"event-{event.pk}@wissensspeicher"
    assert "Kreishaus, Am Markt 2" in str(entry["location"])


def test_moderator_is_told_when_a_slug_is_reserved(client, moderator):
    client.force_login(moderator)
    start = timezone.localtime() + dt.timedelta(days=5)
    response = client.post(reverse("events:event-create"), {
        "title": "Neues Format", "slug": "neu", "format": EventFormat.WEBINAR, "mode": EventMode.ONLINE,
        "start": start.strftime("%Y-%m-%dT%H:%M"), "end": (start + dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "capacity": 10, "online_link": "https://konferenz.example/raum"})
    assert response.status_code == 200
    assert "reserviert" in response.content.decode()
    assert not Event.objects.filter(slug="neu").exists()


def test_a_change_in_the_admin_is_told_to_registered_people_like_one_in_the_form(client, django_capture_on_commit_callbacks):
    from django.contrib.auth import get_user_model
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    admin = get_user_model().objects.create_superuser("admin", "admin@kommune.example", "x-Geheim-123")
    TOTP.activate(admin, generate_totp_secret())
    event = event_like_form(capacity=5, allow_guests=True)
    confirmed = registration_create(event, user=verified_user("erste"))
    client.force_login(admin)
    url = reverse("admin:events_event_change", args=[event.pk])
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and not isinstance(value, list)}
    data.update({
        "fields_of_action": [f.pk for f in event.fields_of_action.all()],
        "start_0": timezone.localtime(event.start).strftime("%Y-%m-%d"), "start_1": timezone.localtime(event.start).strftime("%H:%M"),
        "end_0": timezone.localtime(event.end).strftime("%Y-%m-%d"), "end_1": timezone.localtime(event.end).strftime("%H:%M"),
        "venue_address": "Kreishaus, Am Markt 2, 59821 Arnsberg",
        "documents-TOTAL_FORMS": "0", "documents-INITIAL_FORMS": "0",
    })
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    event.refresh_from_db()
    assert event.venue_address.startswith("Kreishaus") and event.revision == 1
    assert [m.to for m in mail.outbox] == [[confirmed.email]] and mail.outbox[0].attachments

    data["slug"] = "neu"
    response = client.post(url, data)
    assert response.status_code == 200 and "reserviert" in response.content.decode()


@pytest.mark.parametrize("typed", ["morgen früh", "2027-02-31T10:00", "5.3. zehn Uhr"])
def test_a_start_that_is_no_date_and_time_comes_back_in_a_text_field(client, moderator, typed):
    # A datetime-local input may only hold a valid date and time; what was typed is shown to correct.
    client.force_login(moderator)
    response = client.post(reverse("events:event-create"), form_data(start=typed))
    page = response.content.decode()
    assert response.status_code == 200 and "Datum und Uhrzeit" in page
    assert re.search(rf'<input type="text" name="start" value="{re.escape(typed)}"', page)
    assert re.search(r'<input type="datetime-local" name="end" value="\d{4}-\d\d-\d\dT\d\d:\d\d"', page)
