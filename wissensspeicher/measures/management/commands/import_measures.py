"""python manage.py import_measures FILE.jsonl"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from wissensspeicher.measures.services import measures_import


class Command(BaseCommand):
    help = "Import measures from a JSON Lines file (all lines are validated first; any error writes nothing)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to the .jsonl file ('-' for standard input)")
        parser.add_argument("--demo", action="store_true", help="Flag the records as fictional demo data")

    def handle(self, *args, **options):
        path = options["file"]
        try:
            if path == "-":
                import sys

                lines = sys.stdin.read().splitlines()
            else:
                with open(path, encoding="utf-8-sig") as handle:
                    lines = handle.read().splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"{path}: cannot read file: {exc}") from exc
        report = measures_import(lines, is_demo=options["demo"])
        for warning in report.warnings:
            self.stderr.write(f"warning: {warning}")
        if report.errors:
            for error in report.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(report.errors)} error(s) in {path}; nothing was imported.")
        self.stdout.write(
            f"Imported {report.created + report.updated} measure(s): {report.created} created, "
            f"{report.updated} updated, {len(report.warnings)} warning(s)."
        )
