"""Writes of the assurance app: workflow transitions of a PCT in a cycle."""

from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from rest_framework.authtoken.models import Token

from assurance import history

from . import access, checklist, workflow
from .choices import Action, Role, State
from .models import Assessment, Cycle, Membership, Organisation
from .workflow import TransitionRefused, next_state

# Sent after a transition commits, with assessment, action and by: other apps react (rollups, emails).
assessment_transitioned = Signal()

# The access action each workflow action needs.
PERMISSION = {
    Action.SUBMIT: access.SUBMIT,
    Action.REOPEN: access.REOPEN,
    Action.OPEN_REVIEW: access.RATE_AGREED,
    Action.SIGN_OFF: access.RATE_AGREED,
    Action.PUBLISH: access.MANAGE_DATA,
    Action.WITHDRAW: access.MANAGE_DATA,
}


def assessment_get_or_start(*, organisation: Organisation, cycle: Cycle) -> Assessment:
    """The PCT's assessment for the cycle, created in draft on first use."""
    assessment, _ = Assessment.objects.get_or_create(organisation=organisation, cycle=cycle)
    assessment.organisation, assessment.cycle = organisation, cycle  # the pages read both: no second fetch
    return assessment


def assessment_transition(*, assessment: Assessment, action: str, by, reason: str = "") -> Assessment:
    """Move an assessment through the workflow, checking permission and state under a row lock."""
    if action == Action.REOPEN and not reason.strip():
        raise TransitionRefused("Give a reason for reopening: the PCT will see it.")
    if by is not None:
        access.require(by, PERMISSION[Action(action)], assessment.organisation)
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().select_related("cycle").get(pk=assessment.pk)
        if action == Action.SUBMIT and locked.state == State.DRAFT and workflow.past_deadline(locked):
            raise TransitionRefused(workflow.closed_reason(locked))
        if action == Action.SUBMIT and locked.state == State.DRAFT:
            problems = checklist.submission_problems(locked)
            if problems:
                raise TransitionRefused(" ".join(problems))
        locked.state = next_state(locked.state, action)
        if action == Action.SUBMIT:
            locked.submitted_at, locked.submitted_by = timezone.now(), by
        if action == Action.REOPEN:
            locked.reopen_reason = reason.strip()
            locked.extended_until = workflow.extension_after_reopening(locked) or locked.extended_until
        locked.version += 1
        history.record(locked, reason=reason.strip() or Action(action).label)
        locked.save()
        transaction.on_commit(lambda: assessment_transitioned.send(Assessment, assessment=locked, action=action, by=by))
    return locked


def assessment_reopen(*, assessment: Assessment, by, reason: str) -> Assessment:
    """The SHA reopens a PCT's assessment: a submission goes back to draft; after the cycle's deadline, a draft
    (submitted or not) may be changed for `workflow.REOPEN_DAYS` more days (`extended_until`)."""
    if assessment.state != State.DRAFT:
        return assessment_transition(assessment=assessment, action=Action.REOPEN, by=by, reason=reason)
    access.require(by, access.REOPEN, assessment.organisation)
    if not reason.strip():
        raise TransitionRefused("Give a reason for reopening: the PCT will see it.")
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().select_related("cycle").get(pk=assessment.pk)
        until = workflow.extension_after_reopening(locked)
        if locked.state != State.DRAFT or until is None:
            raise TransitionRefused(
                "The self-assessment is a draft the PCT can still change: there is nothing to reopen."
            )
        locked.extended_until, locked.reopen_reason, locked.version = until, reason.strip(), locked.version + 1
        history.record(locked, reason=reason.strip())
        locked.save()
        transaction.on_commit(lambda: _email_pct_reopened(locked, by))
    return locked


def _notify_sha_on_submit(sender, *, assessment, action, by, **kwargs) -> None:
    """Email the SHA assurance leads when a PCT submits."""
    if action != Action.SUBMIT:
        return
    leads = Membership.objects.filter(organisation=assessment.organisation.parent, role=Role.SHA_LEAD)
    recipients = [m.user.email for m in leads.select_related("user") if m.user.email]
    if recipients:
        send_mail(
            subject=f"{assessment.organisation.name} submitted its {assessment.cycle.code} self-assessment",
            message=(
                f"{assessment.organisation.name} ({assessment.organisation.code}) submitted its self-assessment "
                f"for {assessment.cycle.code} on {timezone.localtime(assessment.submitted_at):%d %B %Y at %H:%M}."
            ),
            from_email=None,
            recipient_list=recipients,
        )


def _email_pct_reopened(assessment, by) -> None:
    """Email the PCT's people (lead and contributors) that the SHA reopened their self-assessment, and why."""
    members = Membership.objects.filter(
        organisation=assessment.organisation, role__in=[Role.PCT_LEAD, Role.PCT_CONTRIBUTOR]
    )
    recipients = sorted({m.user.email for m in members.select_related("user") if m.user.email})
    if not recipients:
        return
    who = (by.get_full_name() or by.username) if by is not None else "The SHA"
    until = assessment.extended_until
    send_mail(
        subject=f"{assessment.organisation.parent.name} reopened your {assessment.cycle.code} self-assessment",
        message=(
            f"{who} at {assessment.organisation.parent.name} reopened the {assessment.cycle.code} self-assessment of "
            f"{assessment.organisation.name} so that you can change it.\n\nReason: {assessment.reopen_reason}\n\n"
            + (f"You can change it until {until:%d %B %Y}. " if until else "")
            + "The PCT lead submits it again when it is ready."
        ),
        from_email=None,
        recipient_list=recipients,
    )


def _notify_pct_on_reopen(sender, *, assessment, action, by, **kwargs) -> None:
    """Email the PCT when the SHA reopens its submission."""
    if action == Action.REOPEN:
        _email_pct_reopened(assessment, by)


assessment_transitioned.connect(_notify_sha_on_submit, dispatch_uid="notify_sha_on_submit")
assessment_transitioned.connect(_notify_pct_on_reopen, dispatch_uid="notify_pct_on_reopen")


def issue_api_token(*, user) -> Token:
    """Give the user a new API token, replacing any old one (its key stops working at once)."""
    if not access.may_hold_api_token(user):
        raise PermissionDenied("Only DH analysts can create API tokens.")
    with transaction.atomic():
        Token.objects.filter(user=user).delete()
        return Token.objects.create(user=user)


def revoke_api_token(*, user) -> bool:
    """Delete the user's API token; True when there was one."""
    deleted, _ = Token.objects.filter(user=user).delete()
    return bool(deleted)
