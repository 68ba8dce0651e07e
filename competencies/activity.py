"""The competencies' part of a self-assessment's activity: level, narrative, status and evidence changes."""

from assurance.activity import ActivityEntry, from_history, shown
from evidence.models import Evidence

from .models import Competency, CompetencyAssessment

FIELDS = {
    "level": shown("Level", lambda v: f"Level {v}" if v else ""),
    "narrative": shown("Narrative"),
    "completed": shown("Status", lambda v: "Completed" if v else "In progress"),
}
EVIDENCE_FIELDS = {
    "title": shown("Title"),
    "original_name": shown("File"),
    "document_date": shown("Date of the document", lambda v: f"{v:%d %B %Y}" if v else ""),
}


def entries(assessment) -> list[ActivityEntry]:
    names = {c.pk: f"Competency {c.number}: {c.short_name}" for c in Competency.objects.filter(cycle=assessment.cycle)}
    ratings = (
        CompetencyAssessment.history.filter(assessment_id=assessment.pk)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    documents = (
        Evidence.history.filter(assessment_id=assessment.pk)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    return [
        *from_history(ratings, fields=FIELDS, subject=lambda r: names.get(r.competency_id, "Competency")),
        *from_history(documents, fields=EVIDENCE_FIELDS, subject=lambda r: f"Evidence: {r.title}"),
    ]
