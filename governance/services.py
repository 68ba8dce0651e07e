"""Writes of the governance app: a PCT's self-declaration of a governance area."""

from django.db import transaction

from assurance import history
from assurance.assessments import StaleEdit, lock_for_edit
from assurance.models import Assessment
from evidence.services import link_evidence

from .models import GovernanceArea, GovernanceDeclaration


def declaration_save(
    *,
    assessment: Assessment,
    area: GovernanceArea,
    by,
    version: int,
    rag: str,
    commentary: str,
    completed: bool,
    evidence=(),
) -> GovernanceDeclaration:
    """Save the PCT's rating and commentary of an area, unless someone saved since `version` was read."""
    with transaction.atomic():
        locked = lock_for_edit(assessment, by)
        # The assessment row is locked, so no one else can create this row meanwhile: one history record per save.
        row = GovernanceDeclaration.objects.filter(assessment=locked, area=area).first()
        row = row or GovernanceDeclaration(assessment=locked, area=area)
        if row.version != version:
            raise StaleEdit(row)
        row.rag, row.commentary, row.completed = rag, commentary.strip(), completed
        row.version += 1
        history.record(row, by=by)
        row.save()
        link_evidence(assessment=locked, relation="governance_areas", target=area, chosen=evidence)
    return row
