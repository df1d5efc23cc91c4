"""Benchmark this project's search seam (tantivy + German analysis) on a synthetic corpus.

Builds the lexical index straight from a corpus file (import format) into a fresh index
directory, then runs the benchmark queries (2-3 words, 2 filters) through `search_measures`
with all facet counts, lexically (the figure comparable to the PostgreSQL baseline). Reports
index build time and size and p50/p95 per query as JSON.

    .venv/bin/python bench/search/generate_corpus.py --count 100000 --out bench/out/corpus-100k.jsonl \
        --queries 500 --queries-out bench/out/queries-500.json
    .venv/bin/python bench/search/run_engine.py --corpus bench/out/corpus-100k.jsonl --queries bench/out/queries-500.json
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--queries", required=True)
    parser.add_argument("--limit", type=int, default=0, help="index only the first N records (0: all)")
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--batch", type=int, default=0,
                        help="documents per index write (0: all in one, as `search_reindex` writes; the first write replaces the index)")
    parser.add_argument("--profile", action="store_true", help="print where query time goes (cProfile)")
    parser.add_argument("--workdir", help="keep database and index here and reuse them when built from the same corpus")
    args = parser.parse_args()

    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="search-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    marker = work / "built-from.json"
    from wissensspeicher.search.engine import SCHEMA_VERSION  # a reused index of another schema is rebuilt

    wanted = {"corpus": str(Path(args.corpus).resolve()), "limit": args.limit, "schema": SCHEMA_VERSION, "batch": args.batch}
    reuse = bool(args.workdir) and marker.exists() and json.loads(marker.read_text()) == wanted
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DATABASE_URL=f"sqlite:///{work / 'db.sqlite3'}",
        SEARCH_INDEX_DIR=str(work / "index"),
        LOAD_DEMO_DATA="false",
    )
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, check=True)
    import django

    django.setup()
    from wissensspeicher.measures.models import FieldOfAction, ProgressStatus, SolutionType, SpatialImpact, TargetGroup
    from wissensspeicher.measures.selectors import measure_category_keys, measure_filters_parse
    from wissensspeicher.municipalities.models import ModelProject, State
    from wissensspeicher.search import engine
    from wissensspeicher.search.selectors import search_measures

    states = dict(State.objects.values_list("name", "id"))
    projects = {p.name: p for p in ModelProject.objects.all()}
    categories = measure_category_keys()
    tables = {model: dict(model.objects.values_list("label", "id"))
              for model in (FieldOfAction, ProgressStatus, SolutionType, SpatialImpact, TargetGroup)}

    def documents():
        with open(args.corpus, encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if args.limit and number > args.limit:
                    return
                r = json.loads(line)
                project = projects[r["model_project"]]
                yield engine.IndexDocument(
                    id=number, title=r["title"], summary=r["summary"], body=r["description"],
                    facets={"state": states[r["state"]], "status": tables[ProgressStatus][r["status"]],
                            "spatial_impact": tables[SpatialImpact][r["spatial_impact"]], "model_project": project.id,
                            "cohort": project.cohort, "category": categories[project.category]},
                    multi_facets={"fields_of_action": [tables[FieldOfAction][x] for x in r["fields_of_action"]],
                                  "solution_types": [tables[SolutionType][x] for x in r.get("solution_types", [])],
                                  "target_groups": [tables[TargetGroup][x] for x in r.get("target_groups", [])]},
                )

    started = time.perf_counter()
    batch, count, first = [], 0, True
    for doc in ([] if reuse else documents()):
        batch.append(doc)
        if len(batch) == args.batch:  # never true with --batch 0
            engine.write(batch, replace_all=first)
            count, batch, first = count + len(batch), [], False
    if batch:
        engine.write(batch, replace_all=first)
        count += len(batch)
    build_seconds = time.perf_counter() - started
    if reuse:
        count, build_seconds = engine.document_count(), json.loads((work / "build.json").read_text())["seconds"]
    elif args.workdir:
        (work / "build.json").write_text(json.dumps({"seconds": build_seconds}))
        marker.write_text(json.dumps(wanted))
    size = sum(f.stat().st_size for f in (work / "index").rglob("*") if f.is_file())

    queries = json.loads(Path(args.queries).read_text(encoding="utf-8"))
    timings = []
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    for position, item in enumerate(queries):
        raw = {k: v if isinstance(v, list) else [v] for k, v in item["filters"].items()}
        filters = measure_filters_parse(raw).keys
        t0 = time.perf_counter()
        search_measures(item["query"], filters, semantic=False, with_facets=True, correct=False)
        elapsed = (time.perf_counter() - t0) * 1000
        if position >= args.warmup:
            timings.append(elapsed)
    if args.profile:
        import pstats

        profiler.disable()
        stats = pstats.Stats(profiler, stream=sys.stderr); stats.sort_stats("tottime").print_stats(15); stats.print_callees("search_measures")
    timings.sort()
    result = {
        "engine": "tantivy-py 0.27 + Python German analysis (search_measures, lexical, all facets)",
        "documents": count,
        "index_build_seconds": round(build_seconds, 1),
        "index_size_mb": round(size / 1e6, 1),
        "queries": len(timings),
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(timings[int(0.95 * len(timings)) - 1], 2),
    }
    print(json.dumps(result, indent=2))
    if not args.workdir:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
