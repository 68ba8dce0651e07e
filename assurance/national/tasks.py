"""Celery jobs of the national app: compute and store a cycle's rollups, peer groups and report cards."""

from celery import shared_task

from assurance.models import Cycle
from assurance.retry import TRANSIENT


@shared_task(acks_late=True, autoretry_for=TRANSIENT, retry_backoff=True, retry_backoff_max=300, max_retries=5)
def compute_rollups(cycle_id: int) -> str:
    """Compute and store the cycle's rollups, peer groups and report cards (a rerun changes nothing)."""
    from .services import rollups_refresh

    return rollups_refresh(cycle=Cycle.objects.get(pk=cycle_id))


@shared_task(acks_late=True, autoretry_for=TRANSIENT, retry_backoff=True, max_retries=5)
def compute_all_rollups() -> int:
    """Queue the rollups of every cycle (the beat schedule's catch-all)."""
    ids = list(Cycle.objects.values_list("pk", flat=True))
    for cycle_id in ids:
        compute_rollups.delay(cycle_id)
    return len(ids)
