"""Dates and times in registration e-mails follow the active language: German "Uhr", English without it."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.core import mail
from django.utils import timezone, translation

from wissensspeicher.events.services import registration_create
from wissensspeicher.events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
YEAR = timezone.localdate().year + 1  # always ahead, so registration is open

def one_morning(**kwargs):
    start = dt.datetime(YEAR, 3, 5, 10, 0, tzinfo=BERLIN)
    return EventFactory(start=start, end=start + dt.timedelta(hours=2), **kwargs)


def confirmation_body(event, user, capture) -> str:
    with capture(execute=True):
        registration_create(event, user=user)
    return mail.outbox[-1].body


def test_german_mail_writes_date_with_weekday_and_uhr(member, django_capture_on_commit_callbacks):
    with translation.override("de"):
        body = confirmation_body(one_morning(), member, django_capture_on_commit_callbacks)
    weekday = dt.date(YEAR, 3, 5).strftime("%w")
    assert f"5. März {YEAR}, 10:00–12:00 Uhr" in body
    assert ["Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"][int(weekday)] in body


def test_english_mail_has_no_uhr(member, django_capture_on_commit_callbacks):
    with translation.override("en"):
        body = confirmation_body(one_morning(), member, django_capture_on_commit_callbacks)
    assert f"5 March {YEAR}, 10:00–12:00" in body
    assert "Uhr" not in body


def test_english_mail_over_several_days_has_no_uhr(member, django_capture_on_commit_callbacks):
    start = dt.datetime(YEAR, 3, 5, 10, 0, tzinfo=BERLIN)
    event = EventFactory(start=start, end=start + dt.timedelta(days=1, hours=6))
    with translation.override("en"):
        body = confirmation_body(event, member, django_capture_on_commit_callbacks)
    first, second = (dt.date(YEAR, 3, day).strftime("%A") for day in (5, 6))
    assert f"{first}, 5 March {YEAR}, 10:00 – {second}, 6 March {YEAR}, 16:00" in body
    assert "Uhr" not in body


def test_english_guest_opt_in_mail_has_no_uhr(django_capture_on_commit_callbacks):
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        registration_create(one_morning(allow_guests=True), name="Jane Doe", email="jane@example.org")
    assert f"5 March {YEAR}, 10:00–12:00" in mail.outbox[0].body and "Uhr" not in mail.outbox[0].body


def test_english_pages_write_dates_the_english_way(client):
    from wissensspeicher.core import dates

    moment = dt.datetime(YEAR, 3, 5, 10, 0, tzinfo=BERLIN)
    with translation.override("en"):
        assert dates.date_time_long(moment).endswith(f"5 March {YEAR}, 10:00")
        assert dates.time_long(moment) == "10:00"
    with translation.override("de"):
        assert dates.date_time_long(moment).endswith(f"5. März {YEAR}, 10:00 Uhr")
    path = f"/veranstaltungen/{one_morning().slug}/"
    english = client.get(f"/en{path}").content.decode()
    assert f"5 March {YEAR}, 10:00" in english and "Uhr" not in english
    assert f"5. März {YEAR}, 10:00 Uhr" in client.get(path, headers={"accept-language": "de"}).content.decode()


def test_mails_follow_the_language_of_the_person_not_of_whoever_triggers_them(member, django_capture_on_commit_callbacks):
    from wissensspeicher.events.services import registration_cancel
    from wissensspeicher.accounts.tests.factories import verified_user

    event = one_morning(capacity=1)
    with translation.override("de"):
        seat = registration_create(event, user=member)
    with translation.override("en"):
        waiting = registration_create(event, user=verified_user("jane", email="jane@example.org"))
    assert waiting.language == "en"
    with translation.override("de"), django_capture_on_commit_callbacks(execute=True):
        registration_cancel(seat)  # a German page frees the seat; Jane moves up
    promoted = [m for m in mail.outbox if m.to == ["jane@example.org"]][-1]
    assert f"5 March {YEAR}" in promoted.body and "Uhr" not in promoted.body and "/en/" in promoted.body
