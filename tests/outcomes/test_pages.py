"""Scorecard, data pack and API read the same stored numbers, in a fixed number of queries."""

import csv
import io
import json

import pytest
from django.urls import reverse

from outcomes import presenters, services
from outcomes.models import IndicatorValue, OrganisationBenchmark
from tests.outcomes import data
from tests.outcomes.conftest import load_values
from tests.queries import page_queries

CHOICE = ["LE_BIRTH_M", "LE_SII_M", "MORT_CVD_U75", "BREASTFEEDING_INIT"]


def _choose(world, codes=CHOICE):
    indicators = list(services.Indicator.objects.filter(code__in=codes))
    services.outcomes_choose(
        assessment=world.assessment, indicators=indicators, by=world.users["pct_lead"],
        fingerprint=services.outcomes_fingerprint(world.assessment),
    )  # fmt: skip


def _scorecard_url(world, name="outcomes:scorecard"):
    return reverse(name, kwargs={"code": world.pct.code, "cycle": world.cycle.code})


def test_page_csv_and_api_show_the_same_stored_numbers(scored):
    _choose(scored)
    client = scored.client_for("pct_lead")
    api = client.get(reverse("scorecard-detail", kwargs={"cycle": "2009-10", "org_code": "5NT"})).json()
    page = client.get(_scorecard_url(scored)).content.decode()
    lines = list(
        csv.DictReader(io.StringIO(client.get(_scorecard_url(scored, "outcomes:scorecard_csv")).content.decode()))
    )
    assert {o["indicator"] for o in api["outcomes"]} == set(CHOICE)
    # Values of indicators the PCT has not chosen are stored but not on its scorecard.
    assert IndicatorValue.objects.filter(indicator__code="MORT_ALL_AGE", organisation__code="5NT").exists()
    assert "All-age all-cause mortality" not in page and "MORT_ALL_AGE" not in {x["indicator_code"] for x in lines}
    for outcome in api["outcomes"]:
        stored = OrganisationBenchmark.objects.get(
            indicator__code=outcome["indicator"], organisation__code="5NT", period=outcome["period"]
        )
        assert (outcome["value"], outcome["comparison"], outcome["trend"]) == (
            stored.value, stored.comparison, stored.trend
        )  # fmt: skip
        assert f"{stored.value:.2f}" in page and f"{outcome['national_average']:.2f}" in page
        line = next(
            x for x in lines if x["indicator_code"] == outcome["indicator"] and x["period"] == outcome["period"]
        )
        # the CSV rounds as the page shows (2 decimal places)
        assert float(line["value"]) == round(outcome["value"], 2) and line["comparison"] == outcome["comparison"]
        assert float(line["national_average"]) == round(outcome["national_average"], 2)


def test_benchmarks_api_has_the_documented_shape_and_the_stored_numbers(scored):
    client = scored.client_for("other_pct_lead")  # any signed-in user may read benchmarks of any indicator
    body = client.get(reverse("indicator-benchmarks", kwargs={"code": "LE_BIRTH_M"}) + "?period=2009-10").json()
    assert list(body) == [
        "indicator", "period", "polarity", "national_average", "national_source", "q1", "median", "q3",
        "upper_quartile", "organisations",
    ]  # fmt: skip
    assert (body["indicator"], body["period"], body["polarity"], body["national_source"]) == (
        "LE_BIRTH_M", "2009-10", "higher", "england"
    )  # fmt: skip
    assert body["national_average"] == pytest.approx(77.2)
    assert list(body["organisations"][0]) == [
        "org_code", "value", "lower_ci", "upper_ci", "ci_source", "lower_ci_998", "upper_ci_998", "comparison",
        "quartile", "trend", "trend_slope", "trend_p_value",
    ]  # fmt: skip
    assert len(body["organisations"]) == 6
    assert {o["ci_source"] for o in body["organisations"]} == {"data"}
    proportion = client.get(reverse("indicator-benchmarks", kwargs={"code": "BREASTFEEDING_INIT"})).json()
    assert proportion["period"] == "2009-10" and {o["ci_source"] for o in proportion["organisations"]} == {"computed"}
    assert (
        client.get(reverse("indicator-benchmarks", kwargs={"code": "LE_BIRTH_M"}) + "?org_type=SHA").status_code == 400
    )


def test_benchmarks_api_gives_england_from_counts_or_none(scored):
    """Without England's row: sum of numerators over sum of denominators where every PCT has counts
    ("aggregate"), otherwise null and nothing compared."""
    IndicatorValue.objects.filter(
        organisation__code="E92000001", indicator__code__in=["BREASTFEEDING_INIT", "LE_SII_M"]
    ).delete()
    services.scorecards_compute()
    client = scored.client_for("other_pct_lead")
    body = client.get(reverse("indicator-benchmarks", kwargs={"code": "BREASTFEEDING_INIT"}) + "?period=2009-10").json()
    counts = IndicatorValue.objects.filter(indicator__code="BREASTFEEDING_INIT", period="2009-10")
    numerators, denominators = zip(*counts.values_list("numerator", "denominator"), strict=True)
    assert body["national_source"] == "aggregate"
    assert body["national_average"] == pytest.approx(sum(numerators) / sum(denominators) * 100)
    body = client.get(reverse("indicator-benchmarks", kwargs={"code": "LE_SII_M"}) + "?period=2009-10").json()
    assert (body["national_source"], body["national_average"]) == (None, None)
    assert {o["comparison"] for o in body["organisations"]} == {"not tested"}


