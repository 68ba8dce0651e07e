"""Demo governance self-declarations for the North West PCTs, consistent with their workflow state (idempotent)."""

import zlib

from django.contrib.auth import get_user_model
from django.db import transaction

from assurance import history
from assurance.choices import State
from assurance.models import Assessment

from .choices import Rag
from .models import GovernanceArea, GovernanceDeclaration

COMMENTARY = {
    Rag.GREEN: "In place, approved by the board and reviewed in year; no material gaps.",
    Rag.AMBER: "In place, with gaps the board knows of; an action plan reports to the audit committee.",
    Rag.RED: "Not yet in place; the board has agreed a recovery plan with the SHA.",
}
# Manchester's 2009-10 draft has its first areas completed and the rest not started.
MANCHESTER_COMPLETED = 3


def demo_rag(code: str, area: GovernanceArea) -> str:
    """A stable, plausible rating: mostly green, some amber, a rare red."""
    roll = zlib.crc32(f"{code}-{area.area}-{area.item}".encode()) % 10
    return Rag.GREEN if roll < 6 else Rag.AMBER if roll < 9 else Rag.RED


def _declare(assessment: Assessment, areas, by) -> int:
    count = 0
    for area in areas:
        if GovernanceDeclaration.objects.filter(assessment=assessment, area=area).exists():
            continue
        rag = demo_rag(assessment.organisation.code, area)
        row = GovernanceDeclaration(
            assessment=assessment, area=area, rag=rag, commentary=COMMENTARY[rag], completed=True
        )
        history.record(row, by=by)
        row.save()
        count += 1
    return count


@transaction.atomic
def load() -> str:
    """Declare every governance area for submitted and later assessments; Manchester's 2009-10 draft partly."""
    by = get_user_model().objects.filter(username="pct.lead").first()
    count = 0
    for assessment in Assessment.objects.filter(organisation__parent__code="Q31").select_related(
        "organisation", "cycle"
    ):
        areas = list(GovernanceArea.objects.filter(cycle=assessment.cycle))
        if assessment.state != State.DRAFT:
            count += _declare(assessment, areas, None)
        elif assessment.organisation.code == "5NT" and assessment.cycle.code == "2009-10":
            count += _declare(assessment, areas[:MANCHESTER_COMPLETED], by)
    return f"{count} governance declarations"
