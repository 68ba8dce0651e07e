"""Trends: slope and p-value worked by hand, labels through polarity, flat and perfect series."""

import warnings

import numpy as np
import pytest
from scipy import stats

from outcomes import trends

YEARS = np.array([2005.0, 2006.0, 2007.0, 2008.0, 2009.0])


def test_slope_and_p_value_by_hand():
    # x deviations -2..2, Sxx = 10; y = 1,3,2,5,4, mean 3, deviations -2,0,-1,2,1
    # Sxy = 4 + 0 + 0 + 2 + 2 = 8 -> slope 0.8; Syy = 10; residual SS = 10 - 0.8*8 = 3.6
    # se = sqrt(3.6 / 3 / 10) = 0.346410; t = 0.8 / 0.346410 = 2.309401 on 3 degrees of freedom
    slope, p_value, points = trends.regression(YEARS, [[1, 3, 2, 5, 4]])
    assert slope[0] == pytest.approx(0.8)
    assert p_value[0] == pytest.approx(2 * stats.t.sf(2.309401, 3), abs=1e-6)
    assert p_value[0] == pytest.approx(0.1041, abs=1e-4)
    assert points[0] == 5


def test_missing_values_are_left_out_of_the_fit():
    # Points (2005, 1), (2008, 3), (2009, 4): x mean 2007.333, deviations -2.333, 0.667, 1.667, Sxx = 8.6667
    # y mean 2.6667, deviations -1.6667, 0.3333, 1.3333; Sxy = 3.8889 + 0.2222 + 2.2222 = 6.3333
    # slope = 6.3333 / 8.6667 = 0.730769
    slope, p_value, points = trends.regression(YEARS, [[1, np.nan, np.nan, 3, 4]])
    assert slope[0] == pytest.approx(0.730769, abs=1e-6)
    assert points[0] == 3
    assert 0.05 < p_value[0] < 0.1


def test_flat_and_perfect_series_have_exact_p_values_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        slope, p_value, _ = trends.regression(YEARS, [[2, 2, 2, 2, 2], [0.1, 0.2, 0.3, 0.4, 0.5]])
    assert slope.tolist() == pytest.approx([0.0, 0.1])
    assert p_value.tolist() == [1.0, 0.0]


def test_fewer_than_three_values_is_not_enough_data():
    slope, p_value, points = trends.regression(YEARS, [[1, 2, np.nan, np.nan, np.nan], [np.nan] * 5])
    assert np.isnan(slope).all() and np.isnan(p_value).all()
    assert points.tolist() == [2, 0]
    assert trends.label(slope, p_value, points, "higher").tolist() == ["not enough data"] * 2


@pytest.mark.parametrize(
    ("polarity", "slope", "expected"),
    [
        ("higher", 1.0, "improving"),
        ("higher", -1.0, "worsening"),
        ("lower", -1.0, "improving"),
        ("lower", 1.0, "worsening"),
        # No polarity: the direction is neither better nor worse, so it is named as it is.
        ("none", 1.0, "increasing"),
        ("none", -1.0, "decreasing"),
    ],
)
def test_significant_slopes_are_read_through_polarity(polarity, slope, expected):
    assert trends.label([slope], [0.01], [5], polarity).tolist() == [expected]


@pytest.mark.parametrize("polarity", ["higher", "lower", "none"])
def test_p_of_0_05_or_more_is_no_significant_change(polarity):
    assert trends.label([1.0, -1.0], [0.05, 0.2], [5, 5], polarity).tolist() == ["no significant change"] * 2


def test_window_uses_the_five_periods_ending_at_each_period():
    # Seven periods; the first two (100, 100) fall outside the window ending at the seventh.
    years = np.array([[2003.0, 2004, 2005, 2006, 2007, 2008, 2009]])
    values = np.array([[100.0, 100, 1, 2, 3, 4, 5]])
    slope, p_value, points = trends.window_regression(years, values)
    assert slope[0, 6] == pytest.approx(1.0) and p_value[0, 6] == 0.0
    assert points[0].tolist() == [1, 2, 3, 4, 5, 5, 5]
    # Ending at 2007: 100, 100, 1, 2, 3 -> falling steeply: slope = Sxy/Sxx with Sxx = 10,
    # y mean 41.2, deviations 58.8, 58.8, -40.2, -39.2, -38.2: Sxy = -117.6 - 58.8 + 0 - 39.2 - 76.4 = -292
    assert slope[0, 4] == pytest.approx(-29.2)
    assert np.isnan(slope[0, 1])


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
