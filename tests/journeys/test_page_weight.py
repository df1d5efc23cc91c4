"""The measure list page stays light: HTML + CSS + JS at most 100 KB uncompressed."""

from __future__ import annotations

import re
import urllib.request

BUDGET = 100 * 1024


def page_weight(base: str, path: str) -> dict[str, int]:
    """Bytes of the page and of every stylesheet and script it loads (uncompressed)."""
    with urllib.request.urlopen(base + path) as response:
        html = response.read()
    sizes = {path: len(html)}
    assets = re.findall(rb'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html) + re.findall(rb'<script[^>]+src="([^"]+)"', html)
    for asset in assets:
        url = asset.decode()
        with urllib.request.urlopen(base + url) as response:
            sizes[url] = len(response.read())
    return sizes


def test_measure_list_page_weighs_at_most_100_kb(site_server):
    sizes = page_weight(site_server, "/massnahmen/")
    assert sum(sizes.values()) <= BUDGET, sizes
