"""The checks themselves can fail: each detects a planted problem."""

from __future__ import annotations

import json
import subprocess

from tests.journeys.conftest import VNU_JAR
from tests.journeys.test_accessibility import axe_violations


def test_axe_reports_a_missing_alt_text(visit):
    page = visit(bypass_csp=True).page
    page.set_content('<!DOCTYPE html><html lang="de"><head><title>t</title></head><body><main><img src="data:,"></main></body></html>')
    assert any(v.startswith("image-alt") for v in axe_violations(page))


def test_requests_to_other_servers_are_blocked_and_recorded(visit):
    # The site's Content-Security-Policy already stops this fetch in the page; bypass it to test the blocker itself.
    context = visit(bypass_csp=True)
    context.page.goto("/")
    context.page.evaluate("fetch('https://cdn.example.net/tracker.js').catch(() => null)")
    context.page.wait_for_timeout(200)
    assert context.blocked == ["https://cdn.example.net/tracker.js"]
    context.blocked.clear()  # planted on purpose; the fixture would otherwise fail the test


def test_vnu_reports_invalid_html(tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_text("<!DOCTYPE html><html><head></head><body><p><div></p></body></html>")
    result = subprocess.run(["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", str(broken)],
                            capture_output=True, text=True, timeout=120)
    assert json.loads(result.stderr)["messages"]
