"""python manage.py import_postings FILE.jsonl: import offers and needs (marketplace format, docs/import-format.md)."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError

from wissensspeicher.marketplace.services import postings_import


class Command(BaseCommand):
    help = "Import postings from JSON Lines; all lines are checked first and nothing is written if any is wrong."

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSON Lines file, or - for standard input")

    def handle(self, *args, **options):
        path = options["file"]
        try:
            handle = sys.stdin if path == "-" else open(path, encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror}") from exc
        with handle:
            try:
                lines = handle.read().splitlines()
            except UnicodeDecodeError as exc:
                raise CommandError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
        report = postings_import(lines)
        for warning in report.warnings:
            self.stderr.write(f"warning: {warning}")
        if report.errors:
            for error in report.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(report.errors)} problem(s); nothing was imported.")
        self.stdout.write(f"{report.created} created, {report.updated} updated, {report.places_created} new place(s).")
