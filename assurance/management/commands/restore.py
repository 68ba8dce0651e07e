"""Restore the database and the evidence files from a backup folder, replacing what is there."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assurance import backup


class Command(BaseCommand):
    help = "Restore a folder written by `backup` (replaces the database and the evidence files), then verify it."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)

    def handle(self, *args, folder, **options):
        if not (folder / backup.MANIFEST).exists():
            raise CommandError(f"{folder} is not a backup folder (no {backup.MANIFEST}).")
        try:
            manifest = backup.restore(folder)
        except backup.RestoreMismatch as error:
            raise CommandError(str(error)) from error
        tables, files = len(manifest["tables"]), len(manifest["evidence"])
        self.stdout.write(self.style.SUCCESS(f"Restored {folder}: {tables} tables and {files} evidence files checked."))
