"""Build the demo data: users for every role and PCTs in each workflow state (idempotent)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from assurance.discovery import hook_modules


class Command(BaseCommand):
    help = "Create demo users and data (safe to run again; all marked as demo)."

    def handle(self, *args, **options):
        call_command("load_reference", stdout=self.stdout)
        with transaction.atomic():
            for module in hook_modules("demo"):
                summary = module.load()
                self.stdout.write(f"{module.__name__}: {summary}")
        self.stdout.write(self.style.SUCCESS("Demo data ready. Password for every demo login: commissioning-demo"))
