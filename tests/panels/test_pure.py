"""The pure parts: spread, differences and their summary, and the SVG chart for the PDF."""

import re

from panels.access import CHAIR, MEMBER, OBSERVER, Seat, sees_others_ratings
from panels.charts import line_chart_svg, nice_ticks
from panels.differences import difference, rating_changes, spread, summarise


def test_spread_of_levels_and_rag():
    assert spread([1, 3, None, 2]) == 2
    assert spread(["red", "green"]) == 2 and spread(["amber", "green", ""]) == 1
    assert spread([3]) is None


def test_difference_is_self_minus_agreed():
    assert difference(4, 2) == 2 and difference(1, 3) == -2 and difference(None, 2) is None


def test_summary_counts_and_orders_by_mean_gap():
    snapshots = [
        {
            "competencies": [
                {"number": 1, "name": "A", "self": 4, "agreed": 2},
                {"number": 2, "name": "B", "self": 2, "agreed": 2},
            ]
        },
        {
            "competencies": [
                {"number": 1, "name": "A", "self": 3, "agreed": 3},
                {"number": 2, "name": "B", "self": 1, "agreed": 3},
            ]
        },
    ]
    rows = summarise(snapshots)
    assert [(r["number"], r["over"], r["same"], r["under"], r["mean_gap"]) for r in rows] == [
        (1, 1, 1, 0, 1.0),
        (2, 0, 1, 1, -1.0),
    ]


def test_chart_draws_one_line_per_series_and_nothing_without_data():
    svg = line_chart_svg(
        "Life expectancy", ["2006", "2007", "2008"], {"PCT": [76.1, None, 77.0], "England": [77, 77.5, 78]}, "Years"
    )
    assert svg.startswith("<svg") and 'aria-label="Life expectancy"' in svg
    assert svg.count("<polyline") == 1  # England; the PCT's gap breaks its line and leaves two lone dots
    assert svg.count("<circle") == 5  # a dot for each value, none for the gap
    assert line_chart_svg("Empty", [], {}) == ""


def test_chart_is_readable_with_its_unit_rounded_ticks_and_every_period_labelled():
    periods = ["2004-06", "2005-07", "2006-08", "2007-09", "2008-10"]
    series = {"PCT": [12.4, 11.0, 9.7, 8.1, 7.3], "England": [10, 9.5, 9, 8.5, 8]}
    svg = line_chart_svg("MRSA rate", periods, series, "per 10,000 bed days")
    labels = re.findall(r'text-anchor="end" [^>]*>([^<]+)</text>', svg)
    assert labels == ["6", "8", "10", "12", "14"]  # rounded ticks spanning the values, not only min and max
    assert ">per 10,000 bed days</text>" in svg
    assert all(f">{p}</text>" in svg for p in periods)
    assert ">PCT</text>" in svg and ">England</text>" in svg
    assert 'viewBox="0 0 560 300"' in svg
    assert nice_ticks(0.012, 0.034) == [0.01, 0.015, 0.02, 0.025, 0.03, 0.035]
    assert nice_ticks(120, 5400) == [0, 2000, 4000, 6000]
    assert nice_ticks(5, 5)[0] < 5 < nice_ticks(5, 5)[-1]  # a flat line is not drawn on the axis


def test_rating_changes_between_versions_name_each_changed_item():
    old = {
        "competencies": [{"number": 1, "name": "A", "agreed": 2}],
        "governance": [{"name": "Board", "agreed": "red"}],
    }
    new = {
        "competencies": [{"number": 1, "name": "A", "agreed": 3}],
        "governance": [{"name": "Board", "agreed": "red"}],
    }
    assert rating_changes(old, new) == ["1. A: 2 to 3"]
    assert rating_changes(new, new) == []


def test_a_member_sees_the_others_ratings_of_an_item_only_once_rated_or_revealed():
    assert not sees_others_ratings(Seat(MEMBER), own_rated=False)
    assert not sees_others_ratings(Seat(CHAIR), own_rated=False)
    assert sees_others_ratings(Seat(MEMBER), own_rated=True)
    assert sees_others_ratings(Seat(OBSERVER), own_rated=False)
    assert sees_others_ratings(Seat(CHAIR), own_rated=False, reveal_all=True)
