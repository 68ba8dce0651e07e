"""Celery tasks of the outcomes app: compute and store scorecards, and run a web import."""

import logging

from celery import chord, shared_task

from assurance.retry import TRANSIENT

from . import services

logger = logging.getLogger(__name__)

IMPORT_BUSY_RETRY_SECONDS = 30
PARTS_MISSING_RETRY_SECONDS = 5


@shared_task(
    bind=True, acks_late=True, autoretry_for=TRANSIENT, retry_backoff=True, retry_backoff_max=300, max_retries=5
)
def compute_scorecards(self, cycle_id: int | None = None) -> str:
    """Compute every benchmark from the stored values and upsert the results (a rerun changes nothing).

    On PostgreSQL the work is split into groups of indicators (``SCORECARD_PARTS``), one task each, which workers
    on any machine run side by side; once all are done, ``store_scorecard_run`` stores them at once. This task is
    replaced by that chord, so its result (and its id's) is the store's.
    """
    if not services.scorecards_in_parts():
        summary = services.scorecards_compute(cycle_id=cycle_id)
        logger.info("scorecards computed: %s", summary)
        return summary
    run = services.scorecard_run_start(cycle_id=cycle_id)
    if run is None:
        return services.scorecards_compute(cycle_id=cycle_id)  # no values, or too few to be worth splitting
    return self.replace(parts_chord(run))


def parts_chord(run) -> chord:
    """The run's parts, side by side, then storing them all: a chord (the store runs once every part succeeded)."""
    parts = [compute_scorecard_part.si(part_id) for part_id in run.part_set.values_list("pk", flat=True)]
    return chord(parts, store_scorecard_run.si(run.pk))


@shared_task(acks_late=True, autoretry_for=TRANSIENT, retry_backoff=True, retry_backoff_max=300, max_retries=5)
def compute_scorecard_part(part_id: int) -> str:
    """Compute one group of indicators and stage its results (all of them or none; again if its worker died)."""
    summary = services.scorecard_part_compute(part_id=part_id)
    logger.info("scorecard %s", summary)
    return summary


@shared_task(
    bind=True, acks_late=True, autoretry_for=TRANSIENT, retry_backoff=True, retry_backoff_max=300, max_retries=5
)
def store_scorecard_run(self, run_id: int) -> str:
    """Store a run's staged parts in one transaction; ``scorecards_stored`` follows once committed."""
    try:
        summary = services.scorecard_run_store(run_id=run_id)
    except services.PartsMissing as missing:  # a part counted twice: its redelivery is still on its way
        raise self.retry(exc=missing, countdown=PARTS_MISSING_RETRY_SECONDS, max_retries=360) from missing
    logger.info("scorecards %s", summary)
    return summary


@shared_task(
    bind=True, acks_late=True, autoretry_for=TRANSIENT, retry_backoff=True, retry_backoff_max=300, max_retries=5
)
def run_import(self, job_id: int) -> str:
    """Import the file of one ImportJob, recording progress and the result on the job.

    A second delivery while another worker still runs the job (the broker's visibility timeout passed) asks again
    later rather than importing twice; if that worker has died by then, this delivery takes the job over.
    """
    outcome = services.import_job_run(job_id=job_id)
    if outcome == services.BUSY and not self.request.is_eager:  # run in-process, nothing could run it meanwhile
        raise self.retry(countdown=IMPORT_BUSY_RETRY_SECONDS, max_retries=None)
    return outcome
