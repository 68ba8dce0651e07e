"""Build signed-off assessments with agreed ratings for the national tests."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from assurance.choices import State
from assurance.models import Assessment, Cycle, Organisation
from competencies.models import Competency
from governance.models import GovernanceArea
from panels.choices import ReportState
from panels.models import AgreedRating, Report
from panels.selectors import snapshot


def signed_off(
    code: str, cycle: Cycle, *, levels: dict[int, int], rags: dict[int, str] | None = None, state=State.REPORTED
):
    """A PCT's assessment in `state` with agreed levels (by competency number) and RAGs (by area order)."""
    assessment, _ = Assessment.objects.update_or_create(
        organisation=Organisation.objects.get(code=code), cycle=cycle, defaults={"state": state}
    )
    for number, level in levels.items():
        competency = Competency.objects.get(cycle=cycle, number=number)
        AgreedRating.objects.update_or_create(assessment=assessment, competency=competency, defaults={"level": level})
    for order, rag in (rags or {}).items():
        area = GovernanceArea.objects.filter(cycle=cycle).order_by("order")[order]
        AgreedRating.objects.update_or_create(assessment=assessment, area=area, defaults={"rag": rag})
    if state in (State.REPORTED, State.PUBLISHED):
        sign_off_report(assessment)
    return assessment


def sign_off_report(assessment) -> None:
    """Version 1 of the report, signed off with the agreed ratings as they now stand (national views read it)."""
    ratings = snapshot(assessment)
    chair = get_user_model().objects.filter(username="panel_chair").first()
    signed = {"state": ReportState.SIGNED_OFF, "signed_off_at": timezone.now(), "ratings_snapshot": ratings}
    signed["signed_off_by"] = chair
    if not Report.objects.filter(assessment=assessment, version=1).update(**signed):  # update: bypasses immutability
        Report.objects.create(assessment=assessment, version=1, **signed)


def table(rollup) -> dict:
    """A stored rollup's records keyed by their first key column (competency, area or indicator)."""
    key = rollup.table["columns"][0]
    return {r[key]: r for r in rollup.records}


def record_publication(cycle: Cycle, codes, *, visible_from=None):
    """Record a publication of these PCTs (already in state published), as DH's publishing does."""
    from assurance.national.models import Publication

    publication = Publication.objects.create(cycle=cycle, visible_from=visible_from or timezone.now())
    publication.pcts.set(Organisation.objects.filter(code__in=codes))
    return publication


def sign_off_moderation(cycle: Cycle, *, by=None):
    """Record DH's sign-off of the cycle's moderation across SHAs, which publication waits for."""
    from assurance.national.models import ModerationSignOff

    by = by or get_user_model().objects.filter(username="dh_analyst").first()
    return ModerationSignOff.objects.get_or_create(
        cycle=cycle, defaults={"signed_off_by": by, "threshold": 0.5, "pcts_counted": 0}
    )[0]
