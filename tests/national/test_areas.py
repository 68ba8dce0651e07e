"""Governance by area and mean competency levels, worked by hand (issue 19, part 2)."""

import math

import pandas as pd

from assurance.national import areas

E, NW, NE = "E92000001", "Q31", "Q30"
AREAS = ["Strategy", "Finance", "Board"]


def _rags(rows):
    return pd.DataFrame(rows, columns=["pct", "sha", "area", "rag"])


# Four PCTs: A green everywhere, B red everywhere, C mixed, D (North East) green on two and unrated on Board.
RAGS = _rags(
    [("A", NW, a, "green") for a in AREAS]
    + [("B", NW, a, "red") for a in AREAS]
    + [("C", NW, "Strategy", "green"), ("C", NW, "Finance", "amber"), ("C", NW, "Board", "red")]
    + [("D", NE, "Strategy", "green"), ("D", NE, "Finance", "green"), ("D", NE, "Board", None)]
)


def _by(table, **match):
    found = table
    for column, value in match.items():
        found = found[found[column] == value]
    assert len(found) == 1, match
    return found.iloc[0].to_dict()


def test_area_counts_and_shares_of_the_rated():
    table = areas.area_counts(RAGS)
    strategy = _by(table, scope=E, area="Strategy")
    # England, Strategy: A green, B red, C green, D green -> 3 green, 0 amber, 1 red of 4 rated
    assert (strategy["red"], strategy["amber"], strategy["green"], strategy["rated"]) == (1, 0, 3, 4)
    assert (strategy["share_green"], strategy["share_red"], strategy["share_amber"]) == (0.75, 0.25, 0.0)
    board = _by(table, scope=E, area="Board")
    # England, Board: A green, B red, C red, D not rated -> shares of the 3 rated
    assert (board["green"], board["red"], board["not_rated"], board["rated"], board["total"]) == (1, 2, 1, 3, 4)
    assert board["share_green"] == round(1 / 3, 4) and board["share_red"] == round(2 / 3, 4)
    ne_board = _by(table, scope=NE, area="Board")
    assert ne_board["rated"] == 0 and ne_board["share_green"] is None  # nothing rated: no share, not 0%
    nw_finance = _by(table, scope=NW, area="Finance")
    assert (nw_finance["green"], nw_finance["amber"], nw_finance["red"]) == (1, 1, 1)


def test_pcts_green_or_red_on_every_area():
    table = areas.every_area(RAGS, AREAS)
    england = _by(table, scope=E)
    # A is green on all three, B red on all three; C is mixed; D is not rated on Board, so not counted as rated
    assert (england["counted"], england["rated_all"], england["green_all"], england["red_all"]) == (4, 3, 1, 1)
    assert england["share_green_all"] == round(1 / 3, 4) and england["share_red_all"] == round(1 / 3, 4)
    north_east = _by(table, scope=NE)
    assert (north_east["counted"], north_east["rated_all"], north_east["green_all"]) == (1, 0, 0)
    assert north_east["share_green_all"] is None


def test_a_pct_without_a_row_for_an_area_is_not_green_on_every_area():
    rags = _rags([("A", NW, "Strategy", "green"), ("A", NW, "Finance", "green")])  # no Board row at all
    row = _by(areas.every_area(rags, AREAS), scope=NW)
    assert (row["rated_all"], row["green_all"]) == (0, 0)


def test_competency_means_of_the_rated_nationally_and_per_sha():
    ratings = pd.DataFrame(
        [("A", NW, 1, 2), ("B", NW, 1, 3), ("C", NW, 1, None), ("D", NE, 1, 4), ("A", NW, 2, None)],
        columns=["pct", "sha", "competency", "level"],
    ).astype({"level": "float"})
    table = areas.competency_means(ratings)
    # England, competency 1: (2 + 3 + 4) / 3 = 3.0 over 3 rated; North West: (2 + 3) / 2 = 2.5; North East: 4
    assert _by(table, scope=E, competency=1) | {} == {"scope": E, "competency": 1, "rated": 3, "mean": 3.0}
    assert _by(table, scope=NW, competency=1)["mean"] == 2.5
    assert _by(table, scope=NE, competency=1)["mean"] == 4.0
    unrated = _by(table, scope=NW, competency=2)
    assert unrated["rated"] == 0 and unrated["mean"] is None


def test_means_round_to_two_places():
    ratings = pd.DataFrame(
        [("A", NW, 1, 2), ("B", NW, 1, 2), ("C", NW, 1, 3)], columns=["pct", "sha", "competency", "level"]
    )
    assert _by(areas.competency_means(ratings), scope=NW, competency=1)["mean"] == 2.33  # 7 / 3


def test_two_cycles_side_by_side_with_the_movement():
    previous = [{"area": "Strategy", "name": "Strategy", "share_green": 0.5}, {"area": "Old", "share_green": 0.1}]
    current = [
        {"area": "Strategy", "name": "Strategy", "share_green": 0.75},
        {"area": "Board", "name": "Board", "share_green": None},
    ]
    rows = areas.side_by_side(previous, current, "area", ["share_green"])
    assert [r["area"] for r in rows] == ["Strategy", "Board", "Old"]
    assert rows[0] | {} == {
        "area": "Strategy",
        "name": "Strategy",
        "previous_share_green": 0.5,
        "share_green": 0.75,
        "change_share_green": 0.25,
    }
    assert rows[1]["change_share_green"] is None and rows[1]["previous_share_green"] is None
    assert rows[2]["share_green"] is None and rows[2]["name"] == "Old"


def test_empty_inputs_give_empty_tables():
    empty = _rags([])
    assert areas.area_counts(empty).empty and areas.every_area(empty, AREAS).empty
    assert areas.every_area(RAGS, []).empty
    assert areas.competency_means(pd.DataFrame(columns=["pct", "sha", "competency", "level"])).empty
    assert not math.isnan(areas.area_counts(RAGS)["rated"].sum())
