"""Manchester (5NT) with a signed-off report carrying recommendations, and a plan with actions."""

from datetime import timedelta

from django.utils import timezone

from assurance.choices import State
from assurance.models import Assessment
from development import services
from development.choices import Priority
from development.models import Action, Recommendation
from panels import services as panel_services
from panels.demo import _ratings, _self_assessment
from panels.models import Panel, PanelMember, Report, ReviewDay
from tests.panels.helpers import review_day


def in_review(world, cycle=None):
    """Manchester in review in `cycle` (default 2009-10) before the North West panel, chaired by panel_chair."""
    cycle = cycle or world.cycle
    if cycle == world.cycle:
        return review_day(world).assessment
    panel, _ = Panel.objects.get_or_create(sha=world.sha, cycle=cycle)
    PanelMember.objects.get_or_create(panel=panel, user=world.users["panel_chair"], defaults={"is_chair": True})
    PanelMember.objects.get_or_create(panel=panel, user=world.users["panel_member"])
    assessment, _ = Assessment.objects.get_or_create(organisation=world.pct, cycle=cycle)
    assessment.state = State.IN_REVIEW
    assessment.save()
    _self_assessment(assessment)
    day, _ = ReviewDay.objects.get_or_create(
        assessment=assessment, defaults={"panel": panel, "date": cycle.end_date - timedelta(60), "place": "HQ"}
    )
    return assessment


def signed_off(world, *, cycle=None, recommendations=3, days_ago=0) -> Assessment:
    """Manchester's report signed off by the chair with `recommendations` structured ones, `days_ago` days ago."""
    existing = Report.objects.filter(assessment__organisation=world.pct, assessment__cycle=cycle or world.cycle)
    if existing.filter(state="signed_off").exists():
        return existing.first().assessment
    assessment = in_review(world, cycle)
    day = assessment.review_day
    _ratings(day, agreed_share=1)
    chair = world.users["panel_chair"]
    competencies = list(assessment.cycle.competencies.order_by("number"))
    areas = list(assessment.cycle.governance_areas.all())
    for n in range(recommendations):
        services.recommendation_add(
            assessment=assessment,
            by=chair,
            text=f"Recommendation text {n + 1}",
            competency=competencies[n] if n % 2 == 0 else None,
            area=areas[0] if n % 2 == 1 else None,
            priority=Priority.HIGH if n == 0 else Priority.MEDIUM,
        )
    report = panel_services.report_current(assessment=assessment, by=chair)
    panel_services.report_sign_off(report=report, by=chair)
    if days_ago:
        Report.objects.filter(pk=report.pk).update(signed_off_at=timezone.now() - timedelta(days=days_ago))
    assessment.refresh_from_db()
    return assessment


def add_action(world, assessment, *, due_in=60, owner="pct_contributor", number=1) -> Action:
    rec = Recommendation.objects.get(assessment=assessment, number=number)
    return services.action_create(
        recommendation=rec,
        by=world.users["pct_lead"],
        text="Appoint a clinical lead for engagement",
        owner=world.users[owner],
        due_date=timezone.localdate() + timedelta(days=due_in),
        measure="Clinical lead in post and reporting to the board",
    )
