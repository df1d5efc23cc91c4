"""Journey: a visitor finds an event, registers as a guest, confirms the address through the e-mail link,
receives the confirmation mail with the .ics file for their calendar, and cancels through the mail's link."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
import re
import urllib.request
import uuid
from email.message import EmailMessage

import icalendar

from tests.journeys.conftest import SITE

SEPARATOR = b"\n" + b"-" * 79 + b"\n"  # how Django's file e-mail backend separates messages


def mails_to(address: str) -> list[EmailMessage]:
    """Every message the site wrote to the mail directory for this address, oldest first."""
    messages = []
    for path in sorted(SITE["mail_dir"].glob("*.log"), key=lambda p: p.stat().st_mtime):
        for raw in path.read_bytes().split(SEPARATOR):
            if raw.strip():
                message = email.message_from_bytes(raw.lstrip(), policy=email.policy.default)
                if address in str(message["To"]):
                    messages.append(message)
    return messages


def link_in(message: EmailMessage, path_part: str) -> str:
    body = message.get_body(preferencelist=("plain",)).get_content()
    match = re.search(r"https?://\S*" + re.escape(path_part), body)
    assert match, f"no link with {path_part!r} in the mail:\n{body}"
    return match.group(0)


def test_visitor_finds_event_registers_as_guest_and_gets_ics(visit, journey_ids):
    with urllib.request.urlopen(f"{SITE['base']}/api/v1/events/{journey_ids['guest_event_slug']}") as response:
        event = json.load(response)
    assert event["allow_guests"] and not event["is_full"]
    address = f"gast-{uuid.uuid4().hex[:12]}@kommune.example"

    page = visit().page
    page.goto("/veranstaltungen/")
    page.get_by_label("Format").select_option(value=event["format"])
    page.get_by_role("button", name="Filtern").click()
    assert f"format={event['format']}" in page.url
    page.get_by_role("link", name=event["title"]).click()
    assert page.locator("h1").inner_text() == event["title"]

    page.get_by_label("Ihr Name").fill("Erika Mustermann")
    page.get_by_label("Organisation oder Kommune").fill("Gemeinde Beispielstadt")
    page.get_by_label("E-Mail-Adresse").fill(address)
    page.get_by_role("button", name="Anmeldung senden").click()
    assert "Bitte bestätigen Sie Ihre Anmeldung" in page.get_by_role("status").first.inner_text()

    # The opt-in mail: no seat until the link is followed and the page's button pressed (scanners only GET).
    [opt_in] = mails_to(address)
    assert event["title"] in str(opt_in["Subject"])
    page.goto(link_in(opt_in, "/bestaetigen/"))
    page.get_by_role("button", name="Anmeldung jetzt bestätigen").click()
    assert "Ihre Anmeldung ist bestätigt" in page.get_by_role("status").first.inner_text()

    confirmation = mails_to(address)[-1]
    assert str(confirmation["Subject"]).strip().startswith("Anmeldung bestätigt")
    [attachment] = [part for part in confirmation.iter_attachments() if part.get_filename().endswith(".ics")]
    assert attachment.get_content_type() == "text/calendar"
    vevent = icalendar.Calendar.from_ical(attachment.get_payload(decode=True)).walk("VEVENT")[0]
    assert str(vevent["UID"]).startswith("event-") and str(vevent["UID"]).endswith("@wissensspeicher")
    assert event["title"] in str(vevent["SUMMARY"])
    assert vevent.decoded("DTSTART") == dt.datetime.fromisoformat(event["start"])
    assert str(vevent["URL"]).endswith(f"/veranstaltungen/{event['slug']}/")

    # Every mail carries the cancellation link; it frees the seat.
    page.goto(link_in(confirmation, "/stornieren/"))
    page.get_by_role("button", name="Ja, Anmeldung stornieren").click()
    assert "Ihre Anmeldung ist storniert" in page.get_by_role("status").first.inner_text()
    assert "Diese Anmeldung ist storniert." in page.locator("main").inner_text()
