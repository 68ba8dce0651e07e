"""The PCT-in-cycle state machine: every allowed transition, and the ones that must be refused."""

import pytest

from assurance.choices import Action, State
from assurance.services import assessment_transition
from assurance.workflow import TRANSITIONS, TransitionRefused, allowed_actions, is_editable, next_state

ALLOWED = [
    (State.DRAFT, Action.SUBMIT, State.SUBMITTED),
    (State.SUBMITTED, Action.REOPEN, State.DRAFT),
    (State.SUBMITTED, Action.OPEN_REVIEW, State.IN_REVIEW),
    (State.IN_REVIEW, Action.SIGN_OFF, State.REPORTED),
    (State.REPORTED, Action.PUBLISH, State.PUBLISHED),
    (State.PUBLISHED, Action.WITHDRAW, State.REPORTED),
]


@pytest.mark.parametrize(("state", "action", "expected"), ALLOWED)
def test_it_allows_the_designed_transitions(state, action, expected):
    assert next_state(state, action) == expected


REFUSED = [(s, a) for s in State.values for a in Action.values if (s, a) not in TRANSITIONS]


@pytest.mark.parametrize(("state", "action"), REFUSED)
def test_it_refuses_every_other_transition(state, action):
    with pytest.raises(TransitionRefused):
        next_state(state, action)


def test_it_refuses_reopening_a_draft_and_submitting_twice():
    assert len(REFUSED) == len(State.values) * len(Action.values) - len(ALLOWED)
    with pytest.raises(TransitionRefused, match="Cannot reopen an assessment that is draft"):
        next_state(State.DRAFT, Action.REOPEN)
    with pytest.raises(TransitionRefused, match="Cannot submit an assessment that is submitted"):
        next_state(State.SUBMITTED, Action.SUBMIT)


def test_only_a_draft_is_editable():
    assert [s for s in State.values if is_editable(s)] == [State.DRAFT]
    assert allowed_actions(State.SUBMITTED) == [Action.REOPEN, Action.OPEN_REVIEW]


@pytest.fixture
def board_signed(world):
    """The board's sign-off, which every submission needs (development/board.py)."""
    from tests.competencies.helpers import sign_off_board

    sign_off_board(world.assessment, world.users["pct_lead"])


def test_submit_records_who_and_when_and_keeps_history(world, mailoutbox, board_signed):
    assessment = assessment_transition(assessment=world.assessment, action=Action.SUBMIT, by=world.users["pct_lead"])
    assert assessment.state == State.SUBMITTED
    assert assessment.submitted_by == world.users["pct_lead"]
    assert [h.state for h in assessment.history.all()] == [State.SUBMITTED, State.DRAFT]
    assert assessment.history.first().history_change_reason == "Submit"


def test_a_contributor_cannot_submit(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        assessment_transition(assessment=world.assessment, action=Action.SUBMIT, by=world.users["pct_contributor"])
    world.assessment.refresh_from_db()
    assert world.assessment.state == State.DRAFT


def test_submitting_twice_is_refused(world, board_signed):
    lead = world.users["pct_lead"]
    assessment_transition(assessment=world.assessment, action=Action.SUBMIT, by=lead)
    with pytest.raises(TransitionRefused):
        assessment_transition(assessment=world.assessment, action=Action.SUBMIT, by=lead)


def test_reopen_needs_the_sha_lead_and_a_reason(world, board_signed):
    from django.core.exceptions import PermissionDenied

    submitted = assessment_transition(assessment=world.assessment, action=Action.SUBMIT, by=world.users["pct_lead"])
    with pytest.raises(TransitionRefused, match="reason"):
        assessment_transition(assessment=submitted, action=Action.REOPEN, by=world.users["sha_lead"], reason=" ")
    with pytest.raises(PermissionDenied):
        assessment_transition(
            assessment=submitted,
            action=Action.REOPEN,
            by=world.users["other_sha_lead"],
            reason="Evidence missing",
        )
    reopened = assessment_transition(
        assessment=submitted,
        action=Action.REOPEN,
        by=world.users["sha_lead"],
        reason="Evidence for competency 5 is missing",
    )
    assert reopened.state == State.DRAFT
    assert reopened.reopen_reason == "Evidence for competency 5 is missing"
