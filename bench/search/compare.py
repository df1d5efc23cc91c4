"""This project's search engine and the PostgreSQL full-text baseline in one run, with the speed-up.

Runs `run_engine.py` (lexical query + all facet counts through `search_measures`) and then
`pg_baseline.py` (ts_rank top 20 + all facet counts in SQL) on the same corpus and queries, one
right after the other on the same machine, and prints both results and the ratios of their p50
and p95 as one JSON object. Both keep their built index / loaded table between runs when asked
(`--workdir`, `--reuse`), so a re-run only measures queries. Not a test.

    .venv/bin/python bench/search/compare.py --corpus bench/out/corpus-100k.jsonl \
        --queries bench/out/queries-500.json --database-url postgres://postgres@127.0.0.1:54400/bench \
        --workdir bench/out/engine-100k --table bench_measures_100k [--reuse]

(The PostgreSQL cluster is set up as described in pg_baseline.py.)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _run(script: str, arguments: list[str]) -> dict:
    output = subprocess.run([sys.executable, str(HERE / script), *arguments], check=True, capture_output=True, text=True).stdout
    return json.loads(output[output.index("{"):])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--queries", required=True)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--workdir", required=True, help="engine database and index, reused when built from the same corpus")
    parser.add_argument("--table", default="bench_measures")
    parser.add_argument("--reuse", action="store_true", help="keep the loaded PostgreSQL table")
    args = parser.parse_args()

    engine = _run("run_engine.py", ["--corpus", args.corpus, "--queries", args.queries, "--workdir", args.workdir])
    pg_args = ["--database-url", args.database_url, "--corpus", args.corpus, "--queries", args.queries, "--table", args.table]
    postgres = _run("pg_baseline.py", pg_args + (["--reuse"] if args.reuse else []))
    pg_latency = postgres["latency_ms_query_plus_facets"]
    print(json.dumps({
        "engine": engine,
        "postgresql": {key: postgres.get(key) for key in ("rows", "index_build_seconds", "size_mb", "latency_ms_query_plus_facets")},
        "speedup_p50": round(pg_latency["p50"] / engine["p50_ms"], 1),
        "speedup_p95": round(pg_latency["p95"] / engine["p95_ms"], 1),
    }, indent=2))


if __name__ == "__main__":
    main()
