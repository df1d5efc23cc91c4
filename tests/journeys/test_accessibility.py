"""Every page type has zero axe-core violations for WCAG 2.0/2.1 A and AA, and keeps its language right."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.journeys.conftest import AXE_JS
from tests.journeys.pages import PAGE_TYPES

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[str]:
    # bypass_csp on the context lets us inject axe under the site's strict CSP (axe run only).
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]
    ]


@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=[p.name for p in PAGE_TYPES])
def test_page_type_has_no_axe_violations(visit, demo_measure_id, journey_ids, role_states, page_type):
    state = role_states[page_type.role] if page_type.role != "visitor" else None
    page = visit(bypass_csp=True, storage_state=state).page
    response = page.goto(page_type.path.format(measure_id=demo_measure_id, **journey_ids))
    assert response.status == page_type.status
    assert axe_violations(page) == []


def test_form_errors_are_announced_and_pass_axe(visit):
    page = visit(bypass_csp=True).page
    page.goto("/barrierefreiheit/")
    page.get_by_label("Ihre E-Mail-Adresse (freiwillig)").fill("keine-adresse")
    page.get_by_role("button", name="Meldung senden").click()

    expect(page).to_have_title(re.compile("^" + re.escape("Fehler:")))
    assert page.get_by_role("alert").count() == 1
    description = page.locator("#id_description")
    assert description.get_attribute("aria-invalid") == "true"
    described_by = description.get_attribute("aria-describedby").split()
    assert "id_description_error" in described_by
    assert page.locator("#id_description_error").inner_text() == "Bitte beschreiben Sie die Barriere."
    assert page.locator("#id_email").get_attribute("aria-invalid") == "true"
    assert axe_violations(page) == []


def test_barrier_report_reaches_the_operator(visit, site_server):
    page = visit().page
    page.goto("/barrierefreiheit/")
    page.get_by_label("Welche Barriere ist Ihnen begegnet?").fill("Der Kontrast der Filterzahlen ist zu schwach.")
    page.get_by_label("Auf welcher Seite?").fill("/massnahmen/")
    page.get_by_role("button", name="Meldung senden").click()
    assert "Vielen Dank" in page.get_by_role("status").inner_text()


def test_german_content_keeps_lang_de_under_english_pages(visit, demo_measure_id):
    page = visit().page
    page.goto(f"/en/massnahmen/{demo_measure_id}/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").get_attribute("lang") == "de"
    assert page.get_by_role("link", name="Skip to content").count() == 1
