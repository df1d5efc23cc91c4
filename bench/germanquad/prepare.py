"""Turn the GermanQuAD retrieval split (see SOURCE.md; CC BY 4.0, deepset) into benchmark inputs.

Writes, from docs/queries/qrels.normalized.jsonl next to this file:

- measures.jsonl: one measure per passage in the import format (docs/import-format.md):
  external_id "gq-<doc id>", title "<article>: <section>" from the passage's first lines,
  summary = the first ~400 characters of the passage body cut at a word boundary, description =
  the full passage text; model project, state, municipality and taxonomy are constants (the
  import requires them; they carry no meaning here);
- queries.json: the search batch, [{"id": "<query id>", "query": "...", "filters": {}}, ...];
- qrels.json: {"<query id>": ["gq-<doc id>", ...]}, the relevant passages per query.

    .venv/bin/python bench/germanquad/prepare.py [--out-dir bench/out/germanquad]
    .venv/bin/python manage.py import_measures bench/out/germanquad/measures.jsonl
    .venv/bin/python manage.py search_measures --batch bench/out/germanquad/queries.json --json \
        > bench/out/germanquad/results.json
    .venv/bin/python bench/germanquad/evaluate.py --qrels bench/out/germanquad/qrels.json \
        --results bench/out/germanquad/results.json
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

# Valid constant metadata so that the import accepts every passage.
CONSTANTS = {
    "model_project": "Solingen",
    "municipalities": ["Solingen"],
    "state": "Nordrhein-Westfalen",
    "fields_of_action": ["Bildung"],
    "spatial_impact": "Gesamtstadt",
    "status": "Abgeschlossen",
}
TITLE_MAX, SUMMARY_TARGET, SUMMARY_MAX = 200, 400, 500
HEADING = re.compile(r"^=+\s*(.*?)\s*=+$")


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def article_name(first_line: str) -> str:
    """Wikipedia page id as a title: "Materie__Physik_" -> "Materie (Physik)", "FC_Barcelona" -> "FC Barcelona"."""
    name = first_line.strip()
    if name.endswith("_") and "__" in name:
        base, _, qualifier = name.partition("__")
        name = f"{base} ({qualifier[:-1]})"
    return name.replace("_", " ").strip()


def cut(text: str, target: int, limit: int) -> str:
    """At most about `target` characters (never more than `limit`), cut at a word boundary."""
    if len(text) <= target:
        return text
    head = text[: target + 1]
    space = head.rfind(" ")
    head = head[:space] if space > target // 2 else text[:target]
    head = head.rstrip(" ,;:")
    return (head if head.endswith((".", "!", "?")) else head + " …")[:limit]


def passage_to_measure(doc: dict) -> dict:
    """One passage as a measure in the import format."""
    text = doc["text"]
    lines = text.split("\n")
    title = doc.get("title", "").strip() or article_name(lines[0])
    body_lines = lines[1:]
    while body_lines and not body_lines[0].strip():
        body_lines.pop(0)
    if body_lines and (heading := HEADING.match(body_lines[0].strip())):
        title = f"{title}: {heading.group(1)}"
        body_lines.pop(0)
    if not title:
        title = " ".join(text.split()[:12])
    body = " ".join(" ".join(body_lines).replace("''", "").split()) or " ".join(text.split())
    return {
        "external_id": f"gq-{doc['doc_id']}",
        "title": cut(title, TITLE_MAX - 2, TITLE_MAX),
        "summary": cut(body, SUMMARY_TARGET, SUMMARY_MAX),
        "description": text,
        **CONSTANTS,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=HERE, help="directory with the *.normalized.jsonl files")
    parser.add_argument("--out-dir", type=Path, default=ROOT / "bench" / "out" / "germanquad")
    args = parser.parse_args(argv)

    docs = read_jsonl(args.data_dir / "docs.normalized.jsonl")
    queries = read_jsonl(args.data_dir / "queries.normalized.jsonl")
    qrels_rows = read_jsonl(args.data_dir / "qrels.normalized.jsonl")

    doc_ids = {doc["doc_id"] for doc in docs}
    qrels: dict[str, list[str]] = {}
    for row in qrels_rows:
        if row.get("relevance", 1) > 0 and row["doc_id"] in doc_ids:
            qrels.setdefault(row["query_id"], []).append(f"gq-{row['doc_id']}")
    batch = [
        {"id": q["query_id"], "query": " ".join(q["query_text"].split()), "filters": {}}
        for q in queries
        if q["query_id"] in qrels
    ]

    args.out_dir.mkdir(parents=True, exist_ok=True)
    with (args.out_dir / "measures.jsonl").open("w", encoding="utf-8") as out:
        for doc in docs:
            out.write(json.dumps(passage_to_measure(doc), ensure_ascii=False) + "\n")
    (args.out_dir / "queries.json").write_text(json.dumps(batch, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (args.out_dir / "qrels.json").write_text(json.dumps(qrels, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({
        "measures": len(docs),
        "queries": len(batch),
        "queries_without_qrels": len(queries) - len(batch),
        "qrels": sum(len(v) for v in qrels.values()),
        "out_dir": str(args.out_dir),
    }))


if __name__ == "__main__":
    main()
