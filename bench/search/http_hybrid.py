"""Benchmark: the full search request over HTTP at 100k measures, hybrid ranking.

Imports a synthetic corpus (bench/search/generate_corpus.py, import format) into a fresh SQLite
database through the real import service with semantic search off, gives every measure synthetic
unit vectors, one per passage its texts make (the issue allows synthetic vectors at this size:
embedding 100k measures with the real model would take about a day here), then serves the site with gunicorn and SEARCH_SEMANTIC on, so each
request embeds its query with the real model, ranks lexically and semantically, fuses, counts all
facets, renders snippets and the page. Reports median/p95/p99 per request. Not a test.

    .venv/bin/python bench/search/http_hybrid.py --corpus bench/out/corpus-100k.jsonl \
        --queries bench/out/queries-500.json [--requests 300] [--workers 2] [--reuse [--new-vectors]]
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

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "bench" / "out" / "http-hybrid"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


SYNTHETIC_VECTORS = """
import numpy as np
from wissensspeicher.measures.models import Measure
from wissensspeicher.search import embeddings
from wissensspeicher.search.models import MeasureEmbedding
rng = np.random.default_rng(5)
rows = Measure.objects.values_list("id", "title", "summary", "description", "transferability")
MeasureEmbedding.objects.all().delete()
batch, total, measures = [], 0, 0
for measure_id, title, summary, description, transferability in rows.iterator(chunk_size=2000):
    # As many vectors as the real model would store: one per passage of the measure's texts.
    count = len(embeddings.passage_texts(title, summary, [description, transferability]))
    vectors = rng.standard_normal((count, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    batch.append(MeasureEmbedding(measure_id=measure_id, text_hash="synthetic", model_name=embeddings.MODEL_NAME,
                                  vector=embeddings.to_bytes(vectors)))
    total, measures = total + count, measures + 1
    if len(batch) == 2000:
        MeasureEmbedding.objects.bulk_create(batch)
        batch = []
MeasureEmbedding.objects.bulk_create(batch)
from wissensspeicher.search.services import embeddings_stamp_bump
embeddings_stamp_bump()
print(f"{measures} measures, {total} passage vectors")
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--queries", required=True)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--reuse", action="store_true", help="keep the database and index of an earlier run")
    parser.add_argument("--new-vectors", action="store_true", help="with --reuse: write the synthetic vectors again")
    args = parser.parse_args()

    OUT.mkdir(parents=True, exist_ok=True)
    db = OUT / "db.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "DJANGO_SETTINGS_MODULE": "config.settings.dev",
           "DJANGO_DEBUG": "false", "LOAD_DEMO_DATA": "false", "SEARCH_SEMANTIC": "false",
           "SEARCH_INDEX_DIR": str(OUT / "index")}
    python = sys.executable
    if not (args.reuse and db.exists()):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        started = time.perf_counter()
        subprocess.run([python, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        subprocess.run([python, "manage.py", "import_measures", args.corpus], cwd=ROOT, env=env, check=True, stderr=subprocess.DEVNULL)
        subprocess.run([python, "manage.py", "shell", "-c", SYNTHETIC_VECTORS], cwd=ROOT, env=env, check=True)
        subprocess.run([python, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        print(f"setup: {time.perf_counter() - started:.0f} s")
    else:
        # A reused database keeps its measures; the lexical index is rebuilt if the engine's schema changed.
        subprocess.run([python, "manage.py", "search_reindex", "--if-needed"], cwd=ROOT, env=env, check=True)
        if args.new_vectors:
            subprocess.run([python, "manage.py", "shell", "-c", SYNTHETIC_VECTORS], cwd=ROOT, env=env, check=True)

    env["SEARCH_SEMANTIC"] = "true"
    port = free_port()
    server = subprocess.Popen(
        [str(Path(python).parent / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/massnahmen/?q=Test", timeout=60).read()
                break
            except OSError:
                time.sleep(0.5)
        queries = json.loads(Path(args.queries).read_text(encoding="utf-8"))
        rng = random.Random(3)
        rng.shuffle(queries)
        urls = []
        for item in queries[: args.requests + 20]:
            params = [("q", item["query"])]
            for key, value in item["filters"].items():
                for v in value if isinstance(value, list) else [value]:
                    params.append((key, v))
            urls.append("/massnahmen/?" + urllib.parse.urlencode(params))
        for url in urls[:20]:  # load the model and the vectors in both workers
            urllib.request.urlopen(base + url, timeout=60).read()
        timings = []
        for url in urls[20:]:
            t0 = time.perf_counter()
            with urllib.request.urlopen(base + url, timeout=60) as response:
                response.read()
                assert response.status == 200
            timings.append((time.perf_counter() - t0) * 1000)
    finally:
        server.terminate()
        server.wait(timeout=10)
    timings.sort()
    print(json.dumps({
        "measures_corpus": args.corpus, "requests": len(timings), "workers": args.workers,
        "median_ms": round(statistics.median(timings), 1), "p95_ms": round(timings[int(0.95 * len(timings)) - 1], 1),
        "p99_ms": round(timings[int(0.99 * len(timings)) - 1], 1),
    }, indent=2))


if __name__ == "__main__":
    main()
