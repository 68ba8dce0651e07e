"""The demo data: synthetic values marked as such, real values with their source, and idempotent."""

import math

from assurance import demo as assurance_demo
from assurance.models import Partnership
from outcomes import demo, joint_demo
from outcomes.models import Indicator, IndicatorValue, OrganisationBenchmark, PriorityOutcome


def test_the_demo_loads_once_and_a_second_run_changes_nothing(world):
    assurance_demo.load()
    demo.load()
    counts = (IndicatorValue.objects.count(), OrganisationBenchmark.objects.count(), PriorityOutcome.objects.count())
    demo.load()
    assert (
        IndicatorValue.objects.count(), OrganisationBenchmark.objects.count(), PriorityOutcome.objects.count()
    ) == counts  # fmt: skip
    synthetic = IndicatorValue.objects.filter(is_synthetic=True)
    assert synthetic.values("period").distinct().count() == 6
    assert synthetic.filter(indicator__code="LE_BIRTH_M", organisation__kind="PCT").count() == 151 * 6
    real = IndicatorValue.objects.filter(indicator__code="OBES_ADM_PRIMARY", organisation__code="5NT")
    assert real.count() == 2 and not real.filter(is_synthetic=True).exists()
    assert "Hospital Episode Statistics" in real.first().source
    alcohol = OrganisationBenchmark.objects.get(
        indicator__code="ALCOHOL_ADM", organisation__code="5NT", period="2009-10"
    )
    assert alcohol.worse_and_worsening and alcohol.is_synthetic
    manchester = PriorityOutcome.objects.filter(assessment__organisation__code="5NT", assessment__cycle__code="2009-10")
    assert manchester.count() == 8 and all(o.is_complete for o in manchester)


def test_coterminous_councils_and_pcts_agree_within_noise(world):
    """A council and a PCT that cover the same people get the same level for a shared indicator: their values
    differ only by counting chance (within five standard errors of the difference, and by a few per cent)."""
    assurance_demo.load()
    demo.load()
    pairs = list(Partnership.objects.filter(coterminous=True).values_list("pct_id", "council_id"))
    results = {
        (r.indicator_id, r.organisation_id, r.period): r
        for r in OrganisationBenchmark.objects.filter(indicator__code__in=joint_demo.COUNCIL_INDICATORS)
    }
    compared, worst = 0, dict.fromkeys(joint_demo.COUNCIL_INDICATORS, 0.0)
    codes = dict(Indicator.objects.values_list("pk", "code"))
    for (indicator, council, period), theirs in results.items():
        for pct, _ in (p for p in pairs if p[1] == council):
            ours = results.get((indicator, pct, period))
            if ours is None:
                continue
            se = math.hypot(*((r.upper_ci - r.lower_ci) / 3.92 for r in (ours, theirs)))
            assert abs(ours.value - theirs.value) < 5 * se, (indicator, pct, council, period)
            code = codes[indicator]
            worst[code] = max(worst[code], abs(ours.value - theirs.value) / ours.value)
            compared += 1
    assert compared >= 100 * 6  # over a hundred coterminous pairs, six periods, at least one shared indicator
    assert worst["ALCOHOL_ADM"] < 0.1, worst  # thousands of admissions: a few per cent at most (was up to 44%)
    manchester = OrganisationBenchmark.objects.filter(
        indicator__code="ALCOHOL_ADM", period="2009-10", organisation__code__in=["5NT", "E08000003"]
    )
    pct_value, council_value = (manchester.get(organisation__code=code).value for code in ("5NT", "E08000003"))
    assert abs(pct_value - council_value) / pct_value < 0.05  # was 44% apart
