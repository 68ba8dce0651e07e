"""The plan as data: the CSV rows and the API's shape, from the same selector."""

from . import selectors

HEADER = [
    "recommendation",
    "recommendation_text",
    "concerns",
    "priority",
    "action_text",
    "owner",
    "due_date",
    "measure_of_success",
    "status",
    "dropped_reason",
    "overdue",
    "evidence",
    "report_version",
]


def rows(assessment) -> list[list]:
    """One row per action; a recommendation with no action yet gets one row with the action columns empty."""
    found = []
    for rec in selectors.plan(assessment)["recommendations"]:
        head = [rec.number, rec.text, rec.concerns, rec.get_priority_display()]
        actions = list(rec.actions.all())
        for action in actions:
            found.append(
                head
                + [
                    action.text,
                    action.owner.get_full_name() or action.owner.username,
                    action.due_date.isoformat(),
                    action.measure,
                    action.get_status_display(),
                    action.dropped_reason,
                    "yes" if action.overdue else "no",
                    "; ".join(doc.title for doc in action.evidence.all()),
                    rec.report.version,
                ]
            )
        if not actions:
            found.append(head + [""] * 8 + [rec.report.version])
    return found
