"""python manage.py search_reindex: rebuild the lexical index and all embeddings; returns when both are complete."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from wissensspeicher.search.services import index_is_complete, search_reindex


class Command(BaseCommand):
    help = "Rebuild the search index from the database (lexical and semantic); returns when both are complete."

    def add_arguments(self, parser):
        parser.add_argument("--if-needed", action="store_true",
                            help="Do nothing when the index already holds every published measure and all embeddings exist")

    def handle(self, *args, **options):
        started = time.perf_counter()
        if options["if_needed"] and index_is_complete():
            self.stdout.write("Search index is complete; nothing to do.")
            return

        def progress(done: int, total: int) -> None:
            if done == total or done % 320 == 0:
                self.stdout.write(f"embedded {done}/{total}")

        result = search_reindex(progress=progress)
        semantic = "semantic index complete" if result["semantic"] else "semantic search unavailable (model not loaded)"
        self.stdout.write(
            f"Indexed {result['indexed']} measures, embedded {result['embedded']} ({semantic}) "
            f"in {time.perf_counter() - started:.1f} s."
        )
