"""The outcomes section of the pack, report and PDF: the outcomes app's stored scorecard, charted as SVG."""

import pytest
from django.urls import reverse

from panels.selectors import scorecard_for
from tests.panels.helpers import review_day

outcome_selectors = pytest.importorskip("outcomes.selectors")
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not hasattr(outcome_selectors, "scorecard"), reason="the outcomes app has no scorecard yet"),
]


def _stored_scorecard(assessment):
    """One chosen outcome with three periods of stored results and benchmarks, as the outcomes app stores them."""
    from outcomes.models import Benchmark, Indicator, OrganisationBenchmark, PriorityOutcome

    indicator = Indicator.objects.create(
        code="PANELS_LE", name="Life expectancy at birth (panel test)", unit="years", polarity="higher",
        data_pack_area="Life expectancy", org_types="PCT",
    )  # fmt: skip
    PriorityOutcome.objects.create(assessment=assessment, indicator=indicator)
    for n, period in enumerate(["2006-07", "2007-08", "2008-09"]):
        OrganisationBenchmark.objects.create(
            indicator=indicator, organisation=assessment.organisation, period=period, period_start_year=2006 + n,
            org_type="PCT", value=74.0 + n, comparison="worse", trend="improving",
        )  # fmt: skip
        Benchmark.objects.create(
            indicator=indicator, period=period, period_start_year=2006 + n, org_type="PCT",
            national_average=77.0 + n / 2, upper_quartile=78.0 + n / 2,
        )  # fmt: skip


def test_the_report_and_its_pdf_show_the_stored_scorecard_with_a_chart(world):
    day = review_day(world, reported=True)
    _stored_scorecard(day.assessment)
    scorecard = scorecard_for(day.assessment)
    assert scorecard["period"] == "2008-09" and len(scorecard["rows"]) == 1
    assert scorecard["rows"][0].chart.count("<circle") == 9  # PCT, England and upper quartile in three periods
    client = world.client_for("pct_lead")
    page = client.get(reverse("panels:report", kwargs={"cycle_code": "2009-10", "code": "5NT"})).content.decode()
    assert "Life expectancy at birth (panel test)" in page and "<svg" in page and "Outcome data: 2008-09" in page
    pdf = client.get(reverse("panels:report_pdf", kwargs={"cycle_code": "2009-10", "code": "5NT"}))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
