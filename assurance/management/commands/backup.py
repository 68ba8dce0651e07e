"""Back up the database and the evidence files into one folder (see assurance/backup.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from assurance import backup


class Command(BaseCommand):
    help = "Back up the database and evidence files into var/backups/<timestamp>/ (or BACKUP_DIR, or --folder)."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--folder", type=Path, help="write here instead (must not exist yet)")

    def handle(self, *args, folder=None, **options):
        written = backup.backup(folder)
        self.stdout.write(self.style.SUCCESS(f"Backed up to {written}"))
