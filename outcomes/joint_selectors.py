"""Reads of joint working for a council's partnership page: joint outcomes and pooled budgets with stored results.

Values, comparisons and trends come from the stored OrganisationBenchmark rows (docs/outcomes.md), for the PCT
and for the council alike; nothing is computed here.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from assurance.choices import OrgKind

from .choices import Trend
from .models import JointOutcome, OrganisationBenchmark, PooledBudget


def partner_councils_by_outcome(assessment) -> dict[int, list]:
    """The partner councils of each joint outcome of the assessment, by priority outcome id: one query."""
    councils: dict[int, list] = {}
    for joint in JointOutcome.objects.filter(outcome__assessment=assessment).select_related("council"):
        councils.setdefault(joint.outcome_id, []).append(joint.council)
    return councils


@dataclass
class JointRow:
    """One joint outcome with the latest stored result of each side."""

    joint: JointOutcome
    pct_result: OrganisationBenchmark | None
    council_result: OrganisationBenchmark | None
    comments: list = field(default_factory=list)


@dataclass
class BudgetRow:
    """One pooled budget: contributions by partner and year, and the stored trend of each outcome per partner."""

    budget: PooledBudget
    years: list[str]
    grid: list[tuple]  # (partner, [amount or None per year], partner total)
    year_totals: list[Decimal]
    total: Decimal
    outcomes: list[tuple]  # (indicator, [(partner, latest result or None)])

    @property
    def measurable(self) -> bool:
        return bool(self.outcomes)

    @property
    def improving(self) -> list[str]:
        """The names of the outcomes improving for at least one partner."""
        return [i.name for i, sides in self.outcomes if any(r and r.trend == Trend.IMPROVING for _, r in sides)]


def latest_results(indicator_ids, organisation_ids, cycle) -> dict[tuple[int, int], OrganisationBenchmark]:
    """The latest stored result per (indicator, organisation) in the cycle's periods: one query."""
    latest = {}
    for result in (
        OrganisationBenchmark.objects.for_cycle(cycle)
        .filter(indicator_id__in=set(indicator_ids), organisation_id__in=set(organisation_ids))
        .order_by("period_start_year")
    ):
        latest[(result.indicator_id, result.organisation_id)] = result
    return latest


def joint_outcomes(council, pcts, cycle) -> list[JointRow]:
    """The council's joint outcomes with the given PCTs in a cycle, both sides' latest results, and comments."""
    joints = list(
        JointOutcome.objects.filter(
            council=council, outcome__assessment__organisation__in=pcts, outcome__assessment__cycle=cycle
        )
        .select_related("outcome__indicator", "outcome__assessment__organisation")
        .prefetch_related("comments__author")
        .order_by("outcome__assessment__organisation__name", "outcome__indicator__name")
    )
    pct_ids = {j.outcome.assessment.organisation_id for j in joints}
    latest = latest_results({j.outcome.indicator_id for j in joints}, pct_ids | {council.pk}, cycle)
    return [
        JointRow(
            joint=j,
            pct_result=latest.get((j.outcome.indicator_id, j.outcome.assessment.organisation_id)),
            council_result=latest.get((j.outcome.indicator_id, council.pk)),
            comments=list(j.comments.all()),
        )
        for j in joints
    ]


def pooled_budgets(council, pcts, cycle) -> list[BudgetRow]:
    """The pooled budgets the council shares with the given PCTs, with contributions and the outcome trends of the
    cycle's periods."""
    budgets = list(
        PooledBudget.objects.filter(partners=council)
        .filter(partners__in=pcts)
        .distinct()
        .prefetch_related("partners", "outcomes", "contributions__partner")
    )
    partners = {p.pk for b in budgets for p in b.partners.all()}
    latest = latest_results({i.pk for b in budgets for i in b.outcomes.all()}, partners, cycle)
    return [_budget_row(b, latest) for b in budgets]


def _budget_row(budget: PooledBudget, latest: dict) -> BudgetRow:
    partners = sorted(budget.partners.all(), key=lambda o: (o.kind != OrgKind.PCT, o.name))
    contributions = list(budget.contributions.all())
    years = sorted({c.year for c in contributions})
    amounts = {(c.partner_id, c.year): c.amount for c in contributions}
    grid = []
    for partner in partners:
        row = [amounts.get((partner.pk, year)) for year in years]
        grid.append((partner, row, sum((a for a in row if a is not None), Decimal(0))))
    year_totals = [sum((amounts.get((p.pk, y), Decimal(0)) for p in partners), Decimal(0)) for y in years]
    outcomes = [(i, [(p, latest.get((i.pk, p.pk))) for p in partners]) for i in budget.outcomes.all()]
    return BudgetRow(budget, years, grid, year_totals, sum(year_totals, Decimal(0)), outcomes)
