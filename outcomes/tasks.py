"""Celery tasks of the outcomes app: compute and store scorecards, and run a web import."""

import logging

from celery import shared_task

from assurance.retry import TRANSIENT

from . import services

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, autoretry_for=TRANSIENT, retry_backoff=True, retry_backoff_max=300, max_retries=5)
def compute_scorecards(cycle_id: int | None = None) -> str:
    """Compute every benchmark from the stored values and upsert the results (a rerun changes nothing)."""
    summary = services.scorecards_compute(cycle_id=cycle_id)
    logger.info("scorecards computed: %s", summary)
    return summary


@shared_task(acks_late=True, autoretry_for=TRANSIENT, retry_backoff=True, retry_backoff_max=300, max_retries=5)
def run_import(job_id: int) -> str:
    """Import the file of one ImportJob, recording progress and the result on the job."""
    return services.import_job_run(job_id=job_id)
