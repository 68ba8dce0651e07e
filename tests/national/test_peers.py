"""Peer groups on hand-made measures, with distances worked by hand."""

import math

import numpy as np
import pandas as pd
import pytest

from assurance.national import peers


def test_standardise_gives_z_scores_with_population_on_a_log_scale():
    measures = pd.DataFrame({"deprivation": [10.0, 20.0, 30.0], "population": [math.e, math.e**2, math.e**3]})
    z = peers.standardise(measures)
    # mean 20, population sd sqrt(200/3) = 8.165: z = -1.2247, 0, 1.2247; log population is 1, 2, 3: the same.
    assert z["deprivation"].round(4).tolist() == [-1.2247, 0.0, 1.2247]
    assert z["population"].round(4).tolist() == [-1.2247, 0.0, 1.2247]


def test_each_pct_gets_its_nearest_neighbours_in_order_of_distance():
    # One measure: A=0, B=1, C=3, D=10 (sd and mean do not change the order of distances).
    measures = pd.DataFrame({"deprivation": [0.0, 1.0, 3.0, 10.0]}, index=["A", "B", "C", "D"])
    groups = peers.nearest_neighbours(measures, k=2)
    assert groups[groups["pct"] == "A"]["peer"].tolist() == ["B", "C"]
    assert groups[groups["pct"] == "C"]["peer"].tolist() == ["B", "A"]
    assert groups[groups["pct"] == "D"]["peer"].tolist() == ["C", "B"]
    assert "A" not in groups[groups["pct"] == "A"]["peer"].tolist()  # never its own peer
    sd = pd.Series([0.0, 1.0, 3.0, 10.0]).std(ddof=0)
    a_to_b = groups[(groups["pct"] == "A") & (groups["peer"] == "B")]["distance"].iloc[0]
    assert math.isclose(a_to_b, 1 / sd)


def test_distance_is_euclidean_over_all_measures():
    measures = pd.DataFrame({"x": [0.0, 3.0, 0.0, 3.0], "y": [0.0, 4.0, 4.0, 0.0]}, index=["A", "B", "C", "D"])
    z = peers.standardise(measures)
    groups = peers.nearest_neighbours(measures, k=3)
    expected = math.dist(z.loc["A"], z.loc["B"])
    got = groups[(groups["pct"] == "A") & (groups["peer"] == "B")]["distance"].iloc[0]
    assert math.isclose(got, expected)
    assert groups[groups["pct"] == "A"]["peer"].tolist()[-1] == "B"  # the diagonal is the farthest


def test_peer_summary_gives_average_and_range_and_no_verdict_without_a_value_or_peers():
    summary = peers.peer_summary(2.5, [1.0, 2.0, 3.0])
    assert (summary["peer_mean"], summary["peer_min"], summary["peer_max"], summary["peer_count"]) == (2.0, 1.0, 3.0, 3)
    assert summary["comparison"] == "not tested"  # no interval: no verdict, whatever the value
    assert peers.peer_summary(None, [1.0])["comparison"] == "no value for this PCT"
    assert peers.peer_summary(1.0, [])["comparison"] == "no peer data"
    assert peers.peer_summary(1.0, [np.nan, None])["comparison"] == "no peer data"


@pytest.mark.parametrize(
    ("lower", "upper", "polarity", "expected"),
    [
        (2.1, 2.9, "higher", "better"),  # wholly above the peer average 2.0, higher is better
        (2.1, 2.9, "lower", "worse"),  # the same interval where lower is better
        (2.1, 2.9, "none", "higher"),  # no polarity: a direction, not a judgement
        (1.1, 1.9, "higher", "worse"),
        (1.1, 1.9, "lower", "better"),
        (1.1, 1.9, "none", "lower"),
        (1.5, 2.5, "higher", "similar"),  # the peer average inside the interval
        (2.0, 2.5, "lower", "similar"),  # on its edge: not wholly on one side
        (None, 2.5, "higher", "not tested"),
        (2.6, 2.4, "higher", "not tested"),  # an impossible interval is no interval
    ],
)
def test_the_peer_comparison_reads_the_interval_through_polarity(lower, upper, polarity, expected):
    summary = peers.peer_summary(2.5, [1.0, 2.0, 3.0], lower=lower, upper=upper, polarity=polarity)
    assert summary["comparison"] == expected
    assert summary["sentence"].lower().startswith({"not tested": "not compared"}.get(expected, expected))
    assert "average" in summary["sentence"] or expected == "not tested"


def test_a_value_above_the_peer_average_is_worse_where_lower_is_better():
    """The old wording said "above the peer average" whatever the polarity; the verdict now reads it."""
    summary = peers.peer_summary(30.0, [10.0, 20.0, 21.0], lower=25.0, upper=35.0, polarity="lower")
    assert summary["comparison"] == "worse"
    assert "rank" not in summary["sentence"].lower()
