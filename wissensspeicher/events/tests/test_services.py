"""Registration services: capacity, waiting list, double opt-in, duplicates, window, cancellation, e-mails."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wissensspeicher.events.models import RegistrationStatus
from wissensspeicher.events.services import registration_cancel, registration_confirm_email, registration_create
from wissensspeicher.accounts.tests.factories import verified_user
from wissensspeicher.events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def test_member_can_register_with_one_click_and_gets_ics_with_cancel_link(member, event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        registration = registration_create(event, user=member)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.email == member.email
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [member.email]
    assert f"/veranstaltungen/anmeldung/{registration.token}/stornieren/" in message.body
    assert event.online_link in message.body
    filename, content, mimetype = message.attachments[0]
    assert filename.endswith(".ics")
    assert mimetype.startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(content)
    assert str(calendar["METHOD"]) == "PUBLISH"
    vevent = calendar.walk("VEVENT")[0]
    assert str(vevent["UID"]) == f"event-{event.pk}@wissensspeicher"
    assert vevent.decoded("DTSTART") == event.start


def test_member_gets_waiting_list_place_when_event_is_full(event, django_capture_on_commit_callbacks):
    event.capacity = 1
    event.save()
    registration_create(event, user=verified_user("erste"))
    with django_capture_on_commit_callbacks(execute=True):
        second = registration_create(event, user=verified_user("zweite"))
    assert second.status == RegistrationStatus.WAITING
    assert "Warteliste" in mail.outbox[0].subject
    assert second.token in mail.outbox[0].body
    assert not mail.outbox[0].attachments


def test_cancelling_promotes_first_waiting_and_emails_them(event, django_capture_on_commit_callbacks):
    event.capacity = 1
    event.save()
    first = registration_create(event, user=verified_user("erste"))
    second = registration_create(event, user=verified_user("zweite"))
    third = registration_create(event, user=verified_user("dritte"))
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(first.token)
    first.refresh_from_db(), second.refresh_from_db(), third.refresh_from_db()
    assert first.status == RegistrationStatus.CANCELLED
    assert second.status == RegistrationStatus.CONFIRMED
    assert third.status == RegistrationStatus.WAITING
    assert [m.to for m in mail.outbox] == [[second.email]]
    assert mail.outbox[0].attachments
    assert second.token in mail.outbox[0].body


def test_cancelling_a_waiting_registration_promotes_nobody(event):
    event.capacity = 1
    event.save()
    registration_create(event, user=verified_user("erste"))
    second = registration_create(event, user=verified_user("zweite"))
    third = registration_create(event, user=verified_user("dritte"))
    registration_cancel(second)
    third.refresh_from_db()
    assert third.status == RegistrationStatus.WAITING


def test_guest_is_pending_until_the_email_link_is_confirmed(event, django_capture_on_commit_callbacks):
    event.allow_guests = True
    event.save()
    with django_capture_on_commit_callbacks(execute=True):
        registration = registration_create(event, name="Gerda Gast", organisation="Amt Nord", email="Gerda@Amt.example")
    assert registration.status == RegistrationStatus.PENDING
    assert registration.email == "gerda@amt.example"
    assert f"/anmeldung/{registration.token}/bestaetigen/" in mail.outbox[0].body
    assert f"/anmeldung/{registration.token}/stornieren/" in mail.outbox[0].body
    assert not mail.outbox[0].attachments
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = registration_confirm_email(registration.token)
    assert confirmed.status == RegistrationStatus.CONFIRMED
    assert mail.outbox[1].attachments
    # A second click (or a mail scanner) changes nothing and sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        registration_confirm_email(registration.token)
    assert len(mail.outbox) == 2


def test_guest_confirming_a_full_event_goes_on_the_waiting_list(event):
    event.allow_guests = True
    event.capacity = 1
    event.save()
    guest = registration_create(event, name="Gerda Gast", email="gerda@amt.example")
    registration_create(event, user=verified_user("schnell"))
    assert registration_confirm_email(guest.token).status == RegistrationStatus.WAITING


def test_guest_cannot_register_when_guests_are_not_allowed(event):
    with pytest.raises(ValidationError, match="nur angemeldete Mitglieder"):
        registration_create(event, name="Gerda Gast", email="gerda@amt.example")


def test_member_cannot_register_twice(member, event):
    registration_create(event, user=member)
    with pytest.raises(ValidationError, match="bereits eine Anmeldung"):
        registration_create(event, user=member)


def test_guest_cannot_register_twice_with_the_same_address(event):
    event.allow_guests = True
    event.save()
    registration_create(event, name="Gerda Gast", email="gerda@amt.example")
    with pytest.raises(ValidationError, match="bereits eine Anmeldung"):
        registration_create(event, name="Gerda G.", email="GERDA@amt.example")


def test_member_can_register_again_after_cancelling(member, event):
    registration_cancel(registration_create(event, user=member))
    assert registration_create(event, user=member).status == RegistrationStatus.CONFIRMED


def test_member_cannot_register_when_window_closed(member):
    closed = EventFactory(registration_closes=timezone.now() - dt.timedelta(hours=1))
    with pytest.raises(ValidationError, match="geschlossen"):
        registration_create(closed, user=member)


def test_member_cannot_register_before_window_opens(member):
    later = EventFactory(registration_opens=timezone.now() + dt.timedelta(days=2))
    with pytest.raises(ValidationError, match="beginnt am"):
        registration_create(later, user=member)


def test_member_cannot_register_for_unpublished_event(member):
    with pytest.raises(ValidationError, match="nicht veröffentlicht"):
        registration_create(EventFactory(is_published=False), user=member)


def test_unverified_account_cannot_register(event, django_user_model):
    user = django_user_model.objects.create_user(username="neu", email="neu@kommune.example", password="x-Passwort-2026")
    with pytest.raises(PermissionDenied):
        registration_create(event, user=user)
