"""The governance part of a self-assessment's activity: rating, commentary and status changes."""

from assurance.activity import ActivityEntry, from_history, shown

from .choices import Rag
from .models import GovernanceArea, GovernanceDeclaration

FIELDS = {
    "rag": shown("Rating", lambda v: Rag(v).label if v else ""),
    "commentary": shown("Commentary"),
    "completed": shown("Status", lambda v: "Completed" if v else "In progress"),
}


def entries(assessment) -> list[ActivityEntry]:
    names = {a.pk: f"Governance: {a.name}" for a in GovernanceArea.objects.filter(cycle=assessment.cycle)}
    records = (
        GovernanceDeclaration.history.filter(assessment_id=assessment.pk)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    return from_history(records, fields=FIELDS, subject=lambda r: names.get(r.area_id, "Governance"))
