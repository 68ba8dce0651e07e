"""The governance task of the self-assessment task list: every area rated and marked completed."""

from django.urls import reverse

from assurance.checklist import TaskItem, TaskStatus

from . import selectors

GOVERNANCE_ORDER = 300


def _rating(row) -> str:
    return row.get_rag_display() if row and row.rag else "not rated"


def status_of(row) -> TaskStatus:
    """One area's status on the governance page: completed, in progress once rated or commented, or not started."""
    return TaskStatus.of(completed=bool(row and row.completed), started=bool(row and (row.rag or row.commentary)))


def items(assessment) -> list[TaskItem]:
    rows = selectors.area_rows(assessment)
    done = sum(1 for entry in rows if entry["row"] and entry["row"].completed)
    started = sum(1 for entry in rows if entry["row"] and (entry["row"].rag or entry["row"].commentary))
    status = TaskStatus.of(completed=bool(rows) and done == len(rows), started=bool(started or done))
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
