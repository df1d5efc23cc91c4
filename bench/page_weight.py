"""Page weight of the measure list: HTML + CSS + JS, uncompressed and gzip-compressed.

Run against a server started with `make run`:

    .venv/bin/python bench/page_weight.py [http://127.0.0.1:8000] [/massnahmen/]
"""

from __future__ import annotations

import gzip
import re
import sys
import urllib.request


def main() -> None:
    base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
    path = sys.argv[2] if len(sys.argv) > 2 else "/massnahmen/"
    with urllib.request.urlopen(base + path) as response:
        html = response.read()
    parts = {path: html}
    for asset in re.findall(rb'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html) + re.findall(rb'<script[^>]+src="([^"]+)"', html):
        with urllib.request.urlopen(base + asset.decode()) as response:
            parts[asset.decode()] = response.read()
    total = sum(len(body) for body in parts.values())
    for name, body in parts.items():
        print(f"{name:60} {len(body):>8} B  gzip {len(gzip.compress(body)):>7} B")
    print(f"{'total':60} {total:>8} B  gzip {sum(len(gzip.compress(b)) for b in parts.values()):>7} B  (budget 102400 B)")


if __name__ == "__main__":
    main()
