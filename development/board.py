"""The board's sign-off of the self-assessment: recorded by the PCT, required before it submits."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from assurance import history
from assurance.assessments import StaleEdit, lock_for_edit

from .models import BoardSignOff

MISSING = (
    "Record the board's sign-off before submitting: the date of the board meeting that approved the "
    "self-assessment and trajectories, the minute reference, and the minute attached as evidence."
)
NO_MINUTE = "Attach the board's minute as evidence: the document recorded as the minute has been removed."


def problems(assessment) -> list[str]:
    """What stops a submission for want of the board's sign-off ([] when recorded in full)."""
    found = BoardSignOff.objects.filter(assessment=assessment).first()
    if found is None:
        return [MISSING]
    return [] if found.is_complete else [NO_MINUTE]


def board_sign_off_save(*, assessment, by, version: int, meeting_date, minute_reference: str, minute) -> BoardSignOff:
    """Record or change the board's sign-off (the PCT's people, while the self-assessment is a draft)."""
    errors = {}
    if meeting_date is not None and meeting_date > timezone.localdate():
        errors["meeting_date"] = "The board meeting must be today or in the past"
    if not (minute_reference or "").strip():
        errors["minute_reference"] = "Enter the minute reference"
    if minute is None:
        errors["minute"] = "Choose the document that is the board's minute"
    elif minute.assessment_id != assessment.pk:
        errors["minute"] = "Choose a document of this self-assessment"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = lock_for_edit(assessment, by)
        row = BoardSignOff.objects.select_for_update().filter(assessment=locked).first()
        if row is not None and row.version != version:
            raise StaleEdit(row)
        row = row or BoardSignOff(assessment=locked, version=0)
        row.meeting_date, row.minute_reference, row.minute = meeting_date, minute_reference.strip(), minute
        row.recorded_by, row.version = by, row.version + 1
        history.record(row, by=by)
        row.save()
    return row
