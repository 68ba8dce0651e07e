"""Filling a self-assessment through the real services, for tests that need it complete."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assurance import checklist
from competencies.models import CompetencyAssessment
from competencies.services import competency_save, evidence_upload
from governance.models import GovernanceDeclaration
from governance.services import declaration_save
from outcomes import services as outcome_services
from outcomes.models import Indicator, IndicatorValue, PriorityOutcome


def text_file(name: str = "minutes.txt", text: str = "Board minutes, March 2009.\n") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/plain")


def save_competency(assessment, number: int, by, *, level=2, narrative="Because.", completed=True):
    """Save one competency at the version currently stored (as a person who just opened the page would)."""
    competency = assessment.cycle.competencies.get(number=number)
    row = CompetencyAssessment.objects.filter(assessment=assessment, competency=competency).first()
    return competency_save(
        assessment=assessment,
        competency=competency,
        by=by,
        version=row.version if row else 1,
        level=level,
        narrative=narrative,
        completed=completed,
    )


def complete_self_assessment(assessment, by, *, skip_competencies=()) -> None:
    """Complete every competency and governance area not yet completed, and upload a document if none, through the
    services."""
    done = set(assessment.competency_assessments.filter(completed=True).values_list("competency__number", flat=True))
    for competency in assessment.cycle.competencies.exclude(number__in={*skip_competencies, *done}):
        save_competency(assessment, competency.number, by)
    for area in assessment.cycle.governance_areas.all():
        row = GovernanceDeclaration.objects.filter(assessment=assessment, area=area).first()
        if row and row.completed:
            continue
        declaration_save(
            assessment=assessment,
            area=area,
            by=by,
            version=row.version if row else 1,
            rag="green",
            commentary="In place.",
            completed=True,
        )
    if not assessment.evidence.exists():
        evidence_upload(
            assessment=assessment, by=by, title="Minutes", upload=text_file(), document_date=datetime.date(2009, 3, 31)
        )
    choose_required_outcomes(assessment, by)
    sign_off_board(assessment, by)
    left = checklist.incomplete(checklist.collect(assessment))
    if left and not skip_competencies:
        pytest.fail(f"complete_self_assessment cannot complete {[t.title for t in left]}: teach it in this module")


def sign_off_board(assessment, by) -> None:
    """Record the board meeting that approved the self-assessment, with a minute uploaded as evidence if none."""
    from development.board import board_sign_off_save
    from development.models import BoardSignOff

    if BoardSignOff.objects.filter(assessment=assessment).exists():
        return
    if not assessment.evidence.exists():
        evidence_upload(
            assessment=assessment, by=by, title="Minutes", upload=text_file(), document_date=datetime.date(2009, 3, 31)
        )
    board_sign_off_save(
        assessment=assessment,
        by=by,
        version=0,
        meeting_date=datetime.date(2009, 3, 31),
        minute_reference="PCT/09/41",
        minute=assessment.evidence.first(),
    )


def choose_required_outcomes(assessment, by) -> None:
    """Choose the two required outcomes with trajectories, importing values for the PCT first if it has none."""
    if PriorityOutcome.objects.filter(assessment=assessment).exists():
        return
    from tests.outcomes import data

    codes = ["LE_BIRTH_M", "LE_SII_M"]
    if not IndicatorValue.objects.filter(organisation=assessment.organisation, indicator__code__in=codes).exists():
        rows = data.value_rows([assessment.organisation.code], indicators=codes)
        outcome_services.import_values(data.csv_text(rows), "values.csv", recompute=False)
    outcome_services.outcomes_choose(
        assessment=assessment,
        indicators=list(Indicator.objects.filter(code__in=codes)),
        by=by,
        fingerprint=outcome_services.outcomes_fingerprint(assessment),
    )
    for outcome in PriorityOutcome.objects.filter(assessment=assessment):
        outcome_services.outcome_set_trajectory(
            outcome=outcome,
            baseline=outcome.baseline or 1.0,
            trajectory=[(outcome.baseline or 1.0) * (1 + 0.01 * year) for year in range(1, 6)],
            by=by,
            updated_at=f"{outcome.updated_at.timestamp():.6f}",
        )
