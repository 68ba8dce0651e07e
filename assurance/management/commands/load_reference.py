"""Load organisations, cycles, frameworks and indicators from fixtures/ (idempotent)."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from assurance.discovery import hook_modules


class Command(BaseCommand):
    help = "Load organisations, cycles, frameworks and indicators from fixtures/ (safe to run again)."

    def handle(self, *args, **options):
        with transaction.atomic():
            for module in hook_modules("reference"):
                summary = module.load(settings.FIXTURES_DIR)
                self.stdout.write(f"{module.__name__}: {summary}")
        self.stdout.write(self.style.SUCCESS("Reference data loaded."))
