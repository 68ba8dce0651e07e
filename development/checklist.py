"""The board's sign-off as a task of the self-assessment task list, last before submitting."""

from django.urls import reverse

from assurance.checklist import COMPLETED, IN_PROGRESS, NOT_STARTED, TaskItem

from .models import BoardSignOff

BOARD_ORDER = 900


def items(assessment) -> list[TaskItem]:
    found = BoardSignOff.objects.filter(assessment=assessment).first()
    status = NOT_STARTED if found is None else COMPLETED if found.is_complete else IN_PROGRESS
    hint = (
        f"Board meeting {found.meeting_date:%d %B %Y}, minute {found.minute_reference}"
        if found
        else "The board meeting that approved the self-assessment, with its minute"
    )
    return [
        TaskItem(
            section="Board sign-off",
            order=BOARD_ORDER,
            title="Board sign-off",
            url=reverse("development:board_sign_off", args=[assessment.cycle.code, assessment.organisation.code]),
            status=status,
            hint=hint,
        )
    ]
