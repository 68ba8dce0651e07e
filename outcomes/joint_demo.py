"""Demo joint working for Manchester: council values, a joint outcome with a comment, and two pooled budgets.

Council values are synthetic (same seed every run, marked `is_synthetic`), made as the PCT values are.
"""

import numpy as np
from django.contrib.auth import get_user_model

from assurance.models import Organisation

from . import demo, services
from .choices import LegalBasis
from .models import (
    Indicator,
    IndicatorValue,
    JointOutcome,
    JointOutcomeComment,
    PooledBudget,
    PooledBudgetContribution,
    PriorityOutcome,
)

COUNCIL_INDICATORS = ["ALCOHOL_ADM", "TEEN_CONCEPTIONS", "DELAYED_TRANSFERS"]
BUDGETS = [
    # name, legal basis, services, outcomes, {partner: {year: amount}}
    (
        "Intermediate care and reablement",
        LegalBasis.SECTION_75,
        "Intermediate care beds, home reablement and rapid response nursing for people leaving hospital.",
        ["DELAYED_TRANSFERS"],
        {"5NT": {"2009-10": "4200000.00", "2010-11": "4400000.00"}, "E08000003": {"2009-10": "2800000.00"}},
    ),
    (
        "Community equipment service",
        LegalBasis.SECTION_75,
        "Aids for daily living and home adaptations, bought and delivered by one service.",
        [],
        {"5NT": {"2009-10": "650000.00"}, "E08000003": {"2009-10": "650000.00"}},
    ),
]


def _council_values() -> list[IndicatorValue]:
    """Synthetic values of the joint indicators for every upper-tier council with social care."""
    rng = np.random.default_rng(demo.SEED + 7)
    councils = list(Organisation.objects.filter(kind="LA", social_care=True).order_by("code"))
    england = Organisation.objects.get(code="E92000001")
    rows = []
    for indicator in Indicator.objects.filter(code__in=COUNCIL_INDICATORS).order_by("code"):
        rows += [v for v in demo._indicator_values(indicator, councils, england, rng) if v.organisation != england]
    return rows


def load() -> str:
    """Create the demo (idempotent): council values and their scorecards, a joint outcome, two pooled budgets."""
    pct, council = Organisation.objects.get(code="5NT"), Organisation.objects.get(code="E08000003")
    computed = ""
    if not IndicatorValue.objects.filter(organisation=council).exists():
        IndicatorValue.objects.bulk_create(_council_values(), batch_size=5000, ignore_conflicts=True)
        computed = f"; {services.scorecards_compute()}"
    outcome = PriorityOutcome.objects.filter(
        assessment__organisation=pct, assessment__cycle__code="2009-10", indicator__code="ALCOHOL_ADM"
    ).first()
    if outcome is not None:
        joint, created = JointOutcome.objects.get_or_create(outcome=outcome, council=council)
        PriorityOutcome.objects.filter(pk=outcome.pk).update(joint=True)
        author = get_user_model().objects.filter(username="la.partner").first()
        if created and author is not None:
            JointOutcomeComment.objects.create(
                joint_outcome=joint,
                author=author,
                text="Our licensing and community safety plans aim at the same admissions: we will share ward data.",
            )
    for name, basis, covered, outcomes, contributions in BUDGETS:
        if PooledBudget.objects.filter(name=name, partners=pct).exists():
            continue
        budget = PooledBudget.objects.create(name=name, legal_basis=basis, services=covered)
        budget.partners.set([pct, council])
        budget.outcomes.set(Indicator.objects.filter(code__in=outcomes))
        by_code = {"5NT": pct, "E08000003": council}
        PooledBudgetContribution.objects.bulk_create(
            PooledBudgetContribution(budget=budget, partner=by_code[code], year=year, amount=amount)
            for code, years in contributions.items()
            for year, amount in years.items()
        )
    return f"Manchester joint working: 1 joint outcome, {len(BUDGETS)} pooled budgets{computed}"
