"""Writes of the development app: recommendations, actions, their updates and comments.

Every write checks access (`development.access`), refuses a locked plan, checks the version the form was loaded
with (a save over someone else's newer change raises `StaleEdit` with the current row) and is kept in history.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from assurance import history
from assurance.assessments import StaleEdit

from . import access
from .choices import NoteKind, Status
from .models import Action, ActionNote, Recommendation


def _check_item(assessment, competency, area) -> None:
    if competency is not None and area is not None:
        raise ValidationError({"concerns": "Choose one competency or one governance area, not both"})
    if competency is not None and competency.cycle_id != assessment.cycle_id:
        raise ValidationError({"concerns": "Choose a competency of this cycle"})
    if area is not None and area.cycle_id != assessment.cycle_id:
        raise ValidationError({"concerns": "Choose a governance area of this cycle"})


def _require_recommendations_open(by, assessment) -> None:
    access.require_chair(by, assessment)
    reason = access.recommendations_open(assessment)
    if reason:
        raise ValidationError(reason)


def recommendation_add(*, assessment, by, text: str, competency=None, area=None, priority: str) -> Recommendation:
    """The chair adds a recommendation to the report being written (a draft until the report is signed off)."""
    _require_recommendations_open(by, assessment)
    _check_item(assessment, competency, area)
    if not text.strip():
        raise ValidationError({"text": "Enter the recommendation"})
    with transaction.atomic():
        last = Recommendation.objects.select_for_update().filter(assessment=assessment).aggregate(n=Max("number"))
        rec = Recommendation(
            assessment=assessment,
            number=(last["n"] or 0) + 1,
            text=text.strip(),
            competency=competency,
            area=area,
            priority=priority,
            created_by=by,
        )
        history.record(rec, by=by)
        rec.save()
    return rec


def recommendation_save(
    *, recommendation: Recommendation, by, version: int, text: str, competency=None, area=None, priority: str
) -> Recommendation:
    """The chair changes a draft recommendation; one already signed off never changes."""
    _require_recommendations_open(by, recommendation.assessment)
    _check_item(recommendation.assessment, competency, area)
    if not text.strip():
        raise ValidationError({"text": "Enter the recommendation"})
    with transaction.atomic():
        locked = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
        if locked.is_fixed:
            raise ValidationError("This recommendation is part of a signed-off report and cannot change.")
        if locked.version != version:
            raise StaleEdit(locked)
        locked.text, locked.competency, locked.area, locked.priority = text.strip(), competency, area, priority
        locked.version += 1
        history.record(locked, by=by)
        locked.save()
    return locked


def recommendation_remove(*, recommendation: Recommendation, by) -> None:
    """The chair removes a draft recommendation."""
    _require_recommendations_open(by, recommendation.assessment)
    with transaction.atomic():
        locked = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
        if locked.is_fixed:
            raise ValidationError("This recommendation is part of a signed-off report and cannot be removed.")
        history.record(locked, by=by)
        locked.delete()


def on_report_signed_off(sender, report, by=None, **kwargs) -> None:
    """The draft recommendations become the plan's, fixed to the version just signed off (same transaction)."""
    for rec in Recommendation.objects.select_for_update().filter(assessment=report.assessment, report__isnull=True):
        rec.report = report
        history.record(rec, by=by)
        rec.save(update_fields=["report"])


def _signed_off_on(recommendation: Recommendation):
    report = recommendation.report
    assert report is not None, "only a fixed recommendation (one with its signed-off report) has a date"
    return timezone.localdate(report.signed_off_at)


def _check_action(recommendation: Recommendation, *, owner, due_date) -> None:
    """An action's owner is a person of the PCT; it falls due no earlier than the report's sign-off."""
    errors = {}
    organisation = recommendation.assessment.organisation
    if owner is not None and not access.is_pct_user(owner, organisation):
        errors["owner"] = f"Choose a person of {organisation.name}"
    signed = _signed_off_on(recommendation)
    if due_date is not None and due_date < signed:
        errors["due_date"] = f"The due date must be on or after the report's sign-off ({signed:%d %B %Y})"
    if errors:
        raise ValidationError(errors)


def _fixed(recommendation: Recommendation) -> Recommendation:
    if not recommendation.is_fixed:
        raise ValidationError("Actions are for recommendations of a signed-off report.")
    return recommendation


def action_create(*, recommendation: Recommendation, by, text: str, owner, due_date, measure: str) -> Action:
    """The PCT lead turns a recommendation into an action."""
    access.require(by, recommendation.assessment, access.MANAGE)
    _check_action(_fixed(recommendation), owner=owner, due_date=due_date)
    action = Action(
        recommendation=recommendation, text=text, owner=owner, due_date=due_date, measure=measure, created_by=by
    )
    history.record(action, by=by)
    with transaction.atomic():
        action.save()
    return action


def _lock(action: Action, version: int) -> Action:
    locked = Action.objects.select_for_update(of=("self",)).select_related("recommendation__report").get(pk=action.pk)
    if locked.version != version:
        raise StaleEdit(locked)
    return locked


def action_edit(*, action: Action, by, version: int, text: str, owner, due_date, measure: str) -> Action:
    """The PCT lead changes what an action is: its text, owner, due date and measure of success."""
    access.require(by, action.recommendation.assessment, access.MANAGE)
    with transaction.atomic():
        locked = _lock(action, version)
        _check_action(locked.recommendation, owner=owner, due_date=due_date)
        locked.text, locked.owner, locked.due_date, locked.measure = text, owner, due_date, measure
        locked.version += 1
        history.record(locked, by=by)
        locked.save()
    return locked


def action_update(
    *, action: Action, by, version: int, status: str, dropped_reason: str = "", note: str = "", evidence=None
) -> Action:
    """The PCT records where an action stands: its status, a progress note and the evidence behind it."""
    assessment = action.recommendation.assessment
    access.require(by, assessment, access.UPDATE)
    if status not in Status.values:
        raise ValidationError({"status": "Choose a status"})
    dropped_reason = (dropped_reason or "").strip() if status == Status.DROPPED else ""
    if status == Status.DROPPED and not dropped_reason:
        raise ValidationError({"dropped_reason": "Give the reason for dropping this action"})
    evidence = list(evidence or [])
    foreign = [doc for doc in evidence if doc.assessment.organisation_id != assessment.organisation_id]
    if foreign:
        raise ValidationError({"evidence": "Choose evidence of this PCT"})
    with transaction.atomic():
        locked = _lock(action, version)
        locked.status, locked.dropped_reason = status, dropped_reason
        locked.version += 1
        history.record(locked, by=by)
        locked.save()
        locked.evidence.set(evidence)
        if note.strip():
            ActionNote.objects.create(action=locked, kind=NoteKind.PROGRESS, author=by, text=note.strip())
    return locked


def action_comment(*, action: Action, by, text: str) -> ActionNote:
    """The SHA lead comments on an action."""
    access.require(by, action.recommendation.assessment, access.COMMENT)
    if not text.strip():
        raise ValidationError({"text": "Enter your comment"})
    return ActionNote.objects.create(action=action, kind=NoteKind.COMMENT, author=by, text=text.strip())
