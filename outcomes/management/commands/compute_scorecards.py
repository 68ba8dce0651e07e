"""Compute and store every benchmark and organisation result from the stored indicator values."""

from django.core.management.base import BaseCommand

from outcomes.tasks import compute_scorecards


class Command(BaseCommand):
    help = "Compute scorecards now (in this process) or, with --queue, on a Celery worker."

    def add_arguments(self, parser):
        parser.add_argument("--queue", action="store_true", help="Send the work to a Celery worker")

    def handle(self, *args, queue: bool, **options):
        if queue:
            compute_scorecards.delay()
            self.stdout.write("Queued.")
            return
        self.stdout.write(self.style.SUCCESS(compute_scorecards.apply().get()))
