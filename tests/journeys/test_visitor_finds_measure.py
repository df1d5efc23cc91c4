"""Journey: a visitor searches and filters the measures, opens one and follows its model project.

Runs with JavaScript, without JavaScript, and with the keyboard alone.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

FOCUS_VISIBLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return false;
  const style = getComputedStyle(el);
  return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
}"""


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_visitor_filters_measures_opens_one_and_follows_its_model_project(visit, javascript):
    page = visit(javascript=javascript).page
    page.goto("/")
    page.get_by_role("link", name="Maßnahmen", exact=True).first.click()
    expect(page).to_have_title(re.compile("^" + re.escape("Alle Maßnahmen")))
    total = int(re.match(r"(\d+)", page.locator("#results-heading").inner_text()).group(1))

    page.get_by_label("Suchbegriffe").fill("Digitalisierung Verwaltung")
    page.get_by_role("button", name="Suchen", exact=True).click()
    expect(page).to_have_title(re.compile("^" + re.escape("Suche: „Digitalisierung Verwaltung“")))
    assert page.locator(".cards mark").count() > 0  # the matching passage is highlighted
    total = int(re.match(r"(\d+)", page.locator("#results-heading").inner_text()).group(1))

    page.get_by_label("Nordrhein-Westfalen").check()
    page.locator("summary", has_text="Bearbeitungsstand").click()  # collapsed until opened
    page.get_by_label("Verstetigt").check()
    page.get_by_role("button", name="Filter anwenden").click()

    assert "state=nordrhein-westfalen" in page.url and "status=verstetigt" in page.url and "q=Digitalisierung" in page.url
    found = int(re.match(r"(\d+)", page.locator("#results-heading").inner_text()).group(1))
    assert 0 < found < total
    expect(page).to_have_title(re.compile("Nordrhein-Westfalen"))
    first = page.locator(".cards h3 a").first
    title = first.inner_text()
    first.click()

    assert page.locator("h1").inner_text() == title
    facts = page.locator("aside.box")
    assert "Nordrhein-Westfalen" in facts.inner_text() and "Verstetigt" in facts.inner_text()
    project = facts.locator("dd a").first
    project_name = project.inner_text()
    project.click()

    assert page.locator("h1").inner_text() == project_name
    assert page.get_by_role("link", name=title).count() == 1


def test_keyboard_only_visitor_filters_and_opens_a_measure_with_visible_focus(visit):
    page = visit().page
    page.goto("/massnahmen/")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Zum Inhalt springen"
    assert page.evaluate(FOCUS_VISIBLE)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    def tab_to(predicate: str, limit: int = 200) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            assert page.evaluate(FOCUS_VISIBLE), page.evaluate("document.activeElement.outerHTML")
            if page.evaluate(predicate):
                return
        raise AssertionError(f"never reached {predicate}")

    tab_to("document.activeElement.value === 'sachsen'")
    page.keyboard.press("Space")
    tab_to("document.activeElement.textContent.trim() === 'Filter anwenden'")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"state=sachsen"))

    tab_to("!!document.activeElement.closest('.cards h3')")
    title = page.evaluate("document.activeElement.textContent.trim()")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == title
    assert "Sachsen" in page.locator("aside.box").inner_text()
