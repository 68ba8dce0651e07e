"""The outcomes section of the pack, report and PDF: the outcomes app's stored scorecard, charted as SVG."""

import pytest
from django.urls import reverse

from panels.selectors import scorecard_for
from tests.panels.helpers import review_day

pytestmark = pytest.mark.django_db


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
    _stored_scorecard(world.assessment)
    day = review_day(world, reported=True)
    scorecard = scorecard_for(day.assessment)
    assert scorecard["period"] == "2008-09" and len(scorecard["rows"]) == 1
    assert scorecard["rows"][0].chart.count("<circle") == 9  # PCT, England and upper quartile in three periods
    client = world.client_for("pct_lead")
    page = client.get(reverse("panels:report", kwargs={"cycle_code": "2009-10", "code": "5NT"})).content.decode()
    assert "Life expectancy at birth (panel test)" in page and "<svg" in page and "Outcome data: 2008-09" in page
    pdf = client.get(reverse("panels:report_pdf", kwargs={"cycle_code": "2009-10", "code": "5NT"}))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_a_signed_off_report_keeps_its_scorecard_and_a_new_version_shows_the_latest(world):
    from outcomes.models import OrganisationBenchmark
    from panels.models import Report
    from panels.services import report_new_version

    _stored_scorecard(world.assessment)
    review_day(world, reported=True)
    address = reverse("panels:report", kwargs={"cycle_code": "2009-10", "code": "5NT"})
    signed = Report.objects.get(assessment=world.assessment)
    kept = signed.ratings_snapshot["scorecard"]
    assert [(row["name"], row["period"], row["value"]) for row in kept] == [
        ("Life expectancy at birth (panel test)", "2008-09", 76.0)
    ]
    assert kept[0]["comparison"] == "Worse than England" and kept[0]["national_average"] == 78.0
    OrganisationBenchmark.objects.filter(period="2008-09", indicator__code="PANELS_LE").update(value=81.25)

    def page(role):
        return " ".join(world.client_for(role).get(address).content.decode().split())

    signed_page = page("pct_lead")
    assert "76.00" in signed_page and "81.25" not in signed_page
    assert "The scorecard as it stood when this version was signed off on" in signed_page
    report_new_version(assessment=world.assessment, by=world.users["panel_chair"])
    draft_page = page("panel_chair")  # the panel sees the draft of version 2: today's stored results
    assert "81.25" in draft_page and "76.00" not in draft_page
    assert "the report keeps them as they stand when it is signed off" in draft_page
    assert "76.00" in page("pct_lead")  # the PCT still sees version 1 as signed off
