"""Benchmark: the filtered measure list page with 10,000 measures under gunicorn.

Builds a fresh database (SQLite by default, or BENCH_DATABASE_URL), imports N synthetic measures
derived from the demo records through the real import service, starts gunicorn on loopback and
requests the list page with random filter combinations (0-3 dimensions, random page and sort).
Reports median, p95 and p99 per request. Not a test: nothing here asserts.

    .venv/bin/python bench/measure_list.py [--measures 10000] [--requests 400] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_corpus(n: int, seed: int = 7) -> list[str]:
    """N import lines: demo records with fresh ids, shuffled taxonomy labels and varied titles."""
    rng = random.Random(seed)
    demo = [json.loads(line) for line in (ROOT / "demo" / "measures.jsonl").read_text(encoding="utf-8").splitlines()]
    fields = sorted({f for r in demo for f in r["fields_of_action"]})
    statuses = sorted({r["status"] for r in demo})
    impacts = sorted({r["spatial_impact"] for r in demo})
    lines = []
    for i in range(n):
        record = dict(rng.choice(demo))
        record["external_id"] = f"bench-{i:06d}"
        record["title"] = f"{record['title']} ({i})"[:200]
        record["fields_of_action"] = rng.sample(fields, rng.randint(1, 3))
        record["status"] = rng.choice(statuses)
        record["spatial_impact"] = rng.choice(impacts)
        lines.append(json.dumps(record, ensure_ascii=False))
    return lines


def random_url(rng: random.Random, options: dict[str, list[str]]) -> str:
    params: list[tuple[str, str]] = []
    for dimension in rng.sample(sorted(options), rng.randint(0, 3)):
        for value in rng.sample(options[dimension], rng.randint(1, 2)):
            params.append((dimension, value))
    params.append(("sort", rng.choice(["newest", "title", "updated"])))
    if rng.random() < 0.3:
        params.append(("page", str(rng.randint(2, 5))))
    return "/massnahmen/?" + urllib.parse.urlencode(params)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--measures", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()

    OUT.mkdir(parents=True, exist_ok=True)
    database_url = os.environ.get("BENCH_DATABASE_URL")
    if not database_url:
        db = OUT / "measure_list.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        database_url = f"sqlite:///{db}"
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "config.settings.dev",
           "DJANGO_DEBUG": "false", "LOAD_DEMO_DATA": "false",
           "SEARCH_SEMANTIC": "false", "SEARCH_INDEX_DIR": str(OUT / "measure_list-index")}
    python = sys.executable

    started = time.perf_counter()
    subprocess.run([python, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    corpus = OUT / "measure_list.jsonl"
    corpus.write_text("\n".join(build_corpus(args.measures)), encoding="utf-8")
    subprocess.run([python, "manage.py", "import_measures", str(corpus)], cwd=ROOT, env=env, check=True,
                   stderr=subprocess.DEVNULL)
    subprocess.run([python, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    print(f"setup: {time.perf_counter() - started:.1f} s for {args.measures} measures")

    port = free_port()
    server = subprocess.Popen(
        [str(Path(python).parent / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/massnahmen/", timeout=5).read()
                break
            except OSError:
                time.sleep(0.2)
        options = {
            "state": ["bayern", "nordrhein-westfalen", "sachsen", "baden-wuerttemberg", "niedersachsen"],
            "fields_of_action": ["mobilitaet", "energie", "bildung", "verwaltung-und-buergerservice"],
            "status": ["in-umsetzung", "verstetigt", "abgeschlossen"],
            "spatial_impact": ["quartier", "gesamtstadt"],
            "solution_types": ["app", "sensorikiot", "datenplattform"],
            "target_groups": ["verwaltung", "wirtschaft"],
            "cohort": ["2019", "2020", "2021"],
        }
        rng = random.Random(args.seed)
        urls = [random_url(rng, options) for _ in range(args.requests)]
        for url in urls[:30]:  # warm caches and both workers
            urllib.request.urlopen(base + url, timeout=30).read()
        timings = []
        for url in urls:
            t0 = time.perf_counter()
            with urllib.request.urlopen(base + url, timeout=30) as response:
                response.read()
                assert response.status == 200
            timings.append((time.perf_counter() - t0) * 1000)
    finally:
        server.terminate()
        server.wait(timeout=10)

    timings.sort()
    result = {
        "measures": args.measures,
        "requests": len(timings),
        "workers": args.workers,
        "database": database_url.split(":", 1)[0],
        "median_ms": round(statistics.median(timings), 2),
        "p95_ms": round(timings[int(0.95 * len(timings)) - 1], 2),
        "p99_ms": round(timings[int(0.99 * len(timings)) - 1], 2),
        "max_ms": round(timings[-1], 2),
    }
    print(json.dumps(result, indent=2))
    (OUT / "measure_list.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
