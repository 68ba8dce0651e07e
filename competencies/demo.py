"""Demo self-assessments of competencies for the North West PCTs, consistent with their workflow state (idempotent)."""

import datetime
import zlib

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction

from assurance import history
from assurance.choices import State
from assurance.models import Assessment
from evidence.models import Evidence

from .jsna_demo import load as load_jsna
from .models import Competency, CompetencyAssessment

# Manchester's 2009-10 draft is partly filled: these competencies completed, the next one in progress.
MANCHESTER_COMPLETED = (1, 2, 3, 4, 5)
MANCHESTER_IN_PROGRESS = 6

EVIDENCE = [
    (
        "Board minutes: approval of the strategic plan",
        "board-minutes-2009-03.txt",
        datetime.date(2009, 3, 26),
        (1, 4),
        "Minutes of the PCT board meeting of 26 March 2009.\n\nItem 7: the board approved the five-year strategic "
        "plan for commissioning, after engagement with the council, practices and the public.\n",
    ),
    (
        "Joint strategic needs assessment summary",
        "jsna-summary-2009.txt",
        datetime.date(2009, 6, 30),
        (2, 5),
        "Summary of the joint strategic needs assessment, prepared with the city council.\n\nPriorities: life "
        "expectancy gap, childhood obesity, alcohol-related admissions, smoking in pregnancy.\n",
    ),
]


def demo_level(code: str, number: int, cycle_code: str) -> int:
    """A stable, plausible level: mostly 1-2 in 2008-09, and the same or one better in 2009-10."""
    base = 1 + zlib.crc32(f"{code}-{number}".encode()) % 2
    if cycle_code == "2008-09":
        return base
    return min(4, base + zlib.crc32(f"{code}-{number}-up".encode()) % 2)


def narrative(competency: Competency, level: int, organisation) -> str:
    return (
        f"{organisation.name} rates itself at level {level} on {competency.short_name.lower()}. "
        f"The board has reviewed the evidence listed below and agrees this rating. Next: an action plan to reach "
        f"level {min(4, level + 1)}, with named leads and quarterly reports to the board."
    )


def _fill(assessment: Assessment, numbers, completed: bool, by) -> int:
    count = 0
    for competency in Competency.objects.filter(cycle=assessment.cycle, number__in=numbers):
        if CompetencyAssessment.objects.filter(assessment=assessment, competency=competency).exists():
            continue
        level = demo_level(assessment.organisation.code, competency.number, assessment.cycle.code)
        row = CompetencyAssessment(
            assessment=assessment,
            competency=competency,
            level=level,
            narrative=narrative(competency, level, assessment.organisation),
            completed=completed,
        )
        history.record(row, by=by)
        row.save()
        count += 1
    return count


def _evidence(assessment: Assessment, by) -> int:
    count = 0
    for title, name, date, numbers, text in EVIDENCE:
        if Evidence.objects.filter(assessment=assessment, title=title).exists():
            continue
        document = Evidence(
            assessment=assessment,
            title=title,
            original_name=name,
            content_type="text/plain",
            size=len(text.encode()),
            document_date=date,
            uploaded_by=by,
        )
        document.file.save(name, ContentFile(text.encode()), save=False)
        history.record(document, by=by)
        document.save()
        document.competencies.set(Competency.objects.filter(cycle=assessment.cycle, number__in=numbers))
        count += 1
    return count


@transaction.atomic
def load() -> str:
    """Fill the North West PCTs' self-assessments: complete unless in draft; Manchester's 2009-10 partly."""
    by = get_user_model().objects.filter(username="pct.contributor").first()
    rows = documents = 0
    for assessment in Assessment.objects.filter(organisation__parent__code="Q31").select_related(
        "organisation", "cycle"
    ):
        numbers = list(Competency.objects.filter(cycle=assessment.cycle).values_list("number", flat=True))
        if assessment.state != State.DRAFT:
            rows += _fill(assessment, numbers, True, None)
            documents += _evidence(assessment, None)
        elif assessment.organisation.code == "5NT" and assessment.cycle.code == "2009-10":
            rows += _fill(assessment, MANCHESTER_COMPLETED, True, by)
            rows += _fill(assessment, [MANCHESTER_IN_PROGRESS], False, by)
            documents += _evidence(assessment, by)
    return f"{rows} competency self-assessments, {documents} evidence documents; {load_jsna()}"
