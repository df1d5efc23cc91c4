"""Journey: a new editor signs up, gets editor rights, changes a measure and submits it; a moderator
publishes it; a visitor sees the change. Real browser, real server, real e-mails (file backend)."""

from __future__ import annotations

import re
import time

from tests.journeys.conftest import SITE


def _mail_link(pattern: str, to: str, timeout: float = 10) -> str:
    """The first link matching `pattern` in an e-mail to `to` that the server wrote to its mail folder."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for path in sorted(SITE["mail_dir"].glob("*.log")) if SITE["mail_dir"].exists() else []:
            text = path.read_text(encoding="utf-8", errors="replace")
            for message in text.split("-" * 79):
                if f"To: {to}" in message:
                    found = re.search(pattern, message.replace("=\n", ""))
                    if found:
                        return found.group(0)
        time.sleep(0.2)
    raise AssertionError(f"no e-mail to {to} with {pattern!r}")


def test_editor_signs_up_edits_submits_and_moderator_publishes(visit, role_states, site_server):
    email = f"lena.hoffmann.{int(time.time())}@ulm.example"
    new_title = "Digitallotsinnen und -lotsen: Sicher im Netz ab 60 – jetzt in allen Stadtteilen"

    # 1. A municipal employee signs up and confirms her address from the e-mail.
    editor = visit().page
    editor.goto("/konto/signup/")
    editor.get_by_label("E-Mail").first.fill(email)
    editor.locator("input[name=password1]").fill("Sichere-Passphrase-2026")
    editor.locator("input[name=password2]").fill("Sichere-Passphrase-2026")
    editor.get_by_label("Name").first.fill("Lena Hoffmann")
    editor.get_by_label("Kommune").fill("Ulm")
    editor.get_by_label("Funktion").fill("Digitalisierungsbeauftragte")
    editor.locator("form button[type=submit]").last.click()
    confirm = _mail_link(r"http://[^\s]+/konto/confirm-email/[^\s]+", email)
    editor.goto(confirm.replace(site_server, ""))
    editor.locator("form button[type=submit]").last.click()
    editor.wait_for_load_state()

    # 2. She asks for editor rights for Ulm.
    editor.goto("/konto/redaktionsrechte/")
    editor.get_by_label("Modellprojekt").select_option(label="Ulm")
    editor.get_by_label("Begründung").fill("Ich koordiniere die Digitallotsen im Amt für Bildung und Sport.")
    editor.get_by_role("button", name="Antrag senden").click()
    assert "Ihr Antrag ist eingegangen" in editor.get_by_role("status").first.inner_text()

    # 3. A moderator (logged in with password and TOTP) approves the request.
    moderator = visit(storage_state=role_states["moderator"]).page
    moderator.goto("/moderation/")
    moderator.get_by_role("link", name=re.compile("Lena Hoffmann → Ulm")).click()
    moderator.get_by_label("Bestätigen").check()
    moderator.get_by_role("button", name="Entscheidung speichern").click()
    assert "Entscheidung ist gespeichert" in moderator.get_by_role("status").first.inner_text()
    _mail_link(r"wurde bestätigt", email)

    # 4. The new editor changes a published Ulm measure and submits the change for review.
    editor.goto("/massnahmen/?q=Digitallotsinnen")
    editor.get_by_role("link", name=re.compile("Digitallotsinnen und -lotsen")).first.click()
    public_url = editor.url
    editor.get_by_role("link", name="Bearbeiten").click()
    editor.get_by_label("Titel").fill(new_title)
    editor.get_by_role("button", name="Speichern und zur Prüfung einreichen").click()
    assert "zur Prüfung eingereicht" in editor.get_by_role("status").first.inner_text()

    # Until a moderator publishes, visitors still see the old title.
    visitor = visit().page
    visitor.goto(public_url.replace(site_server, ""))
    assert new_title not in visitor.locator("h1").inner_text()

    # 5. The moderator publishes the change.
    moderator.goto("/moderation/")
    moderator.get_by_role("link", name=new_title).click()
    moderator.get_by_role("button", name="Veröffentlichen").click()
    assert "veröffentlicht" in moderator.get_by_role("status").first.inner_text()

    # 6. A visitor sees the change, and the version history names the editor.
    visitor.goto(public_url.replace(site_server, ""))
    assert visitor.locator("h1").inner_text() == new_title
    moderator.goto(public_url.replace(site_server, "") + "versionen/")
    assert "Lena Hoffmann" in moderator.locator("main").inner_text()
