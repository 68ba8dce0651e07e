"""Trends (DESIGN.md section 5, "trend"): weighted least squares, chi-square at 99.8%, the leave-one-out check.

Every expected number is worked by hand in the comments.
"""

import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from outcomes import trends
from outcomes.scorecard import compute

NAN = np.nan
YEARS = np.array([2005.0, 2006.0, 2007.0, 2008.0, 2009.0])


def _trend(periods, values, half_widths, polarity="higher", lower=None, upper=None) -> pd.DataFrame:
    """One organisation's series through the whole computation; its rows by period."""
    lower = [v - h for v, h in zip(values, half_widths, strict=True)] if lower is None else lower
    upper = [v + h for v, h in zip(values, half_widths, strict=True)] if upper is None else upper
    frame = pd.DataFrame(
        {
            "indicator_code": "T", "org_code": "A", "org_type": "PCT", "period": periods, "value": values,
            "lower_ci": lower, "upper_ci": upper,
        }
    )  # fmt: skip
    indicators = pd.DataFrame({"code": ["T"], "polarity": [polarity], "unit": ["years"]})
    return compute(frame, indicators).organisations.set_index("period")


def test_the_worked_example_of_the_methods_page():
    # SE = width / 3.92: 4 / 3.92 = 1.020408, 3 / 3.92 = 0.765306, 2 / 3.92 = 0.510204 (three times);
    # w = 1 / SE^2 = 0.960400, 1.707378, 3.841600 x 3. With x = years since 2005 (0..4; shifting x changes
    # neither the slope nor its SE): S1 = 14.192578, Sx = 1.707378 + 2*3.8416 + 3*3.8416 + 4*3.8416 = 36.281778,
    # Sy = 1022.463182, Sxx = 1.707378 + 3.8416 * (4 + 9 + 16) = 113.113778, Sxy = 2629.020302.
    # S1*Sxx - Sx^2 = 1605.373 - 1316.365 = 289.008690; b = (S1*Sxy - Sx*Sy) / 289.008690 = 0.746667 a year;
    # SE(b) = sqrt(14.192578 / 289.008690) = 0.221603; chi2 = (0.746667 / 0.221603)^2 = 11.3528 > 9.5495.
    example = trends.explain(**trends.WORKED_EXAMPLE)
    assert example["standard_errors"].round(6).tolist() == [1.020408, 0.765306, 0.510204, 0.510204, 0.510204]
    assert example["weights"].round(6).tolist() == [0.9604, 1.707378, 3.8416, 3.8416, 3.8416]
    assert round(example["slope"], 6) == 0.746667
    assert round(example["standard_error"], 6) == 0.221603
    assert round(example["chi2"], 4) == 11.3528
    assert example["p_value"] == pytest.approx(stats.chi2.sf(11.3528, 1), rel=1e-4)
    assert round(example["p_value"], 5) == 0.00075
    # Leaving out each point in turn, the slopes stay positive: 0.721, 0.770, 0.727, 0.719, 0.844.
    assert example["leave_one_out"].round(3).tolist() == [0.721, 0.770, 0.727, 0.719, 0.844]
    assert example["significant"]


def test_the_worked_example_is_what_the_methods_page_and_docs_say(client, db):
    from pathlib import Path

    page = client.get("/methods/").content.decode()
    docs = (Path(__file__).resolve().parents[2] / "docs" / "outcomes.md").read_text()
    example = trends.explain(**trends.WORKED_EXAMPLE)
    texts = [
        *(f"{se:.3f}" for se in example["standard_errors"]), *(f"{w:.3f}" for w in example["weights"]),
        f"{example['slope']:.3f}", f"{example['standard_error']:.3f}", f"{example['chi2']:.2f}",
        f"{example['p_value']:.5f}", *(f"{slope:.3f}" for slope in example["leave_one_out"]),
    ]  # fmt: skip
    assert texts == [
        "1.020", "0.765", "0.510", "0.510", "0.510", "0.960", "1.707", "3.842", "3.842", "3.842", "0.747", "0.222",
        "11.35", "0.00075", "0.721", "0.770", "0.727", "0.719", "0.844",
    ]  # fmt: skip
    for text in texts:
        assert text in page, text
        assert text in docs, text


def test_significant_both_ways_through_polarity():
    example = trends.WORKED_EXAMPLE
    periods = [str(int(year)) for year in example["years"]]
    half = [(u - lo) / 2 for lo, u in zip(example["lower"], example["upper"], strict=True)]
    rising = _trend(periods, example["values"], half)
    assert rising.loc["2009", "trend"] == "improving"
    assert rising.loc["2009", "trend_slope"] == pytest.approx(0.746667, abs=1e-6)
    assert rising.loc["2009", "trend_p_value"] == pytest.approx(stats.chi2.sf(11.352804, 1), rel=1e-6)
    falling = _trend(periods, [-v for v in example["values"]], half)  # mirrored: b = -0.746667, same chi2
    assert falling.loc["2009", "trend"] == "worsening"
    assert _trend(periods, example["values"], half, polarity="lower").loc["2009", "trend"] == "worsening"
    assert _trend(periods, [-v for v in example["values"]], half, "lower").loc["2009", "trend"] == "improving"


