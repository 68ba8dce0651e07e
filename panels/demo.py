"""Demo panels: the North West panel in both cycles, review days, ratings and reports consistent with each state.

Idempotent. Runs after the competencies and governance demos, and creates any self-assessment rows they did not.
"""

import random
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from assurance.choices import State
from assurance.models import Assessment, Cycle, Organisation
from competencies.models import Competency, CompetencyAssessment
from governance.models import GovernanceArea, GovernanceDeclaration

from . import selectors
from .choices import ReportState
from .models import AgreedRating, Panel, PanelMember, ProvisionalRating, Report, ReviewDay

MEMBERS = [
    ("panel.chair", True, False),
    ("panel.member", False, False),
    ("panel.member2", False, False),
    ("panel.external", False, True),
]
RAGS = ["red", "amber", "amber", "green", "green"]
RATED = (State.IN_REVIEW, State.REPORTED, State.PUBLISHED)
# The 2009-10 review days fall in the cycle's review season, after its real submission deadline (30 October 2009)
# and before the year ends: all before today, so the submitted PCT's review can be opened and the one in review
# signed off (neither may happen before its review day).
REVIEW_DAYS_2009_10 = {
    State.PUBLISHED: date(2009, 11, 30),
    State.REPORTED: date(2009, 12, 7),
    State.IN_REVIEW: date(2010, 1, 11),
    State.SUBMITTED: date(2010, 1, 18),
}


def _rng(*parts) -> random.Random:
    return random.Random("-".join(str(p) for p in parts))


def _self_assessment(assessment: Assessment) -> None:
    """The PCT's submitted levels and RAG, where the self-assessment demo has not made them."""
    for competency in Competency.objects.filter(cycle=assessment.cycle):
        level = _rng(assessment.organisation.code, assessment.cycle.code, competency.number).choice([2, 2, 3, 3, 4])
        CompetencyAssessment.objects.get_or_create(
            assessment=assessment,
            competency=competency,
            defaults={"level": level, "narrative": f"We judge ourselves at level {level}.", "completed": True},
        )
    for area in GovernanceArea.objects.filter(cycle=assessment.cycle):
        rag = _rng(assessment.organisation.code, area.pk).choice(RAGS[1:])
        GovernanceDeclaration.objects.get_or_create(
            assessment=assessment, area=area, defaults={"rag": rag, "commentary": "Board approved.", "completed": True}
        )


def _panel(sha: Organisation, cycle: Cycle) -> Panel:
    panel, _ = Panel.objects.get_or_create(
        sha=sha, cycle=cycle
    )  # no link to an SHA data pack: the pack links the PCT's data pack in this service
    users = get_user_model().objects
    for username, chair, external in MEMBERS:
        PanelMember.objects.get_or_create(
            panel=panel, user=users.get(username=username), defaults={"is_chair": chair, "external": external}
        )
    return panel


def _ratings(day: ReviewDay, *, agreed_share: float) -> None:
    """Every member's provisional ratings, and the chair's agreed ratings for a share of the items."""
    assessment, members = day.assessment, list(day.panel.members.select_related("user"))
    chair = next(m.user for m in members if m.is_chair)
    items = [("competency", c) for c in Competency.objects.filter(cycle=assessment.cycle)]
    items += [("area", a) for a in GovernanceArea.objects.filter(cycle=assessment.cycle)]
    for n, (field, item) in enumerate(items):
        rng = _rng(assessment.organisation.code, assessment.cycle.code, field, item.pk)
        base = rng.choice([1, 2, 2, 3, 3])
        for member in members:
            level = max(1, min(4, base + rng.choice([-1, 0, 0, 0, 1])))
            values = {"level": level} if field == "competency" else {"rag": RAGS[level]}
            ProvisionalRating.objects.get_or_create(
                review_day=day, member=member.user, **{field: item}, defaults={**values, "notes": "Seen at the visit."}
            )
        if n < agreed_share * len(items):
            values = {"level": base} if field == "competency" else {"rag": RAGS[base]}
            AgreedRating.objects.get_or_create(
                assessment=assessment,
                **{field: item},
                defaults={
                    **values,
                    "rationale": "Agreed on the evidence and the board's account.",
                    "recorded_by": chair,
                },
            )


def _signed_off_report(day: ReviewDay) -> None:
    assessment = day.assessment
    if assessment.reports.exists():
        return
    chair = day.panel.members.get(is_chair=True).user
    Report.objects.create(
        assessment=assessment,
        version=1,
        state=ReportState.SIGNED_OFF,
        strengths="A clear strategic plan owned by the board, and strong partnership with the council.",
        areas_for_development="Use of information to manage provider performance; clinical engagement.",
        potential_for_improvement="Good capacity to improve: its leadership is stable and its plans are credible.",
        recommendations="Set out how the joint outcome measures will be tracked at board level.",
        outcomes_summary=day.outcomes_commentary,
        ratings_snapshot=selectors.sign_off_snapshot(assessment, day),
        signed_off_by=chair,
        signed_off_at=timezone.make_aware(datetime.combine(day.date + timedelta(days=14), time(17))),
    )


def _draft_report(day: ReviewDay) -> None:
    """The chair has started writing the report of a review in progress (it can be finished and signed off)."""
    if not day.assessment.reports.exists():
        Report.objects.create(
            assessment=day.assessment,
            version=1,
            strengths="A clear strategic plan owned by the board.",
            outcomes_summary=day.outcomes_commentary,
        )


def _review_day(panel: Panel, assessment: Assessment, when: date) -> ReviewDay:
    day, _ = ReviewDay.objects.get_or_create(
        assessment=assessment,
        defaults={
            "panel": panel,
            "date": when,
            "place": f"{assessment.organisation.name} headquarters",
            "attendees": "Chief executive\nChair\nDirector of commissioning\nDirector of public health",
            "factual_accuracy_until": when + timedelta(days=28),
            "outcomes_commentary": "Life expectancy is improving but the gap with England remains.",
        },
    )
    return day


@transaction.atomic
def load() -> str:
    """Create the North West panels, review days, ratings and reports of the demo."""
    sha = Organisation.objects.get(code="Q31")
    current, previous = Cycle.objects.get(code="2009-10"), Cycle.objects.get(code="2008-09")
    count = 0
    old_panel, panel = _panel(sha, previous), _panel(sha, current)
    for n, assessment in enumerate(Assessment.objects.filter(organisation__parent=sha, cycle=previous)):
        _self_assessment(assessment)
        day = _review_day(old_panel, assessment, date(2009, 1, 12) + timedelta(days=n))
        _ratings(day, agreed_share=1)
        _signed_off_report(day)
    for assessment in Assessment.objects.filter(
        organisation__parent=sha, cycle=current, state__in=list(REVIEW_DAYS_2009_10)
    ):
        _self_assessment(assessment)
        day = _review_day(panel, assessment, REVIEW_DAYS_2009_10[assessment.state])
        if assessment.state in RATED:
            _ratings(day, agreed_share=0.5 if assessment.state == State.IN_REVIEW else 1)
        if assessment.state in (State.REPORTED, State.PUBLISHED):
            _signed_off_report(day)
        elif assessment.state == State.IN_REVIEW:
            _draft_report(day)
        count += 1
    return f"North West panels for two cycles, {count} review days in {current.code}"
