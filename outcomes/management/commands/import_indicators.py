"""Import a CSV or Excel file of indicator values (docs/outcomes.md, "Importing values"): all of it, or nothing."""

from django.core.management.base import BaseCommand, CommandError

from outcomes.services import import_values


class Command(BaseCommand):
    help = "Import indicator values from a CSV or Excel file; a file with any problem is refused whole."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to a .csv (UTF-8) or .xlsx file")
        parser.add_argument("--source", default="", help="Where the values come from (shown beside them)")

    def handle(self, *args, file: str, source: str, **options):
        try:
            result = import_values(file, source=source)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from error
        if result.refused:
            for problem in result.errors:
                self.stderr.write(str(problem))
            if result.problem_count > len(result.errors):
                self.stderr.write(f"and {result.problem_count - len(result.errors)} more problem(s), not listed")
            raise CommandError(f"Refused {file}: {result.problem_count} problem(s); nothing was imported.")
        self.stdout.write(self.style.SUCCESS(f"Imported {file}: {result.summary()}."))
