"""PostgreSQL full-text search baseline for the measure search: ranked top 20 plus all facet counts.

Loads a corpus in the import format (bench/search/generate_corpus.py) into one plain table with
COPY, adds a stored generated tsvector column (config `german`; title weight A, summary B,
description C) with a GIN index, plus ordinary indexes on the filter columns, then runs each
benchmark query (search batch format: {"id", "query", "filters"}) as a faceted search UI would:

1. top 20 by ts_rank for websearch_to_tsquery('german', query) AND all filters;
2. one statement with the total and the counts per state, status, spatial_impact, field of action,
   solution type and target group over the matching rows, each dimension counted with the other
   filters applied but not its own (so the UI can show how many results choosing another value
   would give).

Prints one JSON object: load time, index build time (tsvector column + GIN), sizes, p50/p95
latency of 1+2 (after the warm-up queries) and how many rows the queries match (with all filters,
and the text query alone). Not a test: nothing here asserts. The table is dropped and rebuilt unless
--reuse is given.

Throwaway PostgreSQL 15 cluster (as root; everything lives in one temp dir), run, clean up:

    PGTMP=$(mktemp -d /tmp/pgbench.XXXXXX) && chown postgres: "$PGTMP"
    runuser -u postgres -- /usr/lib/postgresql/15/bin/initdb -D "$PGTMP/data" -A trust -U postgres
    runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$PGTMP/data" -l "$PGTMP/log" \\
        -o "-p 54400 -k $PGTMP -c listen_addresses=127.0.0.1" -w start
    runuser -u postgres -- /usr/lib/postgresql/15/bin/createdb -h 127.0.0.1 -p 54400 -U postgres bench

    .venv/bin/python bench/search/generate_corpus.py --count 100000 --out bench/out/corpus-100k.jsonl \\
        --seed 1 --queries 500 --queries-out bench/out/queries-500.json
    .venv/bin/python bench/search/pg_baseline.py --database-url postgres://postgres@127.0.0.1:54400/bench \\
        --corpus bench/out/corpus-100k.jsonl --queries bench/out/queries-500.json

    runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$PGTMP/data" -m fast -w stop
    rm -rf "$PGTMP"

Options: --warmup N (default 10), --results-out FILE writes {"<query id>": [external_id, ...]} in
rank order, the same shape as `manage.py search_measures --batch FILE --json`, for comparisons.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import psycopg
from psycopg import sql

SCALAR_DIMENSIONS = ("state", "status", "spatial_impact")
ARRAY_DIMENSIONS = ("fields_of_action", "solution_types", "target_groups")
DIMENSIONS = SCALAR_DIMENSIONS + ARRAY_DIMENSIONS
COLUMNS = ("external_id", "title", "summary", "description", "model_project", *DIMENSIONS)


def create_table(conn: psycopg.Connection, table: str) -> None:
    """Drop and create the plain table (no text-search column yet)."""
    t = sql.Identifier(table)
    conn.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(t))
    conn.execute(
        sql.SQL(
            """CREATE TABLE {} (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                external_id text NOT NULL UNIQUE,
                title text NOT NULL,
                summary text NOT NULL,
                description text NOT NULL,
                model_project text NOT NULL,
                state text NOT NULL,
                status text NOT NULL,
                spatial_impact text NOT NULL,
                fields_of_action text[] NOT NULL,
                solution_types text[] NOT NULL DEFAULT '{{}}',
                target_groups text[] NOT NULL DEFAULT '{{}}'
            )"""
        ).format(t)
    )


def load_corpus(conn: psycopg.Connection, table: str, corpus: Path) -> int:
    """COPY the corpus line by line (bounded memory); returns the number of rows."""
    rows = 0
    copy_sql = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, COLUMNS))
    )
    with conn.cursor() as cur, cur.copy(copy_sql) as copy, corpus.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            r = json.loads(line)
            copy.write_row([
                r["external_id"], r["title"], r["summary"], r["description"], r["model_project"],
                r["state"], r["status"], r["spatial_impact"], r["fields_of_action"],
                r.get("solution_types") or [], r.get("target_groups") or [],
            ])
            rows += 1
    return rows


def build_indexes(conn: psycopg.Connection, table: str) -> dict[str, float]:
    """Add the generated tsvector column and the indexes; returns seconds per step."""
    t = sql.Identifier(table)
    timings: dict[str, float] = {}

    def step(name: str, statement: sql.Composable) -> None:
        started = time.perf_counter()
        conn.execute(statement)
        timings[name] = round(time.perf_counter() - started, 2)

    step("tsvector_column_seconds", sql.SQL(
        """ALTER TABLE {} ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
               setweight(to_tsvector('german', title), 'A')
               || setweight(to_tsvector('german', summary), 'B')
               || setweight(to_tsvector('german', description), 'C')
           ) STORED"""
    ).format(t))
    step("gin_index_seconds", sql.SQL("CREATE INDEX {} ON {} USING gin (tsv)").format(
        sql.Identifier(f"{table}_tsv"), t))
    started = time.perf_counter()
    for column in SCALAR_DIMENSIONS:
        conn.execute(sql.SQL("CREATE INDEX {} ON {} ({})").format(
            sql.Identifier(f"{table}_{column}"), t, sql.Identifier(column)))
    for column in ARRAY_DIMENSIONS:
        conn.execute(sql.SQL("CREATE INDEX {} ON {} USING gin ({})").format(
            sql.Identifier(f"{table}_{column}"), t, sql.Identifier(column)))
    timings["filter_indexes_seconds"] = round(time.perf_counter() - started, 2)
    step("vacuum_analyze_seconds", sql.SQL("VACUUM (ANALYZE) {}").format(t))
    timings["index_build_seconds"] = round(timings["tsvector_column_seconds"] + timings["gin_index_seconds"], 2)
    return timings


def filter_conditions(filters: dict) -> tuple[list[tuple[str, sql.Composable]], dict[str, list[str]]]:
    """(dimension, SQL condition) per filter, matching any of its values, and the named parameters."""
    conditions, params = [], {}
    for i, (dimension, values) in enumerate(filters.items()):
        name = f"p{i}"
        params[name] = [values] if isinstance(values, str) else list(values)
        column, placeholder = sql.Identifier(dimension), sql.Placeholder(name)
        if dimension in SCALAR_DIMENSIONS:
            conditions.append((dimension, sql.SQL("{} = ANY({})").format(column, placeholder)))
        elif dimension in ARRAY_DIMENSIONS:
            conditions.append((dimension, sql.SQL("{} && {}::text[]").format(column, placeholder)))
        else:
            raise ValueError(f"unknown filter {dimension!r}")
    return conditions, params


def top_query(table: str, conditions: list[tuple[str, sql.Composable]]) -> sql.Composable:
    """Ranked top 20 for the text query %(q)s with all filters."""
    where = [sql.SQL("tsv @@ q"), *(condition for _, condition in conditions)]
    return sql.SQL(
        "SELECT external_id FROM {}, websearch_to_tsquery('german', %(q)s) AS q WHERE {} "
        "ORDER BY ts_rank(tsv, q) DESC, id LIMIT 20"
    ).format(sql.Identifier(table), sql.SQL(" AND ").join(where))


def facet_query(table: str, conditions: list[tuple[str, sql.Composable]]) -> sql.Composable:
    """Total plus counts per value of every dimension, each with the other filters applied.

    One pass: the CTE holds the text matches that fail at most one filter (the only rows any count
    needs) with one boolean per filter; each dimension then counts the rows passing all filters
    except its own.
    """
    flags = [(dimension, sql.Identifier(f"f{i}")) for i, (dimension, _) in enumerate(conditions)]
    where = [sql.SQL("tsv @@ websearch_to_tsquery('german', %(q)s)")]
    if len(conditions) == 2:  # "fails at most one of two" = "passes either": the planner can OR bitmaps
        where.append(sql.SQL("({} OR {})").format(*(c for _, c in conditions)))
    elif len(conditions) > 2:
        where.append(sql.SQL("({}) <= 1").format(
            sql.SQL(" + ").join(sql.SQL("(NOT {})::int").format(c) for _, c in conditions)))

    def passing(skip: str | None) -> sql.Composable:
        names = [name for dimension, name in flags if dimension != skip]
        return sql.SQL(" AND ").join(names) if names else sql.SQL("true")

    parts = [sql.SQL("SELECT 'total', NULL, count(*) FROM hits WHERE {}").format(passing(None))]
    for dimension in SCALAR_DIMENSIONS:
        parts.append(sql.SQL("SELECT {}, {}, count(*) FROM hits WHERE {} GROUP BY 2").format(
            sql.Literal(dimension), sql.Identifier(dimension), passing(dimension)))
    for dimension in ARRAY_DIMENSIONS:
        parts.append(sql.SQL("SELECT {}, v, count(*) FROM hits, unnest({}) AS v WHERE {} GROUP BY 2").format(
            sql.Literal(dimension), sql.Identifier(dimension), passing(dimension)))
    columns = [*map(sql.Identifier, DIMENSIONS)]
    columns += [sql.SQL("{} AS {}").format(c, name) for (_, c), (_, name) in zip(conditions, flags)]
    return sql.SQL("WITH hits AS MATERIALIZED (SELECT {} FROM {} WHERE {}) {}").format(
        sql.SQL(", ").join(columns),
        sql.Identifier(table),
        sql.SQL(" AND ").join(where),
        sql.SQL(" UNION ALL ").join(parts),
    )


def run_query(conn: psycopg.Connection, table: str, entry: dict) -> tuple[list[str], dict, float, float]:
    """Top ids, facets {dimension: {value: count}} and the seconds of the two statements."""
    conditions, params = filter_conditions(entry.get("filters") or {})
    params["q"] = entry["query"]
    top_sql, facet_sql = top_query(table, conditions), facet_query(table, conditions)
    with conn.cursor() as cur:
        started = time.perf_counter()
        cur.execute(top_sql, params)
        ids = [row[0] for row in cur.fetchall()]
        middle = time.perf_counter()
        cur.execute(facet_sql, params)
        facets: dict[str, dict] = {}
        for dimension, value, count in cur.fetchall():
            facets.setdefault(dimension, {})[value] = count
        finished = time.perf_counter()
    return ids, facets, middle - started, finished - middle


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def summary_ms(seconds: list[float]) -> dict[str, float]:
    ms = [s * 1000 for s in seconds]
    return {
        "p50": round(percentile(ms, 50), 2),
        "p95": round(percentile(ms, 95), 2),
        "p99": round(percentile(ms, 99), 2),
        "mean": round(statistics.fmean(ms), 2),
        "max": round(max(ms), 2),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True, help="postgres://user@host:port/db")
    parser.add_argument("--corpus", type=Path, required=True, help="measures, import format (.jsonl)")
    parser.add_argument("--queries", type=Path, required=True, help="search batch (.json)")
    parser.add_argument("--table", default="bench_measures")
    parser.add_argument("--warmup", type=int, default=10, help="queries run (and discarded) before timing")
    parser.add_argument("--maintenance-work-mem", default="256MB", help="for the index builds")
    parser.add_argument("--reuse", action="store_true", help="keep an existing loaded and indexed table")
    parser.add_argument("--results-out", type=Path, help="write {query id: [external_id, ...]}")
    args = parser.parse_args(argv)

    queries = json.loads(args.queries.read_text(encoding="utf-8"))
    report: dict = {"corpus": str(args.corpus), "queries_file": str(args.queries)}
    with psycopg.connect(args.database_url, autocommit=True) as conn:
        report["server"] = conn.execute("SHOW server_version").fetchone()[0]
        conn.execute(sql.SQL("SET maintenance_work_mem = {}").format(sql.Literal(args.maintenance_work_mem)))
        report["settings"] = {
            name: conn.execute(sql.SQL("SHOW {}").format(sql.Identifier(name))).fetchone()[0]
            for name in ("shared_buffers", "work_mem", "maintenance_work_mem", "max_parallel_workers_per_gather")
        }
        exists = conn.execute("SELECT to_regclass(%s) IS NOT NULL", [args.table]).fetchone()[0]
        if not (args.reuse and exists):
            create_table(conn, args.table)
            started = time.perf_counter()
            report["rows_loaded"] = load_corpus(conn, args.table, args.corpus)
            report["load_seconds"] = round(time.perf_counter() - started, 2)
            report.update(build_indexes(conn, args.table))
        t = sql.Identifier(args.table)
        report["rows"] = conn.execute(sql.SQL("SELECT count(*) FROM {}").format(t)).fetchone()[0]
        size_row = conn.execute(
            "SELECT pg_table_size(%s), pg_indexes_size(%s), pg_total_relation_size(%s), pg_relation_size(%s)",
            [args.table, args.table, args.table, f"{args.table}_tsv"],
        ).fetchone()
        report["size_bytes"] = dict(zip(("table", "indexes", "total", "gin_tsv_index"), size_row))
        report["size_mb"] = {key: round(value / 2**20, 1) for key, value in report["size_bytes"].items()}

        for entry in queries[: args.warmup]:
            run_query(conn, args.table, entry)
        totals, tops, facet_times, matches, results = [], [], [], [], {}
        for entry in queries:
            ids, facets, top_s, facet_s = run_query(conn, args.table, entry)
            tops.append(top_s)
            facet_times.append(facet_s)
            totals.append(top_s + facet_s)
            matches.append(facets.get("total", {}).get(None, 0))
            results[entry["id"]] = ids
        text_matches = [  # untimed: how many rows the text query alone matches (what facets scan)
            conn.execute(
                sql.SQL("SELECT count(*) FROM {} WHERE tsv @@ websearch_to_tsquery('german', %s)").format(t),
                [entry["query"]],
            ).fetchone()[0]
            for entry in queries
        ]
    report["queries"] = len(queries)
    report["warmup"] = min(args.warmup, len(queries))
    report["latency_ms_query_plus_facets"] = summary_ms(totals)
    report["latency_ms_top20"] = summary_ms(tops)
    report["latency_ms_facets"] = summary_ms(facet_times)
    report["matches"] = {
        "median": statistics.median(matches),
        "p95": percentile(matches, 95),
        "max": max(matches),
        "zero_share": round(sum(1 for m in matches if m == 0) / len(matches), 3),
        "at_least_20_share": round(sum(1 for m in matches if m >= 20) / len(matches), 3),
        "text_only_median": statistics.median(text_matches),
        "text_only_p95": percentile(text_matches, 95),
    }
    if args.results_out:
        args.results_out.parent.mkdir(parents=True, exist_ok=True)
        args.results_out.write_text(json.dumps(results, ensure_ascii=False) + "\n", encoding="utf-8")
    json.dump(report, sys.stdout, indent=2, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()
