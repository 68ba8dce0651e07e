"""Cycle bounding (DESIGN.md section 5): every view of a cycle reads only periods that end by the end of its
financial year, so importing later data never changes what a past cycle shows."""

import json
import re
import subprocess
from datetime import date
from types import SimpleNamespace

import numpy as np
import pytest
from django.db import connection
from django.urls import reverse

from assurance.choices import State
from assurance.models import Assessment, Organisation
from assurance.national import selectors as national_selectors
from assurance.national import services as national_services
from outcomes import joint_selectors, selectors, services
from outcomes.models import Benchmark, Indicator, IndicatorValue, JointOutcome, OrganisationBenchmark, PriorityOutcome
from outcomes.periods import cycle_financial_year, period_financial_year
from tests.national.test_pages import _publish
from tests.outcomes import data
from tests.panels.helpers import review_day

PCTS = ["5NT", "5HQ", "5ND", "5HG", "5J5", "5HP", "5JX", "5NQ"]
ROLLING = ["2003-05", "2004-06", "2005-07", "2006-08", "2007-09"]  # the last ends in December 2009: in 2009-10
AIMS = [49, 48, 47, 46, 45]
# When a page was produced, or its figures computed or prepared: "2 December 2026 18:03", "2 December 2026, 18:03"
TIME = re.compile(r"\d{1,2} \w+ \d{4},?( at)? \d{1,2}[:.]\d{2}")
CHOSEN = ["CDIFF", "LE_BIRTH_M", "LE_BIRTH_F", "LE_SII_M"]


def _cdiff_row(pct: str, period: str, value: float) -> str:
    return f"CDIFF,{pct},{period},{value:.3f},,,{value * 0.9:.3f},{value * 1.1:.3f}"


def _earlier_rows(pcts: list[str]) -> list[str]:
    """Financial years 2005-06 to 2009-10 for three indicators and CDIFF; rolling years to 2007-09 for LE_BIRTH_F."""
    rng = np.random.default_rng(7)
    rows = data.value_rows(pcts, indicators=["LE_BIRTH_M", "LE_SII_M", "MORT_CVD_U75"])
    for i, period in enumerate(data.PERIODS):
        rows.append(f"CDIFF,E92000001,{period},{60 - 2 * i},,,,")
        rows += [_cdiff_row(pct, period, (60 - 2 * i) * rng.uniform(0.6, 1.4)) for pct in pcts]
    for i, period in enumerate(ROLLING):
        rows.append(f"LE_BIRTH_F,E92000001,{period},{80 + 0.2 * i},,,,")
        for pct in pcts:
            value = (80 + 0.2 * i) * rng.uniform(0.97, 1.03)
            rows.append(f"LE_BIRTH_F,{pct},{period},{value:.3f},,,{value - 0.4:.3f},{value + 0.4:.3f}")
    return rows


def _later_rows(pcts: list[str]) -> list[str]:
    """The issue's three C. difficile rows for 2010-11, and rolling 2008-10 (starts in 2008, ends in 2010-11)."""
    rows = ["CDIFF,E92000001,2010-11,20,,,,", _cdiff_row("5NT", "2010-11", 200.0), _cdiff_row("5HG", "2010-11", 5.0)]
    rows.append("LE_BIRTH_F,E92000001,2008-10,70,,,,")
    rows += [f"LE_BIRTH_F,{pct},2008-10,{60 + n},,,{59 + n},{61 + n}" for n, pct in enumerate(pcts)]
    return rows


def _import(rows: list[str]) -> None:
    result = services.import_values(data.csv_text(rows), "values.csv", recompute=False)
    assert not result.refused, result.errors
    services.scorecards_compute()


def _choose(assessment: Assessment) -> list[PriorityOutcome]:
    indicators = Indicator.objects.filter(code__in=CHOSEN)
    return [
        PriorityOutcome.objects.create(
            assessment=assessment,
            indicator=i,
            baseline=50.0,
            baseline_period="2008-09",
            trajectory=[49, 48, 47, 46, 45],
        )
        for i in indicators
    ]


@pytest.fixture
def bounded(world):
    """Values to 2009-10 (and rolling 2007-09), 5NT's outcomes in review, 5HG published with the same outcomes."""
    _import(_earlier_rows(PCTS))
    outcomes = _choose(world.assessment)
    JointOutcome.objects.create(outcome=next(o for o in outcomes if o.indicator.code == "CDIFF"), council=world.council)
    review_day(world, State.IN_REVIEW)
    hg, _ = Assessment.objects.get_or_create(organisation=Organisation.objects.get(code="5HG"), cycle=world.cycle)
    _choose(hg)
    _publish(world, "5HG")
    return world