def test_polarity_none_names_the_direction():
    example = trends.WORKED_EXAMPLE
    periods = [str(int(year)) for year in example["years"]]
    half = [(u - lo) / 2 for lo, u in zip(example["lower"], example["upper"], strict=True)]
    assert _trend(periods, example["values"], half, "none").loc["2009", "trend"] == "increasing"
    assert _trend(periods, [-v for v in example["values"]], half, "none").loc["2009", "trend"] == "decreasing"


def test_a_straight_line_with_wide_intervals_is_no_significant_change():
    # 70.0, 70.1, .., 70.4, each +/- 5: w = (3.92 / 10)^2 = 0.153664; equal weights, so chi2 = b^2 * w * Sxx
    # = 0.01 * 0.153664 * 10 = 0.0154, far below 9.5495 (the old unweighted test called this "improving", p = 0).
    rows = _trend(["2005", "2006", "2007", "2008", "2009"], [70.0, 70.1, 70.2, 70.3, 70.4], [5.0] * 5)
    assert rows.loc["2009", "trend"] == "no significant change"
    assert rows.loc["2009", "trend_slope"] == pytest.approx(0.1)
    assert rows.loc["2009", "trend_p_value"] == pytest.approx(stats.chi2.sf(0.0153664, 1), rel=1e-6)


def test_one_outlying_point_cannot_make_a_trend():
    # 10.2, 10.1, 10.0, 9.9 then 20, each +/- 0.5 (w = 15.3664): b = 1.94, chi2 = 578, but without the last point
    # the slope is -0.1 (10.2 .. 9.9 falls by 0.1 a year): not the same sign, so not significant.
    values = [10.2, 10.1, 10.0, 9.9, 20.0]
    example = trends.explain(YEARS, values, [v - 0.5 for v in values], [v + 0.5 for v in values])
    assert example["slope"] == pytest.approx(1.94) and example["chi2"] > 500
    assert example["leave_one_out"].round(4).tolist() == [2.96, 1.94, 1.94, 2.5229, -0.1]
    assert not example["significant"]
    rows = _trend(["2005", "2006", "2007", "2008", "2009"], values, [0.5] * 5)
    assert rows.loc["2009", "trend"] == "no significant change"


def test_four_points_are_not_enough_data_and_the_issues_three_rounded_values_neither():
    rows = _trend(["2006", "2007", "2008", "2009"], [1.0, 2.0, 3.0, 4.0], [0.1] * 4)
    assert rows["trend"].tolist() == ["not enough data"] * 4
    assert rows["trend_slope"].isna().all() and rows["trend_p_value"].isna().all()
    rows = _trend(["2006-08", "2007-09", "2008-10"], [77.1, 77.3, 77.5], [0.4] * 3)
    assert rows["trend"].tolist() == ["not enough data"] * 3


def test_a_gap_year_is_measured_in_years_not_in_positions():
    # 2003, 2004, 2005, 2007, 2008 (no 2006): values 10, 11, 12, 14, 15 lie on y = x - 1993, so b = 1 exactly
    # (fitted on positions 0..4 it would be 1.3). Each +/- 0.5, w = 15.3664; x deviations from their mean 2.4:
    # -2.4, -1.4, -0.4, 1.6, 2.6, squares summing to 17.2; chi2 = b^2 * w * 17.2 = 264.30.
    rows = _trend(["2003", "2004", "2005", "2007", "2008"], [10.0, 11.0, 12.0, 14.0, 15.0], [0.5] * 5)
    assert rows.loc["2008", "trend_slope"] == pytest.approx(1.0)
    assert rows.loc["2008", "trend_p_value"] == pytest.approx(stats.chi2.sf(15.3664 * 17.2, 1), rel=1e-6)
    assert rows.loc["2008", "trend"] == "improving"


def test_overlapping_rolling_periods_are_not_tested():
    values, half = [75.0, 75.5, 76.0, 76.5, 77.0], [0.2] * 5
    rolling = _trend(["2003-05", "2004-06", "2005-07", "2006-08", "2007-09"], values, half)
    assert rolling.loc["2007-09", "trend"] == "not tested"
    assert np.isnan(rolling.loc["2007-09", "trend_slope"])
    assert rolling.loc["2006-08", "trend"] == "not enough data"  # fewer than five comes first
    # Rolling periods that share no year are independent: tested (b = 0.5 / 3 years, w = 96.04, chi2 = 240.1).
    apart = _trend(["1997-99", "2000-02", "2003-05", "2006-08", "2009-11"], values, half)
    assert apart.loc["2009-11", "trend"] == "improving"
    assert apart.loc["2009-11", "trend_slope"] == pytest.approx(0.5 / 3)


