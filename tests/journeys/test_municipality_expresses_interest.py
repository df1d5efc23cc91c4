"""Journey: a municipality expresses interest in Start Smart and confirms by e-mail; a moderator finds the request,
takes it on, reviews it and schedules the Initialberatung; the municipality is told by e-mail. Real browser and server."""

from __future__ import annotations

import re
import time

from tests.journeys.conftest import SITE


def _mail(to: str, pattern: str, timeout: float = 10) -> re.Match:
    """The first match of `pattern` in an e-mail to `to` that the server wrote to its mail folder."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for path in sorted(SITE["mail_dir"].glob("*.log")) if SITE["mail_dir"].exists() else []:
            for message in path.read_text(encoding="utf-8", errors="replace").split("-" * 79):
                if f"To: {to}" in message:
                    found = re.search(pattern, message.replace("=\n", ""))
                    if found:
                        return found
        time.sleep(0.2)
    raise AssertionError(f"no e-mail to {to} with {pattern!r}")


def test_municipality_expresses_interest_and_staff_schedule_the_consultation(visit, role_states):
    email = f"digitales.{int(time.time())}@tirschenreuth.example"

    # 1. Someone from the town hall fills in the form; JavaScript is off, so the name is resolved on the server.
    town = visit(javascript=False).page
    town.goto("/start-smart/")
    town.get_by_role("link", name="Interesse bekunden").click()
    town.get_by_label("Kommune").fill("Tirschenreuth")
    town.get_by_label("Ansprechperson").fill("Franziska Wolf")
    town.get_by_label("Funktion").fill("Digitalisierungsbeauftragte")
    town.get_by_label("E-Mail-Adresse").fill(email)
    town.get_by_role("group", name=re.compile("Themen")).get_by_label("Mobilität").check()
    town.get_by_role("group", name=re.compile("Gewünschte Formate")).get_by_label("Initialberatung").check()
    town.get_by_label("Ihr Anliegen (freiwillig)").fill("Wir möchten einen Rufbus mit Online-Buchung für unsere Ortsteile aufbauen.")
    town.get_by_role("button", name="Interessensbekundung senden").click()
    # The consent is missing: the error is named in the summary and next to the checkbox, nothing is lost.
    assert "Bitte willigen Sie in die Verarbeitung" in town.get_by_role("alert").inner_text()
    assert town.get_by_label("E-Mail-Adresse").input_value() == email
    town.get_by_label(re.compile("Ich willige ein")).check()
    town.get_by_role("button", name="Interessensbekundung senden").click()
    assert "Bitte prüfen Sie Ihr Postfach" in town.locator("h1").inner_text()

    # 2. The opt-in link from the e-mail shows a page; only the button confirms.
    link = _mail(email, r"https?://\S+/start-smart/interesse/bestaetigen/[\w-]+/").group(0)
    town.goto(link)
    town.get_by_role("button", name="Jetzt bestätigen").click()
    assert "ist bestätigt" in town.get_by_role("status").inner_text()

    # 3. The moderator finds the request in the pipeline and takes it on.
    staff = visit(storage_state=role_states["moderator"]).page
    staff.goto("/start-smart/anfragen/?stand=new")
    staff.get_by_label("Suche").fill("Tirschenreuth")
    staff.get_by_role("button", name="Filtern").click()
    staff.get_by_role("link", name="Tirschenreuth").click()
    assert "Franziska Wolf" in staff.locator("main").inner_text()
    staff.get_by_label("Zuständig").select_option(label="Carola Stein")
    staff.get_by_role("button", name="Zuständigkeit speichern").click()
    assert "Zuständigkeit ist gespeichert" in staff.get_by_role("status").inner_text()

    # 4. In Prüfung (internal), then the Initialberatung with a next step: the municipality gets an e-mail.
    staff.get_by_role("radio", name="in Prüfung").check()
    staff.get_by_label("Interne Notiz (freiwillig)").fill("Passt zur Themenwerkstatt Mobilität auf dem Land.")
    staff.get_by_role("button", name="Stand ändern").click()
    assert "Neuer Stand: in Prüfung" in staff.get_by_role("status").inner_text()
    staff.get_by_role("radio", name="Initialberatung vereinbart").check()
    staff.get_by_label("Nächster Schritt (freiwillig)").fill("Initialberatung per Videokonferenz")
    staff.get_by_label("Datum des nächsten Schritts (freiwillig)").fill("2027-01-12")
    staff.get_by_role("button", name="Stand ändern").click()
    assert "Die Kommune erhält eine E-Mail" in staff.get_by_role("status").inner_text()

    message = _mail(email, r"Subject: .*Initialberatung.*[\s\S]*Initialberatung per Videokonferenz \(Dienstag, 12\. Januar 2027\)")
    assert message

    # 5. The history shows every step.
    history = staff.get_by_role("region", name="Verlauf").inner_text()
    for text in ("eingegangen", "E-Mail bestätigt", "Zuständig: Carola Stein", "neu → in Prüfung",
                 "Passt zur Themenwerkstatt", "in Prüfung → Initialberatung vereinbart", "Kommune per E-Mail informiert"):
        assert text in history, text
