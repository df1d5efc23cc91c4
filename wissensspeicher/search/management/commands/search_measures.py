"""python manage.py search_measures "QUERY" [filters] --json, or --batch FILE --json (scripted evaluation)."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from wissensspeicher.measures.models import Measure
from wissensspeicher.measures.selectors import measure_filters_parse
from wissensspeicher.search.selectors import search_measures


def _filters(raw: dict) -> dict[str, list]:
    params = {key: value if isinstance(value, list) else [value] for key, value in raw.items() if value}
    parsed = measure_filters_parse(params)
    if parsed.unknown:
        raise CommandError("unknown filter value(s): " + "; ".join(f"{k}: {', '.join(v)}" for k, v in parsed.unknown.items()))
    return parsed.keys


class Command(BaseCommand):
    help = "Search measures through the search seam and print the ranking."

    def add_arguments(self, parser):
        parser.add_argument("query", nargs="?", default="")
        parser.add_argument("--state")
        parser.add_argument("--field-of-action", action="append", dest="fields_of_action")
        parser.add_argument("--status")
        parser.add_argument("--spatial-impact")
        parser.add_argument("--solution-type", action="append", dest="solution_types")
        parser.add_argument("--target-group", action="append", dest="target_groups")
        parser.add_argument("--limit", type=int, default=20)
        parser.add_argument("--batch", help="JSON file: list of {id, query, filters}")
        parser.add_argument("--json", action="store_true", help="Print JSON (the only output format so far)")
        parser.add_argument("--lexical", action="store_true", help="Lexical ranking only (for comparison)")

    def handle(self, *args, **options):
        if options["batch"]:
            try:
                with open(options["batch"], encoding="utf-8") as handle:
                    batch = json.load(handle)
            except (OSError, ValueError) as exc:
                raise CommandError(f"{options['batch']}: {exc}") from exc
            output = {}
            limit = max(options["limit"], 20)
            for number, item in enumerate(batch, start=1):
                if not isinstance(item, dict) or "id" not in item or "query" not in item:
                    raise CommandError(f"item {number}: needs 'id' and 'query'")
                result = search_measures(item["query"], _filters(item.get("filters") or {}), per_page=limit,
                                         with_facets=False, semantic=not options["lexical"], fill=True)
                output[str(item["id"])] = self._external_ids(result)
            self.stdout.write(json.dumps(output, ensure_ascii=False))
            return
        filters = _filters({key: options[key] for key in ("state", "fields_of_action", "status", "spatial_impact", "solution_types", "target_groups")})
        result = search_measures(options["query"], filters, per_page=options["limit"], with_facets=False,
                                 semantic=not options["lexical"], fill=True)
        found = {pk: (external_id, title) for pk, external_id, title in
                 Measure.objects.filter(id__in=[h.measure_id for h in result.hits]).values_list("id", "external_id", "title")}
        rows = [{"external_id": found[h.measure_id][0], "title": found[h.measure_id][1], "score": round(h.score, 6)}
                for h in result.hits if h.measure_id in found]
        self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=None if options["json"] else 2))

    @staticmethod
    def _external_ids(result) -> list[str]:
        ids = dict(Measure.objects.filter(id__in=[h.measure_id for h in result.hits]).values_list("id", "external_id"))
        return [ids[h.measure_id] for h in result.hits if ids.get(h.measure_id)]
