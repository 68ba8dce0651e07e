"""The scorecard on small hand-made frames, each answer worked out by hand (docs/outcomes.md)."""

import numpy as np
import pandas as pd
import pytest

from outcomes.scorecard import compute

NAN = np.nan
ENGLAND = "E92000001"


def _values(rows: list[tuple]) -> pd.DataFrame:
    """Build values from (indicator, org, org_type, period, value[, lower, upper[, num, den]]) tuples."""
    records = []
    for row in rows:
        indicator, org, org_type, period, value, *rest = row
        lower, upper, numerator, denominator = [*rest, NAN, NAN, NAN, NAN][:4]
        records.append(
            {
                "indicator_code": indicator,
                "org_code": org,
                "org_type": org_type,
                "period": period,
                "value": value,
                "numerator": numerator,
                "denominator": denominator,
                "lower_ci": lower,
                "upper_ci": upper,
            }
        )
    return pd.DataFrame(records)


def _indicators(*rows: tuple[str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["code", "polarity", "unit"])


# Five PCTs, one period. Sorted values 10, 20, 30, 40, 50; type 7 positions (n - 1) p = 1, 2, 3:
# Q1 = 20, median = 30, Q3 = 40 (every boundary is a value, so ties at the boundaries are tested).
# Intervals: A 5-15, B 15-25, C 26-34, D none, E 45-55. England 25 where supplied.
FIVE = [
    ("A", 10.0, 5.0, 15.0),
    ("B", 20.0, 15.0, 25.0),
    ("C", 30.0, 26.0, 34.0),
    ("D", 40.0, NAN, NAN),
    ("E", 50.0, 45.0, 55.0),
]


def _five(indicator: str, with_england: bool = True) -> pd.DataFrame:
    rows = [(indicator, org, "PCT", "2009-10", value, lower, upper) for org, value, lower, upper in FIVE]
    if with_england:
        rows.append((indicator, ENGLAND, "ENGLAND", "2009-10", 25.0))
    return _values(rows)


def _column(result, column: str) -> list:
    return result.organisations.set_index("org_code")[column].tolist()


def test_higher_is_better():
    result = compute(_five("H"), _indicators(("H", "higher", "years")))
    benchmark = result.benchmarks.iloc[0]
    assert (benchmark.q1, benchmark["median"], benchmark.q3, benchmark.upper_quartile) == (20, 30, 40, 40)
    assert (benchmark.national_average, benchmark.national_source, benchmark.n) == (25, "england", 5)
    # 10 < Q1 -> 4; 20 >= Q1 -> 3; 30 >= median -> 2; 40 >= Q3 -> 1; 50 -> 1
    assert _column(result, "quartile") == [4, 3, 2, 1, 1]
    # Against England 25: A 5-15 below; B 15-25 includes 25; C 26-34 above; D no interval; E above.
    assert _column(result, "comparison") == ["worse", "similar", "better", "not tested", "better"]
    # Gap = Q3 - value: 40-10, 40-20, 40-30, 0 (reached), 40-50 (beyond)
    assert _column(result, "gap_to_upper_quartile") == [30, 20, 10, 0, -10]


def test_lower_is_better():
    result = compute(_five("L"), _indicators(("L", "lower", "years")))
    assert result.benchmarks.iloc[0].upper_quartile == 20  # Q1 when lower is better
    # 10 <= Q1 -> 1; 20 <= Q1 -> 1 (tie); 30 <= median -> 2; 40 <= Q3 -> 3; 50 -> 4
    assert _column(result, "quartile") == [1, 1, 2, 3, 4]
    assert _column(result, "comparison") == ["better", "similar", "worse", "not tested", "worse"]
    # Gap = value - Q1, positive while still short: 10-20, 0, 30-20, 40-20, 50-20
    assert _column(result, "gap_to_upper_quartile") == [-10, 0, 10, 20, 30]


def test_no_polarity_shows_quartiles_but_no_judgement():
    result = compute(_five("N"), _indicators(("N", "none", "years")))
    benchmark = result.benchmarks.iloc[0]
    assert (benchmark.q1, benchmark["median"], benchmark.q3) == (20, 30, 40)
    assert np.isnan(benchmark.upper_quartile)
    assert result.organisations["quartile"].isna().all()
    assert _column(result, "comparison") == ["lower", "similar", "higher", "not tested", "higher"]
    assert result.organisations["gap_to_upper_quartile"].isna().all()


def test_without_an_england_row_the_average_is_the_mean_of_the_organisations():
    # (10 + 20 + 30 + 40 + 50) / 5 = 30: now B (15-25) is entirely below and C (26-34) includes 30.
    result = compute(_five("H", with_england=False), _indicators(("H", "higher", "years")))
    assert (result.benchmarks.iloc[0].national_average, result.benchmarks.iloc[0].national_source) == (
        30,
        "mean",
    )
    assert _column(result, "comparison") == ["worse", "worse", "similar", "not tested", "better"]


def test_quartiles_interpolate_between_values():
    # Four values 10, 20, 30, 40: positions 0.75, 1.5, 2.25 -> Q1 = 17.5, median = 25, Q3 = 32.5
    values = _values(
        [("H", org, "PCT", "2009", value) for org, value in zip("ABCD", [40.0, 10.0, 30.0, 20.0], strict=True)]
    )
    result = compute(values, _indicators(("H", "higher", "%")))
    benchmark = result.benchmarks.iloc[0]
    assert (benchmark.q1, benchmark["median"], benchmark.q3) == (17.5, 25.0, 32.5)
    assert _column(result, "quartile") == [1, 4, 2, 3]  # 40 >= 32.5; 10 < 17.5; 30 >= 25; 20 >= 17.5


def test_missing_values_are_left_out_and_sha_rows_are_not_benchmarked():
    values = _values(
        [
            ("H", "A", "PCT", "2009", 10.0),
            ("H", "B", "PCT", "2009", NAN),
            ("H", "C", "PCT", "2009", 20.0),
            ("H", "Q30", "SHA", "2009", 1000.0),
        ]
    )
    result = compute(values, _indicators(("H", "higher", "years")))
    benchmark = result.benchmarks.iloc[0]
    # V = {10, 20}: mean 15, Q1 = 12.5, median 15, Q3 = 17.5; the SHA's 1000 plays no part.
    assert (benchmark.n, benchmark.national_average, benchmark.q1, benchmark.q3) == (2, 15.0, 12.5, 17.5)
    assert result.organisations["org_code"].tolist() == ["A", "B", "C"]
    assert _column(result, "quartile")[1] is pd.NA
    assert _column(result, "comparison")[1] == "not tested"


def test_one_england_row_serves_pcts_and_local_authorities():
    values = _values(
        [
            ("H", ENGLAND, "ENGLAND", "2009", 50.0),
            ("H", "P1", "PCT", "2009", 10.0),
            ("H", "P2", "PCT", "2009", 30.0),
            ("H", "L1", "LA", "2009", 100.0),
            ("H", "L2", "LA", "2009", 200.0),
            ("H", "L3", "LA", "2009", 300.0),
        ]
    )
    result = compute(values, _indicators(("H", "higher", "years")))
    benchmarks = result.benchmarks.set_index("org_type")
    assert benchmarks.loc[["LA", "PCT"], "national_average"].tolist() == [50.0, 50.0]
    assert benchmarks.loc[["LA", "PCT"], "national_source"].tolist() == ["england", "england"]
    # PCT: 10, 30 -> Q1 = 15, median 20, Q3 = 25. LA: 100, 200, 300 -> Q1 = 150, median 200, Q3 = 250.
    assert benchmarks.loc["PCT", ["q1", "median", "q3"]].tolist() == [15, 20, 25]
    assert benchmarks.loc["LA", ["q1", "median", "q3"]].tolist() == [150, 200, 250]
    assert _column(result, "quartile") == [4, 2, 1, 4, 1]  # ordered L1, L2, L3, P1, P2


def test_intervals_are_computed_from_counts_and_taken_from_the_data():
    values = _values(
        [
            # 40 of 100 -> Wilson 30.94 % to 49.80 % (see test_intervals); England 50 is above -> worse
            ("P", "A", "PCT", "2009", 40.0, NAN, NAN, 40.0, 100.0),
            ("P", "B", "PCT", "2009", 45.0, 44.0, 46.0, 45.0, 100.0),
            ("P", ENGLAND, "ENGLAND", "2009", 50.0),
            # 89 in 27,000 -> Byar 264.71 to 405.64; 5 in 27,000 -> exact 6.01 to 43.22 per 100,000
            ("R", "A", "PCT", "2009", 329.63, NAN, NAN, 89.0, 27_000.0),
            ("R", "B", "PCT", "2009", 18.52, NAN, NAN, 5.0, 27_000.0),
        ]
    )
    result = compute(values, _indicators(("P", "higher", "%"), ("R", "lower", "per 100000")))
    rows = result.organisations.set_index(["indicator_code", "org_code"])
    assert rows["ci_source"].tolist() == ["computed", "data", "computed", "computed"]
    assert rows["lower_ci"].round(2).tolist() == [30.94, 44.0, 264.71, 6.01]
    assert rows["upper_ci"].round(2).tolist() == [49.80, 46.0, 405.64, 43.22]
    assert rows.loc[("P", "A"), "comparison"] == "worse"
    # B's 99.8% interval comes from its counts although its 95% came from the data: 45 of 100 with
    # z = 3.090232, z^2 = 9.549534: spread 3.090232 * sqrt(9.549534 + 4*45*0.55) = 3.090232 * 10.418711
    # = 32.196268; (99.549534 -+ 32.196268) / 219.099068 = 67.353266 / 219.099068 = 30.74 % and
    # 131.745802 / 219.099068 = 60.13 %
    assert rows.loc[("P", "B"), "lower_ci_998"] == pytest.approx(30.74, abs=0.01)
    assert rows.loc[("P", "B"), "upper_ci_998"] == pytest.approx(60.13, abs=0.01)
    # R has no England row: mean (329.63 + 18.52) / 2 = 174.075; A's interval is above (worse when lower is
    # better), B's below (better).
    assert rows.loc[[("R", "A"), ("R", "B")], "comparison"].tolist() == ["worse", "better"]


PERIODS = ["2005-06", "2006-07", "2007-08", "2008-09", "2009-10"]
SERIES = {"A": [6.0, 8.0, 10.0, 12.0, 14.0], "B": [30.0] * 5, "C": [20.0, 19.0, 18.0, 17.0, 16.0]}


def _series(polarity: str) -> pd.DataFrame:
    rows = [
        ("T", org, "PCT", period, value)
        for org, series in SERIES.items()
        for period, value in zip(PERIODS, series, strict=True)
    ]
    return compute(_values(rows), _indicators(("T", polarity, "years"))).organisations


def test_trend_needs_three_periods_and_counts_periods_to_the_upper_quartile():
    rows = _series("higher").set_index(["org_code", "period"])
    assert rows.loc[("A", "2006-07"), "trend"] == "not enough data"  # two periods only
    assert rows.loc[("A", "2007-08"), "trend"] == "improving"  # 6, 8, 10: a straight line, p = 0
    latest = rows.xs("2009-10", level="period")
    assert latest["trend"].tolist() == ["improving", "no significant change", "worsening"]
    assert latest["trend_slope"].tolist() == pytest.approx([2.0, 0.0, -1.0])
    assert latest["trend_p_value"].tolist() == [0.0, 1.0, 0.0]
    # 2009-10 values 14, 30, 16: sorted 14, 16, 30, Q3 at position 1.5 = 23. A's gap 23 - 14 = 9, at 2 a year
    # 9 / 2 = 4.5 -> 5 periods. C is short by 7 but worsening; B is beyond the upper quartile.
    assert latest["gap_to_upper_quartile"].tolist() == [9.0, -7.0, 7.0]
    assert latest["periods_to_upper_quartile"].tolist() == [5, pd.NA, pd.NA]


def test_trend_when_lower_is_better():
    latest = _series("lower").set_index(["org_code", "period"]).xs("2009-10", level="period")
    assert latest["trend"].tolist() == ["worsening", "no significant change", "improving"]
    # Q1 at position 0.5 = 15. C: gap 16 - 15 = 1 at 1 a year -> 1 period. A: 14 is already below 15.
    assert latest["gap_to_upper_quartile"].tolist() == [-1.0, 15.0, 1.0]
    assert latest["periods_to_upper_quartile"].tolist() == [pd.NA, pd.NA, 1]


def test_trend_without_polarity_says_which_way_but_not_better_or_worse():
    latest = _series("none").set_index(["org_code", "period"]).xs("2009-10", level="period")
    assert latest["trend"].tolist() == ["increasing", "no significant change", "decreasing"]
    assert latest["trend_slope"].tolist() == pytest.approx([2.0, 0.0, -1.0])
    assert latest["periods_to_upper_quartile"].isna().all()


def test_it_is_deterministic_whatever_the_row_order():
    values = pd.concat([_five("H"), _five("L", with_england=False)], ignore_index=True)
    values = pd.concat([values, _values([("H", "A", "PCT", "2008-09", 12.0), ("H", "B", "PCT", "2010", 3.0)])])
    indicators = _indicators(("H", "higher", "years"), ("L", "lower", "years"))
    first = compute(values, indicators)
    again = compute(values.sample(frac=1, random_state=7), indicators)
    pd.testing.assert_frame_equal(first.benchmarks, again.benchmarks)
    pd.testing.assert_frame_equal(first.organisations, again.organisations)
    assert first.benchmarks["period"].tolist() == ["2008-09", "2009-10", "2010", "2009-10"]
    # Each group keeps its own quartiles: H 2008-09 has only 12, H 2010 only 3; the five-PCT groups Q1 = 20.
    assert first.benchmarks["q1"].tolist() == [12.0, 20.0, 3.0, 20.0]


def test_it_refuses_values_of_an_undefined_indicator_or_duplicate_rows():
    with pytest.raises(ValueError, match="without a definition: H"):
        compute(_five("H"), _indicators(("X", "higher", "%")))
    doubled = pd.concat([_five("H"), _five("H")])
    with pytest.raises(ValueError, match="more than one row"):
        compute(doubled, _indicators(("H", "higher", "%")))


def test_it_refuses_an_unknown_polarity_or_a_repeated_indicator():
    with pytest.raises(ValueError, match="unknown polarities: up"):
        compute(_five("H"), _indicators(("H", "up", "%")))
    with pytest.raises(ValueError, match="repeat a code"):
        compute(_five("H"), _indicators(("H", "higher", "%"), ("H", "lower", "%")))


def test_only_an_england_row_gives_empty_frames_with_every_column():
    result = compute(_values([("H", ENGLAND, "ENGLAND", "2009", 1.0)]), _indicators(("H", "higher", "%")))
    assert result.benchmarks.empty and result.organisations.empty
    assert "periods_to_upper_quartile" in result.organisations and "upper_quartile" in result.benchmarks
