"""The PCT-in-cycle workflow (docs/architecture.md) as an explicit state machine, with no database access."""

from datetime import date, timedelta

from django.utils import timezone

from .choices import Action, State

# How long a PCT may change its assessment after the SHA reopens it once the cycle's deadline has passed.
REOPEN_DAYS = 14

# (state, action) -> next state. Anything absent is refused.
TRANSITIONS: dict[tuple[str, str], str] = {
    (State.DRAFT, Action.SUBMIT): State.SUBMITTED,
    (State.SUBMITTED, Action.REOPEN): State.DRAFT,
    (State.SUBMITTED, Action.OPEN_REVIEW): State.IN_REVIEW,
    (State.IN_REVIEW, Action.SIGN_OFF): State.REPORTED,
    (State.REPORTED, Action.PUBLISH): State.PUBLISHED,
    (State.PUBLISHED, Action.WITHDRAW): State.REPORTED,
}


class TransitionRefused(Exception):
    """A workflow action that the current state does not allow."""


def next_state(state: str, action: str) -> str:
    """Return the state that `action` leads to from `state`, or raise TransitionRefused."""
    try:
        return TRANSITIONS[(state, action)]
    except KeyError:
        raise TransitionRefused(
            f"Cannot {Action(action).label.lower()} an assessment that is {State(state).label.lower()}."
        ) from None


def allowed_actions(state: str) -> list[str]:
    """The actions the workflow allows from `state` (before any permission check)."""
    return [action for (from_state, action) in TRANSITIONS if from_state == state]


def is_editable(state: str) -> bool:
    """Whether the PCT may still change its self-assessment."""
    return state == State.DRAFT


def cycle_closed(cycle, today: date | None = None) -> bool:
    """Whether the cycle's submission deadline has passed (a cycle without a deadline never closes)."""
    deadline = cycle.submission_deadline
    return deadline is not None and (today or timezone.localdate()) > deadline


def past_deadline(assessment, today: date | None = None) -> bool:
    """Whether the cycle's deadline has passed for this PCT: after it only a reopening by the SHA (which sets
    `extended_until`) lets the PCT change its assessment, until the end of that day."""
    today = today or timezone.localdate()
    if not cycle_closed(assessment.cycle, today):
        return False
    return assessment.extended_until is None or today > assessment.extended_until


def closed_reason(assessment, today: date | None = None) -> str:
    """Why the PCT can no longer change its assessment ("" while it can: a draft before its deadline)."""
    if not is_editable(assessment.state):
        return f"The self-assessment was {assessment.get_state_display().lower()} and can no longer be changed."
    if past_deadline(assessment, today):
        cycle = assessment.cycle
        passed = f"The {cycle.code} deadline ({_day(cycle.submission_deadline)}) has passed"
        if assessment.extended_until is not None:
            passed += f" and the SHA's extension ended on {_day(assessment.extended_until)}"
        return passed + ": the self-assessment can no longer be changed unless the SHA reopens it."
    return ""


def _day(when: date) -> str:
    return f"{when.day} {when:%B %Y}"


def may_change(assessment, today: date | None = None) -> bool:
    """Whether the PCT may still change its assessment: a draft, before the deadline or within the SHA's extension."""
    return not closed_reason(assessment, today)


def extension_after_reopening(assessment, today: date | None = None) -> date | None:
    """The date a reopening lets the PCT change its assessment until: None while the deadline has not passed."""
    today = today or timezone.localdate()
    return today + timedelta(days=REOPEN_DAYS) if cycle_closed(assessment.cycle, today) else None


def may_reopen(assessment, today: date | None = None) -> bool:
    """Whether the SHA can reopen the assessment: a submission, or a draft the deadline has closed."""
    return assessment.state == State.SUBMITTED or (assessment.state == State.DRAFT and past_deadline(assessment, today))