def test_worse_and_worsening_is_flagged(scored):
    rows = [f"MORT_CVD_U75,5NT,{p},{100 + 8 * i},,,{99 + 8 * i},{101 + 8 * i}" for i, p in enumerate(data.PERIODS)]
    services.import_values(data.csv_text(rows), "worse.csv", recompute=False)
    services.scorecards_compute()
    _choose(scored)
    page = scored.client_for("pct_lead").get(_scorecard_url(scored)).content.decode()
    flagged = set(
        OrganisationBenchmark.objects.filter(
            organisation__code="5NT", period="2009-10", indicator__code__in=CHOICE, comparison="worse",
            trend="worsening",
        ).values_list("indicator__code", flat=True)
    )  # fmt: skip
    assert "MORT_CVD_U75" in flagged  # 100 .. 132, each +/- 1, against England's 90 .. 78
    assert page.count("Worse than England and worsening") == 2 * len(flagged)  # in the summary and on its outcome
    pack = scored.client_for("pct_lead").get(
        reverse("outcomes:data_pack", kwargs={"code": "5NT"}) + "?area=Outcomes+and+vital+signs"
    )
    assert "worse than England and worsening" in pack.content.decode()


def test_synthetic_values_are_labelled_and_real_ones_show_their_source(scored):
    _choose(scored)
    page = scored.client_for("pct_lead").get(_scorecard_url(scored)).content.decode()
    assert "Synthetic data" not in page and "source: Imported from values.csv" not in page
    IndicatorValue.objects.filter(indicator__code="LE_BIRTH_M").update(is_synthetic=True)
    services.scorecards_compute()
    page = scored.client_for("pct_lead").get(_scorecard_url(scored)).content.decode()
    assert "Synthetic data" in page and page.count(">synthetic</strong>") == 1


def test_each_chart_is_json_data_and_the_methods_page_is_linked(scored):
    _choose(scored)
    page = scored.client_for("pct_lead").get(_scorecard_url(scored)).content.decode()
    assert page.count('<script type="application/json"') == len(CHOICE)
    first = page.split('<script type="application/json" id="chart-1">')[1].split("</script>")[0]
    names = [trace["name"] for trace in json.loads(first)["data"]]
    assert names == ["Manchester PCT", "England average", "Upper quartile of PCTs", "Trajectory (aim)"]
    assert reverse("outcomes:methods") in page
    assert "<script>" not in page  # the Content-Security-Policy forbids inline scripts


def test_scorecard_and_data_pack_run_a_fixed_number_of_queries_whatever_the_number_of_pcts(
    world, django_assert_max_num_queries
):
    load_values(pct_count=4)
    _choose(world)
    client = world.client_for("pct_lead")
    pack = reverse("outcomes:data_pack", kwargs={"code": "5NT"}) + "?area=Outcomes+and+vital+signs"
    client.get(pack)  # the first request of a session also reads the demo-data flag into the cache
    few = (page_queries(client, _scorecard_url(world)), page_queries(client, pack))
    load_values(pct_count=60)
    many = (page_queries(client, _scorecard_url(world)), page_queries(client, pack))
    assert few == many
    with django_assert_max_num_queries(14):  # 12, one for the councils of joint outcomes, one for the signed-off report
        client.get(_scorecard_url(world))
    with django_assert_max_num_queries(12):
        client.get(pack)


def test_data_pack_lists_every_indicator_of_the_area_and_downloads_as_csv(scored):
    client = scored.client_for("sha_lead")
    page = client.get(reverse("outcomes:data_pack", kwargs={"code": "5NT"}) + "?area=Outcomes+and+vital+signs")
    assert page.status_code == 200
    body = page.content.decode()
    for name in ["Life expectancy at birth, males", "All-age all-cause mortality, directly standardised rate"]:
        assert name in body
    assert "govuk-select" in body and "Primary care" in body
    download = client.get(reverse("outcomes:data_pack_csv", kwargs={"code": "5NT"}) + "?area=Outcomes+and+vital+signs")
    lines = list(csv.DictReader(io.StringIO(download.content.decode())))
    assert len(lines) == 7
    stored = OrganisationBenchmark.objects.get(indicator__code="LE_BIRTH_M", organisation__code="5NT", period="2009-10")
    line = next(x for x in lines if x["indicator_code"] == "LE_BIRTH_M")
    assert float(line["value"]) == round(stored.value, 2) and line["quartile"] == str(stored.quartile)
    assert client.get(reverse("outcomes:data_pack", kwargs={"code": "5NT"}) + "?area=Nope").status_code == 404


def test_on_track_compares_the_latest_plan_year_with_its_aim(scored):
    _choose(scored, ["LE_BIRTH_M", "LE_SII_M"])
    outcome = services.PriorityOutcome.objects.get(assessment=scored.assessment, indicator__code="LE_SII_M")
    latest = OrganisationBenchmark.objects.get(indicator__code="LE_SII_M", organisation__code="5NT", period="2009-10")
    value = latest.value
    # Lower is better; the interval is value -/+ 2% (about 0.18): an aim 0.5 below is missed outright, 0.1 below
    # lies inside the interval, 0.5 above is met.
    for aim, verdict in [(value - 0.5, "not met"), (value - 0.1, "not met, within uncertainty"), (value + 0.5, "met")]:
        outcome.trajectory = [aim, 8, 7.9, 7.8, 7.7]
        outcome.save()
        page = scored.client_for("pct_lead").get(_scorecard_url(scored)).content.decode()
        assert f"2009-10: {verdict} (2009-10 value {value:.4g} against an aim of {aim:.4g})" in page
        assert f'<strong class="govuk-tag {presenters.ON_TRACK_TAG[verdict]}">{verdict}</strong>' in page
        assert page.count(">no value yet</strong>") == 4  # 2010-11 .. 2013-14 have no data yet
