"""On track per plan year (DESIGN.md section 5): the latest period ending in each financial year, read through
polarity against the aim, for rolling, calendar and financial periods."""

from types import SimpleNamespace

import pytest

from outcomes import presenters

PLAN = ["2009-10", "2010-11", "2011-12", "2012-13", "2013-14"]


def _row(polarity: str, points: list[tuple], unit: str = "years"):
    """A scorecard row with stored results (period, value, lower, upper), ordered by first year as stored."""
    series = [
        SimpleNamespace(period=p, value=v, lower_ci=lo, upper_ci=hi, trend="no significant change")
        for p, v, lo, hi in points
    ]
    indicator = SimpleNamespace(polarity=polarity, unit=unit)
    return SimpleNamespace(indicator=indicator, series=series, latest=series[-1] if series else None)


def _verdicts(row, aims) -> list[tuple]:
    lines = presenters.plan_years_on_track(row, list(zip(PLAN, aims, strict=True)))
    return [(line["year"], line["point"].period if line["point"] else None, line["verdict"]) for line in lines]


@pytest.mark.parametrize(
    ("polarity", "value", "lower", "upper", "aim", "expected"),
    [
        ("higher", 78.0, 77.5, 78.5, 78.0, "met"),  # at the aim
        ("higher", 78.2, 77.7, 78.7, 78.0, "met"),
        ("higher", 77.8, 77.3, 78.3, 78.0, "not met, within uncertainty"),  # the aim is inside 77.3 - 78.3
        ("higher", 77.8, 77.6, 77.9, 78.0, "not met"),  # the interval is wholly below the aim
        ("higher", 77.8, None, None, 78.0, "not met"),  # worse and no interval
        ("lower", 7.9, 7.5, 8.3, 8.0, "met"),
        ("lower", 8.1, 7.7, 8.5, 8.0, "not met, within uncertainty"),
        ("lower", 8.6, 8.2, 9.0, 8.0, "not met"),
        ("lower", None, None, None, 8.0, "no value yet"),
        ("none", 8.6, 8.2, 9.0, 8.0, None),  # no better direction: no verdict
    ],
)
def test_a_plan_year_is_read_through_polarity_and_the_interval(polarity, value, lower, upper, aim, expected):
    assert presenters.plan_year_verdict(polarity, aim, value, lower, upper) == expected


def test_life_expectancy_in_rolling_periods():
    # Rolling 2006-08 ends in December 2008 (2008-09); 2007-09 in 2009-10; 2008-10 in 2010-11.
    row = _row("higher", [("2006-08", 77.0, 76.6, 77.4), ("2007-09", 77.4, 77.0, 77.8), ("2008-10", 77.5, 77.1, 77.9)])
    assert _verdicts(row, [77.3, 77.7, 78.0, 78.2, 78.4]) == [
        ("2009-10", "2007-09", "met"),
        ("2010-11", "2008-10", "not met, within uncertainty"),  # 77.5 < 77.7, which lies inside 77.1 - 77.9
        ("2011-12", None, "no value yet"),
        ("2012-13", None, "no value yet"),
        ("2013-14", None, "no value yet"),
    ]


def test_the_slope_index_in_calendar_years():
    # Calendar year 2009 ends in 2009-10; lower is better. 2010's interval 8.1 - 8.5 is wholly above the aim 8.0.
    row = _row("lower", [("2008", 8.9, 8.5, 9.3), ("2009", 8.4, 8.0, 8.8), ("2010", 8.3, 8.1, 8.5)])
    assert _verdicts(row, [8.5, 8.0, 7.8, 7.6, 7.4])[:3] == [
        ("2009-10", "2009", "met"),
        ("2010-11", "2010", "not met"),
        ("2011-12", None, "no value yet"),
    ]
    assert presenters.on_track(row, list(zip(PLAN, [8.5, 8.0, 7.8, 7.6, 7.4], strict=True))).startswith(
        "2010-11: not met (2010 value 8.3 against an aim of 8)"
    )


def test_financial_years_and_the_latest_period_ending_in_a_year():
    # Financial 2009-10 is its own year. Calendar 2009 and financial 2009-10 both end in 2009-10: the later
    # ending (March 2010) is the one judged. A blank value is no value.
    row = _row(
        "higher",
        [("2009", 50.0, 49.0, 51.0), ("2009-10", 52.0, 51.0, 53.0), ("2010-11", None, None, None)],
    )
    assert _verdicts(row, [51.0, 53.0, 54.0, 55.0, 56.0])[:2] == [
        ("2009-10", "2009-10", "met"),
        ("2010-11", None, "no value yet"),
    ]


def test_counts_are_judged_against_their_own_trajectory():
    row = _row("lower", [("2009-10", 12.0, None, None)], unit="count")  # MRSA cases: no interval
    assert _verdicts(row, [10.0, 9.0, 8.0, 7.0, 6.0])[0] == ("2009-10", "2009-10", "not met")
    assert _verdicts(row, [12.0, 9.0, 8.0, 7.0, 6.0])[0] == ("2009-10", "2009-10", "met")


def test_no_value_for_any_plan_year_says_so_with_the_trend():
    row = _row("higher", [("2007-08", 77.0, 76.6, 77.4)])
    row.latest.trend = "not enough data"
    assert presenters.on_track(row, list(zip(PLAN, [78.0] * 5, strict=True))) == (
        "No value yet for a plan year; the trend is not enough data."
    )
