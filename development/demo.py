"""Demo development plans: the North West's 2008-09 signed-off reports get recommendations, and their PCTs actions
in every state (done, on track, at risk, not started and overdue by more than 30 days, dropped with a reason), so
the 2009-10 pages show what became of them. Idempotent; runs after the panels demo."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from assurance.choices import Role, State
from assurance.demo import PASSWORD
from assurance.models import Assessment, Membership, Organisation
from competencies.models import Competency
from governance.models import GovernanceArea
from panels.choices import ReportState
from panels.models import Report

from .choices import Priority, Status
from .models import Action, ActionNote, BoardSignOff, Recommendation

# (competency number or governance area, recommendation, priority, its actions: (what will be done, measure))
RECOMMENDATIONS = [
    (4, "Give GPs and hospital clinicians a real part in designing the services the PCT buys.", Priority.HIGH, [
        ("Appoint a clinical lead for each care pathway.", "Leads in post for all eight pathways."),
        ("Set up a GP commissioning forum meeting monthly.", "Forum meets monthly; minutes to the board."),
    ]),
    (5, "Use the joint strategic needs assessment to set next year's operating plan priorities.", Priority.HIGH, [
        ("Agree the priorities with the council's health and wellbeing partnership.", "Priorities agreed, published."),
        ("Refresh the needs assessment with the 2009 census estimates.", "Refreshed assessment on the website."),
    ]),
    ("Board", "Set out how the joint outcome measures will be tracked at board level.", Priority.MEDIUM, [
        ("Add the joint measures to the board's performance report.", "Board report shows them each quarter."),
    ]),
    (7, "Map the local provider market and say where new providers are needed.", Priority.MEDIUM, [
        ("Commission an external market review.", "Review reported to the board."),
        ("Hold a market event for community service providers.", "Event held; at least ten providers attend."),
    ]),
    (9, "Build procurement skills in the commissioning team, or buy them in.", Priority.LOW, [
        ("Train the contracting team in competitive procurement.", "Six staff complete accredited training."),
    ]),
]  # fmt: skip
# Where the demo's actions stand: (status, days from today it falls due, progress note or reason for dropping)
STATES = [
    (Status.DONE, -120, "Completed and reported to the board."),
    (Status.ON_TRACK, 40, ""),
    (Status.AT_RISK, 20, "Council elections delay sign-off."),
    (Status.NOT_STARTED, -45, ""),
    (Status.DROPPED, 60, "Merged with the SHA's regional review."),
    (Status.ON_TRACK, -10, "Two of three steps done."),
]


def _owner(pct: Organisation):
    """The PCT's lead: the demo's own for Manchester, a demo lead for the others."""
    found = Membership.objects.filter(organisation=pct, role__in=[Role.PCT_LEAD, Role.PCT_CONTRIBUTOR]).first()
    if found:
        return found.user
    user, created = get_user_model().objects.get_or_create(
        username=f"lead.{pct.code.lower()}",
        defaults={
            "first_name": "Demo",
            "last_name": f"Lead ({pct.name})",
            "email": f"lead.{pct.code.lower()}@example.nhs.uk",
        },
    )
    if created:
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(user=user, organisation=pct, role=Role.PCT_LEAD)
    return user


def _plan(report: Report, n: int) -> int:
    assessment = report.assessment
    if Recommendation.objects.filter(assessment=assessment).exists():
        return 0
    owner, today = _owner(assessment.organisation), timezone.localdate()
    chosen = [RECOMMENDATIONS[(n + k) % len(RECOMMENDATIONS)] for k in range(3)]
    signed, k = timezone.localdate(report.signed_off_at), n
    for number, (item, text, priority, actions) in enumerate(chosen, start=1):
        fields = (
            {"competency": Competency.objects.get(cycle=assessment.cycle, number=item)}
            if isinstance(item, int)
            else {"area": GovernanceArea.objects.get(cycle=assessment.cycle, area=item, item="")}
        )
        rec = Recommendation.objects.create(
            assessment=assessment, number=number, text=text, priority=priority, report=report, **fields
        )
        for what, measure in actions:
            status, due, note = STATES[k % len(STATES)]
            k += 1
            action = Action.objects.create(
                recommendation=rec,
                text=what,
                owner=owner,
                due_date=max(today + timedelta(days=due), signed),
                measure=measure,
                status=status,
                dropped_reason=note if status == Status.DROPPED else "",
                created_by=owner,
            )
            if note and status != Status.DROPPED:
                ActionNote.objects.create(action=action, kind="progress", author=owner, text=note)
    return 1


@transaction.atomic
def load() -> str:
    reports = (
        Report.objects.filter(
            assessment__cycle__code="2008-09",
            assessment__organisation__parent__code="Q31",
            state=ReportState.SIGNED_OFF,
        )
        .select_related("assessment__organisation", "assessment__cycle")
        .order_by("assessment__organisation__name", "version")
    )
    made = sum(_plan(report, n) for n, report in enumerate(reports))
    drafts = _draft_recommendations()
    return (
        f"development plans for {made} North West PCTs from their 2008-09 reports; "
        f"{drafts} draft recommendations in 2009-10 reviews; {_board_sign_offs()}"
    )


def _draft_recommendations() -> int:
    """The chair has begun the recommendations of each North West 2009-10 review still open: two drafts, which
    become part of the PCT's plan when the report is signed off."""
    count = 0
    in_review = Assessment.objects.filter(
        organisation__parent__code="Q31", cycle__code="2009-10", state=State.IN_REVIEW, review_day__isnull=False
    ).select_related("cycle", "review_day__panel")
    for assessment in in_review:
        if Recommendation.objects.filter(assessment=assessment).exists():
            continue
        chair = assessment.review_day.panel.members.filter(is_chair=True).first()
        for number, (item, text, priority, _) in enumerate(RECOMMENDATIONS[:2], start=1):
            Recommendation.objects.create(
                assessment=assessment,
                number=number,
                text=text,
                priority=priority,
                competency=Competency.objects.get(cycle=assessment.cycle, number=item),
                created_by=chair.user if chair else None,
            )
            count += 1
    return count


def _board_sign_offs() -> str:
    """Every submitted North West self-assessment had its board's sign-off, with a minute from its evidence."""
    count = 0
    submitted = Assessment.objects.filter(organisation__parent__code="Q31").exclude(state=State.DRAFT)
    for assessment in submitted.select_related("cycle"):
        minute = assessment.evidence.filter(title__icontains="minute").first() or assessment.evidence.first()
        if minute is None or BoardSignOff.objects.filter(assessment=assessment).exists():
            continue
        BoardSignOff.objects.create(
            assessment=assessment,
            meeting_date=minute.document_date,
            minute_reference=f"{assessment.organisation.code}/{assessment.cycle.code}/B{4 + count % 7}",
            minute=minute,
        )
        count += 1
    return f"{count} board sign-offs"
