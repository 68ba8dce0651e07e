"""Peer groups on hand-made measures, with distances worked by hand."""

import math

import pandas as pd

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


def test_peer_summary_describes_position_without_rank():
    assert peers.peer_summary(5.0, [1.0, 2.0, 3.0])["position"] == "above the range of its peers"
    assert peers.peer_summary(0.5, [1.0, 2.0, 3.0])["position"] == "below the range of its peers"
    summary = peers.peer_summary(2.5, [1.0, 2.0, 3.0])
    assert summary["position"] == "within the range of its peers, above the peer average"
    assert (summary["peer_mean"], summary["peer_min"], summary["peer_max"], summary["peer_count"]) == (2.0, 1.0, 3.0, 3)
    assert peers.peer_summary(None, [1.0])["position"] == "no value for this PCT"
    assert peers.peer_summary(1.0, [])["position"] == "no peer data"
