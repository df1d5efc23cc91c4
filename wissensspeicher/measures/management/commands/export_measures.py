"""python manage.py export_measures FILE.jsonl"""

from __future__ import annotations

import json
import os
import sys
import tempfile

from django.core.management.base import BaseCommand, CommandError

from wissensspeicher.measures.selectors import measure_export_rows


class Command(BaseCommand):
    help = "Export every measure with an external_id as JSON Lines in the import format (includes contact e-mails)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path of the .jsonl file to write ('-' for standard output)")

    def handle(self, *args, **options):
        path = options["file"]
        if path == "-":
            count = self._write(sys.stdout)
        else:
            directory = os.path.dirname(os.path.abspath(path))
            # Write to a temporary file first so a failed export never leaves half a file behind.
            try:
                fd, tmp = tempfile.mkstemp(dir=directory, suffix=".tmp")
            except OSError as exc:
                raise CommandError(f"{path}: cannot write: {exc}") from exc
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    count = self._write(handle)
                os.replace(tmp, path)
            except BaseException:
                os.unlink(tmp)
                raise
            self.stdout.write(f"Exported {count} measure(s) to {path}.")

    @staticmethod
    def _write(handle) -> int:
        count = 0
        for row in measure_export_rows():
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
        return count
