"""The outcomes app's line in the self-assessment task list."""

from django.urls import reverse

from assurance.checklist import COMPLETED, IN_PROGRESS, NOT_STARTED, TaskItem

from . import services
from .models import PriorityOutcome


def items(assessment) -> list[TaskItem]:
    """ "Priority outcomes": complete when the choice meets the cycle's rules and every trajectory is set."""
    outcomes = list(PriorityOutcome.objects.filter(assessment=assessment).select_related("indicator"))
    if not outcomes:
        status = NOT_STARTED
    elif all(o.is_complete for o in outcomes) and not services.check_choice(
        assessment, [o.indicator for o in outcomes]
    ):
        status = COMPLETED
    else:
        status = IN_PROGRESS
    url = reverse(
        "outcomes:priority_outcomes", kwargs={"code": assessment.organisation.code, "cycle": assessment.cycle.code}
    )
    hint = f"Up to {assessment.cycle.max_outcomes}, with a baseline and a five-year trajectory for each"
    answers = tuple(_answer(o) for o in outcomes) or ("No outcomes chosen",)
    return [
        TaskItem(
            section="Health outcomes", order=10, title="Priority outcomes", url=url, status=status, hint=hint,
            answers=answers,
        )
    ]  # fmt: skip


def _answer(outcome) -> str:
    """One chosen outcome as the "check your answers" page shows it: its baseline and the last year's aim."""
    name, unit = outcome.indicator.name, outcome.indicator.unit
    if not outcome.trajectory:
        return f"{name}: no trajectory set"
    base = f"baseline {round(outcome.baseline, 2):g}" if outcome.baseline is not None else "no baseline"
    aims = ", ".join(f"{round(v, 2):g}" for v in outcome.trajectory)
    return f"{name} ({unit}): {base}; aims {aims}"
