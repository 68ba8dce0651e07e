"""Rollups on small hand-made frames, with the answers counted by hand."""

import pandas as pd

from assurance.national import rollups

E = rollups.ENGLAND_CODE


def _row(table, scope, key, value):
    found = table[(table["scope"] == scope) & (table[key] == value)]
    assert len(found) == 1, f"{scope} {key}={value}: {len(found)} rows"
    return found.iloc[0].to_dict()


RATINGS = pd.DataFrame(
    [
        # pct, sha, competency, level
        ("A", "S1", 1, 2),
        ("B", "S1", 1, 2),
        ("C", "S2", 1, 3),
        ("D", "S2", 1, None),
        ("A", "S1", 2, 1),
        ("B", "S1", 2, 4),
        ("C", "S2", 2, 4),
        ("D", "S2", 2, 4),
    ],
    columns=["pct", "sha", "competency", "level"],
)


def test_it_counts_pcts_at_each_level_nationally_and_per_sha():
    table = rollups.competency_levels(RATINGS)
    # England, competency 1: A and B at level 2, C at level 3, D not rated.
    assert _row(table, E, "competency", 1) == {
        "scope": E,
        "competency": 1,
        "level_1": 0,
        "level_2": 2,
        "level_3": 1,
        "level_4": 0,
        "not_rated": 1,
        "total": 4,
    }
    s2 = _row(table, "S2", "competency", 2)
    assert (s2["level_4"], s2["total"]) == (2, 2)
    s1 = _row(table, "S1", "competency", 2)
    assert (s1["level_1"], s1["level_4"], s1["level_2"]) == (1, 1, 0)
    assert len(table) == 6  # 3 scopes x 2 competencies


def test_it_counts_governance_rags_by_area_and_sha():
    rags = pd.DataFrame(
        [
            ("A", "S1", "Board", "red"),
            ("B", "S1", "Board", "green"),
            ("C", "S2", "Board", ""),
            ("C", "S2", "Finance", "amber"),
        ],
        columns=["pct", "sha", "area", "rag"],
    )
    table = rollups.governance_rag(rags)
    assert _row(table, E, "area", "Board") | {} == {
        "scope": E,
        "area": "Board",
        "red": 1,
        "amber": 0,
        "green": 1,
        "not_rated": 1,
        "total": 3,
    }
    assert _row(table, "S2", "area", "Finance")["amber"] == 1
    assert table[(table["scope"] == "S1") & (table["area"] == "Finance")].empty  # S1 has no finance ratings


def test_it_counts_comparisons_quartiles_and_trends_per_indicator():
    results = pd.DataFrame(
        [
            ("A", "S1", "LE", "better", 1, "improving"),
            ("B", "S1", "LE", "similar", 2, "no significant change"),
            ("C", "S2", "LE", "worse", 4, "improving"),
            ("D", "S2", "LE", "not tested", None, "not enough data"),
            ("A", "S1", "SMK", "lower", 3, "worsening"),
        ],
        columns=["pct", "sha", "indicator", "comparison", "quartile", "trend"],
    )
    table = rollups.indicator_comparison(results)
    le = _row(table, E, "indicator", "LE")
    assert (le["better"], le["similar"], le["worse"], le["not_tested"]) == (1, 1, 1, 1)
    assert [le[f"quartile_{q}"] for q in (1, 2, 3, 4)] == [1, 1, 0, 1]
    assert (le["improving"], le["worsening"], le["total"]) == (2, 0, 4)
    s2 = _row(table, "S2", "indicator", "LE")
    assert (s2["worse"], s2["improving"], s2["better"], s2["total"]) == (1, 1, 0, 2)
    smk = _row(table, "S1", "indicator", "SMK")
    assert (smk["lower"], smk["quartile_3"], smk["worsening"], smk["improving"]) == (1, 1, 1, 0)


def test_it_counts_movement_between_cycles_for_pcts_rated_in_both():
    before = pd.DataFrame(
        [("A", "S1", 1, 1), ("B", "S1", 1, 3), ("C", "S2", 1, 2), ("E", "S2", 1, 2)],
        columns=["pct", "sha", "competency", "level"],
    )
    # A up (1 -> 3), B down (3 -> 2), C same (2 -> 2), D new this cycle, E not rated now: neither counts.
    after = pd.DataFrame(
        [("A", "S1", 1, 3), ("B", "S1", 1, 2), ("C", "S2", 1, 2), ("D", "S2", 1, 4), ("E", "S2", 1, None)],
        columns=["pct", "sha", "competency", "level"],
    )
    table = rollups.progress(before, after)
    assert {k: _row(table, E, "competency", 1)[k] for k in ("up", "same", "down")} == {"up": 1, "same": 1, "down": 1}
    assert {k: _row(table, "S1", "competency", 1)[k] for k in ("up", "same", "down")} == {"up": 1, "same": 0, "down": 1}
    assert _row(table, "S2", "competency", 1)["same"] == 1


def test_empty_frames_give_empty_tables_with_their_columns():
    empty = pd.DataFrame(columns=["pct", "sha", "competency", "level"])
    assert rollups.competency_levels(empty).empty
    assert "level_4" in rollups.competency_levels(empty).columns
    assert rollups.progress(empty, empty).empty
    results = pd.DataFrame(columns=["pct", "sha", "indicator", "comparison", "quartile", "trend"])
    assert rollups.indicator_comparison(results).empty


def test_pct_levels_lists_each_pct_with_its_levels_by_sha_then_code():
    table = rollups.pct_levels(RATINGS)
    assert table["pct"].tolist() == ["A", "B", "C", "D"]
    assert table.set_index("pct").loc["B", "competency_2"] == 4
