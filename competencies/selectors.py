"""Reads of the competencies app for the self-assessment pages and the API."""

from assurance.models import Assessment
from evidence.models import Evidence

from . import jsna
from .models import CompetencyAssessment, JointNeedsAssessment


def previous_levels(assessment: Assessment) -> dict[int, int | None]:
    """The PCT's self-assessed level in the previous cycle, by competency number."""
    previous = assessment.cycle.previous
    if previous is None:
        return {}
    rows = CompetencyAssessment.objects.filter(
        assessment__organisation_id=assessment.organisation_id, assessment__cycle=previous
    ).values_list("competency__number", "level")
    return dict(rows)


def competency_rows(assessment: Assessment) -> list[dict]:
    """Each competency of the cycle with the PCT's self-assessment of it (or None) and its previous level."""
    saved = {row.competency_id: row for row in assessment.competency_assessments.all()}
    previous = previous_levels(assessment)
    return [
        {"competency": c, "row": saved.get(c.pk), "previous_level": previous.get(c.number)}
        for c in assessment.cycle.competencies.all()
    ]


def competency_page(assessment: Assessment, number: int) -> dict:
    """What the competency page shows: the competency, its descriptors, the saved row, previous level, evidence,
    and, on the competency the framework marks as holding it, the PCT's latest joint strategic needs assessment."""
    competency = assessment.cycle.competencies.prefetch_related("descriptors").get(number=number)
    row = CompetencyAssessment.objects.filter(assessment=assessment, competency=competency).first()
    holds_jsna = competency.holds_joint_needs_assessment
    return {
        "competency": competency,
        "row": row or CompetencyAssessment(assessment=assessment, competency=competency),
        "previous_level": previous_levels(assessment).get(number),
        "linked": list(competency.evidence_documents.filter(assessment=assessment)),
        "joint_needs_assessment": jsna.latest_for_pct(assessment.organisation) if holds_jsna else None,
    }


def evidence_list(assessment: Assessment):
    """The assessment's evidence documents with what each supports."""
    return (
        Evidence.objects.filter(assessment=assessment)
        .select_related("uploaded_by")
        .prefetch_related("competencies", "governance_areas")
    )


def document_uses(document: Evidence) -> dict:
    """What removing a document would unlink: the competencies and governance areas it supports, and any joint
    strategic needs assessment published as it."""
    competencies = [f"Competency {c.number}: {c.short_name}" for c in document.competencies.order_by("number")]
    areas = [a.name for a in document.governance_areas.order_by("order")]
    joint = list(JointNeedsAssessment.objects.filter(document=document).values_list("title", flat=True))
    return {"supports": competencies + areas, "joint_needs": joint}
