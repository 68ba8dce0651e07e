"""Demo joint working for Manchester: council values, a joint outcome with a comment, and two pooled budgets.

Council values are synthetic (same seed every run, marked `is_synthetic`), made as the PCT values are.
"""

import numpy as np
from django.contrib.auth import get_user_model

from assurance.codes import ENGLAND_CODE
from assurance.models import Organisation, Partnership

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
    """Synthetic values of the joint indicators for every upper-tier council with social care.

    A council coterminous with a PCT covers the same people, so where the PCT has a value its level is the PCT's
    and only the council's own count differs by chance (a Poisson or binomial draw around it); other councils
    are offset from England as the PCTs are.
    """
    rng = np.random.default_rng(demo.SEED + 7)
    councils = list(Organisation.objects.filter(kind="LA", social_care=True).order_by("code"))
    england = Organisation.objects.get(code=ENGLAND_CODE)
    twins = dict(Partnership.objects.filter(coterminous=True, council__in=councils).values_list("council_id", "pct_id"))
    indicators = list(Indicator.objects.filter(code__in=COUNCIL_INDICATORS).order_by("code"))
    pct_levels = {
        (v.indicator_id, v.organisation_id, v.period): v.value
        for v in IndicatorValue.objects.filter(indicator__in=indicators, organisation_id__in=set(twins.values()))
    }
    rows = []
    for indicator in indicators:
        for value in demo._indicator_values(indicator, councils, england, rng):
            if value.organisation == england:
                continue
            level = pct_levels.get((indicator.pk, twins.get(value.organisation.pk), value.period))
            rows.append(
                value if level is None else demo._pct_value(indicator, value.organisation, value.period, level, rng)
            )
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
