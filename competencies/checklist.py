"""Tasks of the self-assessment task list: one per competency, and the evidence."""

from django.urls import reverse

from assurance.checklist import COMPLETED, IN_PROGRESS, NOT_STARTED, TaskItem

from . import selectors

COMPETENCY_ORDER, EVIDENCE_ORDER = 200, 400


def status_of(row) -> str:
    """A competency's task status from its saved self-assessment (None when never saved)."""
    if row is None or (row.level is None and not row.narrative):
        return NOT_STARTED
    return COMPLETED if row.completed else IN_PROGRESS


def _answers(row) -> tuple[str, ...]:
    """The level and the start of the narrative, as the "check your answers" page shows them."""
    if row is None:
        return ("Not answered",)
    level = f"Level {row.level}" if row.level else "No level chosen"
    narrative = " ".join(row.narrative.split())
    return (
        (level, narrative if len(narrative) <= 200 else narrative[:200].rsplit(" ", 1)[0] + "…")
        if narrative
        else (level,)
    )


def items(assessment) -> list[TaskItem]:
    args = [assessment.cycle.code, assessment.organisation.code]
    tasks = [
        TaskItem(
            section="Competencies",
            order=COMPETENCY_ORDER + entry["competency"].number,
            title=f"{entry['competency'].number}. {entry['competency'].short_name}",
            url=reverse("competencies:competency", args=[*args, entry["competency"].number]),
            status=status_of(entry["row"]),
            hint=f"{assessment.cycle.previous.code}: level {entry['previous_level']}"
            if entry["previous_level"]
            else "",
            answers=_answers(entry["row"]),
        )
        for entry in selectors.competency_rows(assessment)
    ]
    titles = list(assessment.evidence.order_by("title").values_list("title", flat=True))
    count = len(titles)
    tasks.append(
        TaskItem(
            section="Evidence",
            order=EVIDENCE_ORDER,
            title="Evidence documents",
            url=reverse("competencies:evidence", args=args),
            status=COMPLETED if count else NOT_STARTED,
            hint=f"{count} document{'s' if count != 1 else ''}",
            answers=tuple(titles) or ("No documents uploaded",),
        )
    )
    return tasks
