"""python manage.py load_demo_data: load the fictional demo measures once."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wissensspeicher.measures.selectors import measure_demo_present
from wissensspeicher.measures.services import measures_import

DEMO_FILE = Path(settings.BASE_DIR) / "demo" / "measures.jsonl"


class Command(BaseCommand):
    help = "Load the demo measures (fictional examples) unless they are already loaded."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Load even in production settings or when already loaded")

    def handle(self, *args, **options):
        if not settings.WISSENSSPEICHER["LOAD_DEMO_DATA"] and not options["force"]:
            self.stdout.write("Demo data disabled (LOAD_DEMO_DATA is off); use --force to load it anyway.")
            return
        if measure_demo_present() and not options["force"]:
            self._accounts()
            self.stdout.write("Demo data already loaded; nothing to do.")
            return
        with DEMO_FILE.open(encoding="utf-8") as handle:
            report = measures_import(handle.read().splitlines(), is_demo=True)
        if report.errors:
            raise CommandError("Demo data is invalid:\n" + "\n".join(str(e) for e in report.errors))
        self.stdout.write(f"Loaded {report.created + report.updated} demo measures ({len(report.warnings)} warnings).")
        self._accounts()

    def _accounts(self):
        from wissensspeicher.accounts.demo import demo_accounts_load

        if demo_accounts_load():
            self.stdout.write("Loaded demo accounts (see README: moderation@, redaktion@, mitglied@demo.wissensspeicher.example).")
        from wissensspeicher.marketplace.demo import demo_pool_load

        loaded = demo_pool_load()
        if loaded:
            self.stdout.write(f"Loaded {loaded['places']} demo places and {loaded['postings']} demo postings.")
        from wissensspeicher.events.demo import demo_events_load

        events = demo_events_load()
        if events:
            self.stdout.write(f"Loaded {events} demo events.")
        from wissensspeicher.startsmart.demo import demo_startsmart_load

        interests = demo_startsmart_load()
        if interests:
            self.stdout.write(f"Loaded {interests} demo expressions of interest.")
        from wissensspeicher.communities.demo import demo_communities_load

        groups = demo_communities_load()
        if groups:
            self.stdout.write(f"Loaded {groups} demo peer learnings and working groups.")
