"""The PCT-in-cycle workflow (docs/architecture.md) as an explicit state machine, with no database access."""

from .choices import Action, State

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