def test_bad_intervals_are_left_out_and_never_raise():
    # Seven years; 2005 has a zero-width interval, 2006 a negative one, 2007 none: four usable points remain.
    periods = [str(year) for year in range(2003, 2010)]
    values = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]
    lower = [0.5, 1.5, 3.0, 4.5, NAN, 5.5, 6.5]
    upper = [1.5, 2.5, 3.0, 3.5, NAN, 6.5, 7.5]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rows = _trend(periods, values, [0] * 7, lower=lower, upper=upper)
    assert rows["trend"].tolist() == ["not enough data"] * 7
    # A fifth usable year makes five: 2003, 2004, 2008, 2009, 2010 on a straight line of 1 a year.
    rows = _trend([*periods, "2010"], [*values, 8.0], [0] * 8, lower=[*lower, 7.5], upper=[*upper, 8.5])
    assert rows.loc["2010", "trend"] == "improving"
    assert rows.loc["2010", "trend_slope"] == pytest.approx(1.0)


def test_one_organisation_all_values_equal_and_every_interval_identical():
    # One organisation, 30 each year, every interval 29-31: b = 0, chi2 = 0, p = 1.
    flat = _trend(["2005", "2006", "2007", "2008", "2009"], [30.0] * 5, [1.0] * 5)
    assert flat.loc["2009", ["trend", "trend_slope", "trend_p_value"]].tolist() == ["no significant change", 0.0, 1.0]
    # Every interval +/- 1 (w = 3.8416): equal weights give the ordinary slope, 0.8 for 1, 3, 2, 5, 4 (Sxy = 8,
    # Sxx = 10), with SE(b) = sqrt(1 / (w * 10)) = 0.161342 and chi2 = 24.586. Leaving one out (equal weights:
    # ordinary slopes of four points): 3/5 = 0.6, 8/8.75 = 0.914, 8/10 = 0.8, 5.5/8.75 = 0.629, 5.5/5 = 1.1.
    example = trends.explain(YEARS, [1, 3, 2, 5, 4], [0, 2, 1, 4, 3], [2, 4, 3, 6, 5])
    assert example["slope"] == pytest.approx(0.8)
    assert example["chi2"] == pytest.approx(0.64 * 38.416)
    assert example["leave_one_out"].round(3).tolist() == [0.6, 0.914, 0.8, 0.629, 1.1]
    rows = _trend(["2005", "2006", "2007", "2008", "2009"], [1.0, 3.0, 2.0, 5.0, 4.0], [1.0] * 5)
    assert rows.loc["2009", "trend"] == "improving"


def test_the_window_is_the_five_latest_usable_points_ending_at_each_period():
    # Seven years; 100, 100 then 1 .. 5: at 2009 the window is 2005 .. 2009 (a straight rise); at 2007 it
    # holds the two 100s and falls.
    years = np.array([[2003.0, 2004, 2005, 2006, 2007, 2008, 2009]])
    values = np.array([[100.0, 100, 1, 2, 3, 4, 5]])
    window = trends.window_test(years, values, values - 0.5, values + 0.5)
    assert window.points[0].tolist() == [1, 2, 3, 4, 5, 6, 7]
    assert np.isnan(window.slope[0, :4]).all()
    assert window.slope[0, 6] == pytest.approx(1.0) and window.significant[0, 6]
    assert window.slope[0, 4] < 0


def test_the_migration_relabels_stored_significant_trends_of_indicators_without_polarity(world):
    """Results stored before "increasing" and "decreasing" existed are relabelled from their slope and p-value."""
    from importlib import import_module

    from django.apps import apps

    from outcomes.models import Indicator, OrganisationBenchmark

    migration = import_module("outcomes.migrations.0004_trend_increasing_decreasing")
    neutral = Indicator.objects.filter(polarity="none").first()
    directed = Indicator.objects.filter(polarity="higher").first()
    cases = [(neutral, 2.0, 0.01), (neutral, -2.0, 0.01), (neutral, 2.0, 0.2), (directed, 2.0, 0.01)]
    stored = [
        OrganisationBenchmark.objects.create(
            indicator=indicator,
            organisation=world.pct,
            period=f"{2005 + n}",
            period_start_year=2005 + n,
            org_type="PCT",
            value=1.0,
            comparison="not tested",
            trend="no significant change",
            trend_slope=slope,
            trend_p_value=p_value,
        )  # fmt: skip
        for n, (indicator, slope, p_value) in enumerate(cases)
    ]
    migration.relabel(apps, None)
    found = [OrganisationBenchmark.objects.get(pk=row.pk).trend for row in stored]
    assert found == ["increasing", "decreasing", "no significant change", "no significant change"]
