"""Remind editors of published measures not checked for six months (run daily by cron or a systemd timer)."""

from django.core.management.base import BaseCommand

from wissensspeicher.measures.services.editorial import measures_check_remind


class Command(BaseCommand):
    help = "E-mail editors whose published measures were last checked six months ago or earlier (once per measure and period)."

    def handle(self, *args, **options):
        sent = measures_check_remind()
        self.stdout.write(f"{sent} reminder e-mail(s) sent.")
