"""Every page type is valid HTML according to the Nu HTML Checker (vnu.jar)."""

from __future__ import annotations

import json
import subprocess
import urllib.error
import urllib.request

import pytest

from tests.journeys.conftest import VNU_JAR, vnu_available
from tests.journeys.pages import PAGE_TYPES


def _fetch(url: str, state: str | None = None) -> bytes:
    request = urllib.request.Request(url)
    if state:  # the role's session cookie, as the browser logged in
        cookies = json.loads(open(state, encoding="utf-8").read())["cookies"]
        request.add_header("Cookie", "; ".join(f"{c['name']}={c['value']}" for c in cookies))
    try:
        with urllib.request.urlopen(request) as response:
            return response.read()
    except urllib.error.HTTPError as error:  # 404 pages are page types too
        return error.read()


def test_every_page_type_is_valid_html(site_server, demo_measure_id, journey_ids, role_states, tmp_path):
    if not vnu_available():
        pytest.fail("vnu.jar or java missing: run `npm ci` and install default-jre-headless (make test does both)")
    files = {}
    for index, page_type in enumerate(PAGE_TYPES):
        path = tmp_path / f"{index:02d}.html"
        state = role_states[page_type.role] if page_type.role != "visitor" else None
        path.write_bytes(_fetch(site_server + page_type.path.format(measure_id=demo_measure_id, **journey_ids), state))
        files[str(path)] = page_type.name
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files], capture_output=True, text=True, timeout=300
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))}: line {m.get('lastLine')}: {m['message']}" for m in messages]
    assert errors == []
