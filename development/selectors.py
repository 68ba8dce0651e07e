"""Reads of the development app that pages, the CSV and the API share. No writes."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Prefetch
from django.utils import timezone

from assurance.choices import OrgKind
from assurance.models import Assessment, Cycle, Organisation
from panels.choices import ReportState
from panels.models import Report

from . import plans
from .choices import OPEN_STATUSES
from .models import Action, ActionNote, BoardSignOff, Recommendation


def _actions():
    return Action.objects.select_related("owner").prefetch_related(
        "evidence", Prefetch("notes", queryset=ActionNote.objects.select_related("author"))
    )


def recommendations(assessment: Assessment, *, fixed: bool = True, details: bool = True) -> list[Recommendation]:
    """The plan's recommendations (fixed by a signed-off report), or the chair's drafts, with their actions (and,
    with ``details``, the actions' owners, evidence and notes)."""
    return list(
        Recommendation.objects.filter(assessment=assessment, report__isnull=not fixed)
        .select_related("competency", "area", "report")
        .prefetch_related(Prefetch("actions", queryset=_actions()) if details else "actions")
    )


def mark(actions, today=None) -> None:
    """Hang `overdue` and `flagged` on each action, for the templates."""
    today = today or timezone.localdate()
    for action in actions:
        action.overdue = plans.is_overdue(action.status, action.due_date, today)
        action.flagged = plans.is_flagged(action.status, action.due_date, today)


def plan(assessment: Assessment) -> dict:
    """The plan page: each fixed recommendation with its actions, and the counts."""
    recs = recommendations(assessment)
    actions = [a for r in recs for a in r.actions.all()]
    mark(actions)
    today = timezone.localdate()
    return {
        "recommendations": recs,
        "counts": plans.counts(((a.status, a.due_date) for a in actions), today),
        "report": Report.objects.filter(assessment=assessment, state=ReportState.SIGNED_OFF)
        .order_by("-version")
        .first(),
    }


def action_of(assessment: Assessment, pk: int) -> Action | None:
    action = _actions().select_related("recommendation__report").filter(recommendation__assessment=assessment, pk=pk)
    found = action.first()
    if found is not None:
        found.recommendation.assessment = assessment
        mark([found])
    return found


def flagged_count(organisations) -> int:
    """Open actions of these PCTs' plans overdue by more than the flag's days."""
    cutoff = timezone.localdate() - timedelta(days=plans.FLAG_OVERDUE_DAYS)
    return Action.objects.filter(
        recommendation__assessment__organisation__in=organisations,
        recommendation__report__isnull=False,
        status__in=OPEN_STATUSES,
        due_date__lt=cutoff,
    ).count()


@dataclass
class PlanRow:
    """One PCT's plan on the SHA's list: its counts and the actions passing the filter."""

    organisation: Organisation
    assessment: Assessment | None
    counts: plans.Counts
    actions: list = field(default_factory=list)


def sha_plans(sha: Organisation, cycle, filter_name: str = "") -> list[PlanRow]:
    """Each PCT of the SHA with its plan from this cycle's panel: counts, and its actions passing the filter."""
    today = timezone.localdate()
    pcts = list(Organisation.objects.pcts().filter(parent=sha).order_by("name"))
    assessments = {a.organisation_id: a for a in Assessment.objects.filter(organisation__in=pcts, cycle=cycle)}
    by_pk = {pct.pk: pct for pct in pcts}
    for assessment in assessments.values():
        assessment.organisation, assessment.cycle = by_pk[assessment.organisation_id], cycle
    actions = (
        Action.objects.filter(recommendation__assessment__in=assessments.values(), recommendation__report__isnull=False)
        .select_related("owner", "recommendation")
        .order_by("due_date", "pk")
    )
    by_assessment: dict[int, list[Action]] = {}
    for action in actions:
        by_assessment.setdefault(action.recommendation.assessment_id, []).append(action)
    mark(actions, today)
    rows = []
    for pct in pcts:
        pct_assessment = assessments.get(pct.pk)
        found = by_assessment.get(pct_assessment.pk, []) if pct_assessment else []
        rows.append(
            PlanRow(
                organisation=pct,
                assessment=pct_assessment if pct_assessment and pct_assessment.has_report else None,
                counts=plans.counts(((a.status, a.due_date) for a in found), today),
                actions=[a for a in found if plans.keep(filter_name, a.status, a.due_date, today)],
            )
        )
    return rows


def previous_assessment(assessment: Assessment) -> Assessment | None:
    previous = assessment.cycle.previous
    if previous is None:
        return None
    return Assessment.objects.filter(organisation_id=assessment.organisation_id, cycle=previous).first()


@dataclass
class Carried:
    """Last cycle's agreed rating of one item (from the signed-off report) and the recommendations on it."""

    cycle: object
    agreed: object = None
    kind: str = "competency"
    recommendations: list = field(default_factory=list)
    plan_url_args: tuple = ()


def carried(assessment: Assessment, *, competency=None, area=None) -> Carried | None:
    """What last cycle's panel agreed about this competency (matched by number) or governance area (by name, or by
    the whole area it sits in), and its recommendations on it with their actions; None in a first cycle or with no
    signed-off report."""
    previous = previous_assessment(assessment)
    if previous is None:
        return None
    report = Report.objects.filter(assessment=previous, state=ReportState.SIGNED_OFF).order_by("-version").first()
    if report is None:
        return None
    snapshot = report.ratings_snapshot or {}
    if competency is not None:
        found = next((r for r in snapshot.get("competencies", []) if r.get("number") == competency.number), None)
        recs = Recommendation.objects.filter(assessment=previous, competency__number=competency.number)
    else:
        # Later cycles rate items within an area ("Strategy: Strategic plan"); earlier ones the area as a whole.
        rows = snapshot.get("governance", [])
        found = next((r for r in rows if r.get("name") == area.name), None) or next(
            (r for r in rows if r.get("name") == area.area), None
        )
        recs = Recommendation.objects.filter(assessment=previous, area__area=area.area, area__item__in=[area.item, ""])
    fixed = list(recs.filter(report__isnull=False).prefetch_related(Prefetch("actions", queryset=_actions())))
    mark([a for r in fixed for a in r.actions.all()])
    return Carried(
        cycle=previous.cycle,
        agreed=found.get("agreed") if found else None,
        kind="competency" if competency is not None else "governance",
        recommendations=fixed,
        plan_url_args=(previous.cycle.code, assessment.organisation.code),
    )


def carried_all(previous: Assessment | None) -> list[Recommendation]:
    """Every recommendation of last cycle's plan (``previous``: last cycle's assessment, `previous_assessment`) with
    its actions, without their evidence and notes (the panel's pack and workspace list only the actions)."""
    if previous is None:
        return []
    recs = recommendations(previous, details=False)
    mark([a for r in recs for a in r.actions.all()])
    return recs


def plan_cycles(pct: Organisation, cycle: Cycle) -> list[Cycle]:
    """The PCT home page's links: this cycle and the last whose panel gave the PCT a plan (recommendations written, or
    a report signed off)."""
    cycles = [c for c in (cycle.previous, cycle) if c is not None]
    return [
        c
        for c in cycles
        if Recommendation.objects.filter(assessment__organisation=pct, assessment__cycle=c).exists()
        or pct.assessments.filter(cycle=c, reports__state=ReportState.SIGNED_OFF).exists()
    ]


def sha_flagged_count(sha: Organisation) -> int:
    """The SHA home page's warning: open actions of its PCTs' plans overdue by more than the flag's days."""
    return flagged_count(sha.children.filter(kind=OrgKind.PCT))


def report_recommendations(assessment: Assessment, report) -> list[Recommendation]:
    """The report's structured recommendations: those fixed by this version or earlier; on a draft, the drafts too."""
    recs = Recommendation.objects.filter(assessment=assessment).select_related("competency", "area", "report")
    if report is not None and report.is_signed_off:
        recs = recs.filter(report__version__lte=report.version)
    return list(recs)


def board_sign_off(assessment: Assessment) -> BoardSignOff | None:
    """The board meeting that approved the self-assessment, with its minute (the panel's pack)."""
    return BoardSignOff.objects.filter(assessment=assessment).select_related("minute").first()
