"""The governance task of the self-assessment task list: every area rated and marked completed."""

from django.urls import reverse

from assurance.checklist import COMPLETED, IN_PROGRESS, NOT_STARTED, TaskItem

from . import selectors

GOVERNANCE_ORDER = 300


def _rating(row) -> str:
    return row.get_rag_display() if row and row.rag else "not rated"


def items(assessment) -> list[TaskItem]:
    rows = selectors.area_rows(assessment)
    done = sum(1 for entry in rows if entry["row"] and entry["row"].completed)
    started = sum(1 for entry in rows if entry["row"] and (entry["row"].rag or entry["row"].commentary))
    status = COMPLETED if rows and done == len(rows) else IN_PROGRESS if started or done else NOT_STARTED
    return [
        TaskItem(
            section="Governance",
            order=GOVERNANCE_ORDER,
            title="Governance declarations",
            url=reverse("governance:index", args=[assessment.cycle.code, assessment.organisation.code]),
            status=status,
            hint=f"{done} of {len(rows)} areas completed",
            answers=tuple(f"{entry['area'].name}: {_rating(entry['row'])}" for entry in rows),
        )
    ]
