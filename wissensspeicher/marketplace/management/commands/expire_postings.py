"""python manage.py expire_postings: close postings past their date, remind owners a week before (run daily)."""

from django.core.management.base import BaseCommand

from wissensspeicher.marketplace.services.postings import postings_expire


class Command(BaseCommand):
    help = "Mark open postings past their 'valid until' date as expired and remind owners seven days before."

    def handle(self, *args, **options):
        counts = postings_expire()
        self.stdout.write(f"{counts['expired']} expired, {counts['reminded']} reminder(s) sent.")