def _pages(world) -> dict[str, str]:
    """Every view of the 2009-10 cycle that shows outcome results, as text with per-request tokens removed."""
    cycle, code = world.cycle.code, world.pct.code
    pct = {"code": code, "cycle": cycle}
    panel = {"cycle_code": cycle, "code": code}
    area = {"area": "Non-elective care", "cycle": cycle}
    wanted = {
        "pct_lead": [
            reverse("outcomes:scorecard", kwargs=pct),
            reverse("outcomes:scorecard_csv", kwargs=pct),
            (reverse("outcomes:data_pack", args=[code]), area),
            (reverse("outcomes:data_pack", args=[code]), area | {"area": "Outcomes and vital signs"}),
            (reverse("outcomes:data_pack_csv", args=[code]), area),
            f"/api/v1/cycles/{cycle}/scorecards/{code}/",
        ],
        "panel_chair": [
            reverse("panels:pack", kwargs=panel),
            reverse("panels:workspace", kwargs=panel),
            reverse("panels:report", kwargs=panel),
            reverse("panels:report_pdf", kwargs=panel),
        ],
        "dh_analyst": [
            reverse("national:dashboard", args=[cycle]),
            reverse("national:sha", args=[cycle, "Q31"]),
            reverse("national:download", args=[cycle, "E92000001", "indicators"]),
            f"/api/v1/cycles/{cycle}/rollup/",
        ],
        "la_partner": [
            reverse("partnerships:council", args=[world.council.code]),
            reverse("partnerships:csv", args=[world.council.code]),
            reverse("partnerships:api", args=[world.council.code]),
        ],
        "anonymous": [
            reverse("national:report_card", args=[cycle, "5HG"]),
            f"/api/v1/public/{cycle}/report-cards/5HG/",
        ],
    }
    pages = {}
    for role, urls in wanted.items():
        client = world.client_for(role)
        for url in urls:
            url, params = url if isinstance(url, tuple) else (url, {})
            response = client.get(url, params)
            assert response.status_code == 200, (role, url, response.status_code)
            pages[f"{url}?{params}"] = _normalised(response)
    return pages


