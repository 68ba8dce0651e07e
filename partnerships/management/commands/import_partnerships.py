"""Import PCT-council partnerships from a CSV file, whole or not at all."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from partnerships.services import partnerships_import


class Command(BaseCommand):
    help = "Import partnerships (pct_ods_code, council_ons_code, population_share, coterminous) from a CSV file."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, **options):
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        result = partnerships_import(file_bytes=path.read_bytes())
        if result.errors:
            for error in result.errors:
                self.stderr.write(str(error))
            if result.more_problems:
                self.stderr.write(f"and {result.more_problems} more problem(s), not listed")
            raise CommandError(f"{path.name} refused: {result.problem_count} problem(s); nothing was imported.")
        self.stdout.write(self.style.SUCCESS(f"{path.name}: {result}"))
