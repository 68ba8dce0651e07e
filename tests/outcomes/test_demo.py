"""The demo data: synthetic values marked as such, real values with their source, and idempotent."""

from assurance import demo as assurance_demo
from outcomes import demo
from outcomes.models import IndicatorValue, OrganisationBenchmark, PriorityOutcome


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
