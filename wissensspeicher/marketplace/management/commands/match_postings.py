"""python manage.py match_postings EXTERNAL_ID [...] --json: the best open postings of the opposite kind."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from wissensspeicher.marketplace.models import Posting
from wissensspeicher.search.postings import match_postings


class Command(BaseCommand):
    help = "Print the open postings of the opposite kind that match each given posting, best first."

    def add_arguments(self, parser):
        parser.add_argument("external_ids", nargs="+")
        parser.add_argument("--limit", type=int, default=20)
        parser.add_argument("--json", action="store_true", help="print one JSON object (the evaluation format)")

    def handle(self, *args, **options):
        postings = dict(Posting.objects.filter(external_id__in=options["external_ids"]).values_list("external_id", "id"))
        missing = [e for e in options["external_ids"] if e not in postings]
        if missing:
            raise CommandError(f"unknown posting(s): {', '.join(missing)}")
        external = dict(Posting.objects.exclude(external_id=None).values_list("id", "external_id"))
        result = {}
        for external_id in options["external_ids"]:
            ranked = match_postings(postings[external_id], limit=options["limit"])
            result[external_id] = [external.get(pid, str(pid)) for pid, _score in ranked]
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        else:
            for external_id, ids in result.items():
                self.stdout.write(f"{external_id}: {' '.join(ids)}")
