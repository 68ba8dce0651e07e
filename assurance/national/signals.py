"""Recompute rollups after a report is signed off, ratings are published or withdrawn, or scorecards are stored."""

from contextvars import ContextVar

from assurance.choices import Action
from assurance.services import assessment_transitioned
from outcomes.signals import scorecards_stored

TRIGGERS = {Action.SIGN_OFF, Action.PUBLISH, Action.WITHDRAW}

# Set while a service transitions many assessments at once; it queues one computation itself afterwards.
in_batch: ContextVar[bool] = ContextVar("national_rollups_in_batch", default=False)


def _queue_rollups(sender, *, assessment, action, **kwargs) -> None:
    """Queue the rollups of the assessment's cycle (the signal is sent after the transition commits)."""
    if action not in TRIGGERS or in_batch.get():
        return
    from .tasks import compute_rollups

    compute_rollups.delay(assessment.cycle_id)


def _queue_after_scorecards(sender=None, **kwargs) -> None:
    """New benchmark results change the outcome counts and report cards of every cycle."""
    from .tasks import compute_all_rollups

    compute_all_rollups.delay()


assessment_transitioned.connect(_queue_rollups, dispatch_uid="national_queue_rollups")
scorecards_stored.connect(_queue_after_scorecards, dispatch_uid="national_queue_after_scorecards")
