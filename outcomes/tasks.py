"""Celery tasks of the outcomes app: compute and store scorecards, and run a web import."""

import logging

from celery import shared_task

from assurance.retry import TRANSIENT

from . import services

logger = logging.getLogger(__name__)

IMPORT_BUSY_RETRY_SECONDS = 30


@shared_task(acks_late=True, autoretry_for=TRANSIENT, retry_backoff=True, retry_backoff_max=300, max_retries=5)
def compute_scorecards(cycle_id: int | None = None) -> str:
    """Compute every benchmark from the stored values and upsert the results (a rerun changes nothing)."""
    summary = services.scorecards_compute(cycle_id=cycle_id)
    logger.info("scorecards computed: %s", summary)
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