def _normalised(response) -> str:
    """The body without what differs between any two requests: CSRF tokens, nonces, when it was computed."""
    if response["Content-Type"] == "application/pdf":  # its text: the file itself records when it was made
        pdf = subprocess.run(["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True)
        return TIME.sub("<time>", pdf.stdout.decode())
    if response["Content-Type"].startswith("application/json"):
        return json.dumps(_without_times(json.loads(response.content)), sort_keys=True)
    text = response.content.decode()
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", text)
    text = re.sub(r'nonce="[^"]*"', "", text)
    return TIME.sub("<time>", text)


def _without_times(value):
    if isinstance(value, dict):
        return {k: _without_times(v) for k, v in value.items() if k != "computed_at"}
    if isinstance(value, list):
        return [_without_times(v) for v in value]
    return value


def test_importing_a_later_period_changes_no_view_of_the_earlier_cycle(bounded):
    before = _pages(bounded)
    _import(_later_rows(PCTS))
    national_services.rollups_refresh(cycle=bounded.cycle)  # as the scorecards_stored signal queues it
    assert OrganisationBenchmark.objects.filter(period__in=["2010-11", "2008-10"]).count() == 2 + len(PCTS)
    after = _pages(bounded)
    assert after.keys() == before.keys()
    for url, page in before.items():
        assert after[url] == page, f"{url} changed after importing 2010-11 data"
    assert "Outcome data: 2007-09 to 2009-10" in before[next(k for k in before if k.endswith("/pdf/?{}"))]
    scorecard = after[next(k for k in after if k.endswith("/scorecard/?{}"))]
    assert "Latest value (2009-10)" in scorecard and "Latest value (2010-11)" not in scorecard
    assert not any("2008-10" in page for page in after.values())


def test_the_generated_financial_year_is_the_periods_rule(world):
    periods = ["2009", "1999", "2009-10", "1999-00", "2006-08", "1998-00", "2005-09", "2007-09", "2010-11", "2096-00"]
    indicator = Indicator.objects.get(code="CDIFF")
    Benchmark.objects.bulk_create(
        [Benchmark(indicator=indicator, period=p, period_start_year=int(p[:4]), org_type="PCT") for p in periods]
    )
    stored = dict(Benchmark.objects.filter(indicator=indicator).values_list("period", "period_financial_year"))
    assert stored == {p: period_financial_year(p) for p in periods}
    assert (stored["2009"], stored["2006-08"], stored["2009-10"], stored["1998-00"]) == (2009, 2008, 2009, 2000)


def test_a_cycle_ends_with_its_financial_year(world):
    assert cycle_financial_year(world.cycle) == 2009  # 2009-10 ends on 31 March 2010
    assert cycle_financial_year(SimpleNamespace(end_date=date(2010, 4, 30))) == 2010


@pytest.fixture
def later(bounded):
    _import(_later_rows(PCTS))
    return bounded


def test_the_scorecard_reads_the_latest_period_within_the_cycle(later):
    rows = {row.indicator.code: row for row in selectors.scorecard(later.assessment)}
    assert rows["CDIFF"].latest.period == "2009-10"
    assert rows["CDIFF"].latest_benchmark.period == "2009-10"  # quartiles of the cycle's period, not 2010-11's
    assert rows["LE_BIRTH_F"].latest.period == "2007-09"  # ends December 2009: inside 2009-10
    assert all(p.period not in ("2010-11", "2008-10") for row in rows.values() for p in row.series)
    assert set(rows["CDIFF"].benchmarks) == set(data.PERIODS)


def test_the_data_pack_reads_the_latest_period_within_the_cycle(later):
    pack = {r.indicator.code: r for r in selectors.data_pack(later.pct, "Non-elective care", later.cycle)}
    assert (pack["CDIFF"].result.period, pack["CDIFF"].benchmark.period) == ("2009-10", "2009-10")
    earlier = {r.indicator.code: r for r in selectors.data_pack(later.pct, "Non-elective care", later.previous_cycle)}
    assert earlier["CDIFF"].result.period == "2008-09"


def test_the_data_pack_page_names_its_cycle_and_refuses_an_unknown_one(later):
    client = later.client_for("pct_lead")
    url = reverse("outcomes:data_pack", args=["5NT"])
    page = client.get(url, {"cycle": "2008-09", "area": "Non-elective care"}).content.decode()
    assert "2008-09 cycle" in page and "2009-10</td>" not in page
    assert client.get(url, {"cycle": "1999-00"}).status_code == 404


def test_national_results_and_cards_stop_at_the_cycle_not_its_start_year(later):
    """Rolling 2008-10 starts in 2008, before the cycle's start year, but ends in 2010-11: not read."""
    results = national_selectors.result_frame(later.cycle)
    frame = national_selectors.outcome_frame(later.cycle, ["5HG"])
    assert set(frame.loc[frame["indicator"] == "LE_BIRTH_F", "period"]) == {"2007-09"}
    assert set(frame.loc[frame["indicator"] == "CDIFF", "period"]) == {"2009-10"}
    assert frame["england"].notna().all()
    counted = set(national_selectors.signed_off(later.cycle).values_list("organisation__code", flat=True))
    assert counted and len(results[results["indicator"] == "LE_BIRTH_F"]) == len(counted & set(PCTS))


def test_joint_outcomes_and_budgets_read_the_cycles_periods(later):
    latest = joint_selectors.latest_results({Indicator.objects.get(code="CDIFF").pk}, {later.pct.pk}, later.cycle)
    assert [r.period for r in latest.values()] == ["2009-10"]
    assert joint_selectors.latest_results({1}, {later.pct.pk}, None) == {}


def test_values_for_a_cycle_and_the_offered_baseline_end_by_its_financial_year(later):
    frame = selectors.values_frame(cycle=later.cycle)
    assert not frame["period"].isin(["2010-11", "2008-10"]).any() and frame["period"].isin(["2007-09"]).any()
    ids = set(Indicator.objects.filter(code__in=["CDIFF", "LE_BIRTH_F"]).values_list("pk", flat=True))
    offered = services._latest_values(later.pct, ids, before=later.cycle)
    # Before the plan's first year 2009-10: 2008-09, and rolling 2006-08 (2007-09 ends in 2009-10)
    assert sorted(v["baseline_period"] for v in offered.values()) == ["2006-08", "2008-09"]


def test_computing_for_a_cycle_stores_the_same_results_as_computing_everything(later):
    def stored():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indicator_id, organisation_id, period, value, comparison, quartile, trend, trend_slope "
                "FROM outcomes_organisationbenchmark ORDER BY 1, 2, 3"
            )
            return cursor.fetchall()

    everything = stored()
    OrganisationBenchmark.objects.for_cycle(later.cycle).delete()
    services.scorecards_compute(cycle_id=later.cycle.pk)
    assert stored() == everything
    assert IndicatorValue.objects.for_cycle(later.cycle).count() < IndicatorValue.objects.count()
