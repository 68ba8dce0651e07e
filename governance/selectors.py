"""Reads of the governance app for the self-assessment pages and the API."""

from assurance.models import Assessment

from .models import GovernanceDeclaration


def area_rows(assessment: Assessment) -> list[dict]:
    """Each governance area of the cycle with the PCT's declaration (or None)."""
    saved = {row.area_id: row for row in assessment.governance_declarations.all()}
    return [{"area": area, "row": saved.get(area.pk)} for area in assessment.cycle.governance_areas.all()]


def area_page(assessment: Assessment, area_id: int) -> dict:
    """What the area page shows: the area, the saved declaration (or a blank one) and the linked evidence."""
    area = assessment.cycle.governance_areas.get(pk=area_id)
    row = GovernanceDeclaration.objects.filter(assessment=assessment, area=area).first()
    return {
        "area": area,
        "row": row or GovernanceDeclaration(assessment=assessment, area=area),
        "linked": list(area.evidence_documents.filter(assessment=assessment)),
    }
