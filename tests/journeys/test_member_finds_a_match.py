"""Journey: a member posts a need in the Suche-Biete-Pool, sees matching offers and writes to an
offer's owner, who receives the message by e-mail (reply-to the member) and in the inbox."""

from __future__ import annotations

import re

from tests.journeys.conftest import SITE


def test_member_posts_a_need_sees_matches_and_messages_an_owner(visit, role_states):
    member = visit(storage_state=role_states["member"]).page
    member.goto("/pool/neu/?art=need")
    member.get_by_label("Titel").fill("Wer hat Erfahrung mit Sensoren für Hochwasser und Pegelstände?")
    member.get_by_label("Beschreibung").fill(
        "Unsere Gemeinde liegt an einem kleinen Fluss. Wir möchten Wasserstände messen und Anwohnende früh warnen "
        "und suchen eine Kommune oder ein Labor, das so ein Messnetz schon betreibt."
    )
    member.get_by_label("Kategorie").select_option(label="Wissen und Erfahrung")
    member.get_by_label("Ort").select_option(index=1)
    member.get_by_role("button", name="Speichern").click()
    assert "Ihr Eintrag ist veröffentlicht" in member.get_by_role("status").first.inner_text()

    matches = member.get_by_role("region", name="Passende Angebote").get_by_role("link")
    assert matches.count() >= 3
    first = matches.first
    offer_title = first.inner_text()
    first.click()
    assert member.locator("h1").inner_text() in offer_title

    member.get_by_role("link", name="Nachricht schreiben").click()
    member.get_by_label("Ihre Nachricht").fill("Guten Tag, wir würden gern von Ihren Erfahrungen lernen. Hätten Sie Zeit für ein Gespräch?")
    member.get_by_label(re.compile("Ich bin einverstanden")).check()
    member.get_by_role("button", name="Nachricht senden").click()
    assert "Ihre Nachricht ist unterwegs" in member.get_by_role("status").first.inner_text()

    # The owner (or the place's relay address) receives it, with the member as the reply-to address.
    mails = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in SITE["mail_dir"].glob("*.log"))
    assert "Hätten Sie Zeit für ein Gespräch?" in mails
    assert "Reply-To: mitglied@demo.wissensspeicher.example" in mails
