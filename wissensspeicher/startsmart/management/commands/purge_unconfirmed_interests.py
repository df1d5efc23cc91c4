"""python manage.py purge_unconfirmed_interests: delete expressions of interest never confirmed by e-mail (run daily)."""

from django.core.management.base import BaseCommand

from wissensspeicher.startsmart.services import UNCONFIRMED_RETENTION_DAYS, expressions_of_interest_purge_unconfirmed


class Command(BaseCommand):
    help = f"Delete expressions of interest whose e-mail address was not confirmed within {UNCONFIRMED_RETENTION_DAYS} days."

    def handle(self, *args, **options):
        deleted = expressions_of_interest_purge_unconfirmed()
        self.stdout.write(f"{deleted} unconfirmed expression(s) of interest deleted.")
