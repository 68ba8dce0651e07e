"""The scorecard on small hand-made frames, each answer worked out by hand (docs/outcomes.md)."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

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


def test_without_an_england_row_or_counts_there_is_no_national_value_and_nothing_is_compared():
    # Never the mean of rates (30 here): without England's value or every PCT's counts there is none.
    result = compute(_five("H", with_england=False), _indicators(("H", "higher", "years")))
    benchmark = result.benchmarks.iloc[0]
    assert np.isnan(benchmark.national_average) and benchmark.national_source is None
    assert _column(result, "comparison") == ["not tested"] * 5
    assert _column(result, "quartile") == [4, 3, 2, 1, 1]  # the quartiles do not need England


COUNTED = [("A", 10.0, 100.0), ("B", 300.0, 1000.0), ("C", 20.0, 100.0), ("D", 50.0, 500.0)]


def test_without_an_england_row_the_national_value_is_the_sum_of_numerators_over_the_sum_of_denominators():
    # 10 of 100, 300 of 1000, 20 of 100, 50 of 500: rates 10, 30, 20, 10 % (mean 17.5 %, which a PCT of 1,000
    # would weigh like one of 100). Aggregate (10 + 300 + 20 + 50) / (100 + 1000 + 100 + 500) = 380 / 1700
    # = 22.352941 %; per 100,000 the same counts give 22,352.941.
    rows = [("P", org, "PCT", "2009", num / den * 100, NAN, NAN, num, den) for org, num, den in COUNTED]
    rows += [("R", org, "PCT", "2009", num / den * 100_000, NAN, NAN, num, den) for org, num, den in COUNTED]
    result = compute(_values(rows), _indicators(("P", "higher", "%"), ("R", "lower", "per 100000")))
    benchmarks = result.benchmarks.set_index("indicator_code")
    assert benchmarks.loc["P", "national_average"] == pytest.approx(22.352941, abs=1e-6)
    assert benchmarks.loc["R", "national_average"] == pytest.approx(22_352.941, abs=1e-3)
    assert benchmarks["national_source"].tolist() == ["aggregate", "aggregate"]
    # A (10 of 100: Wilson 5.52 to 17.44 %) is below 22.35: worse; B (30 %, 27.24 to 32.91) above: better.
    comparison = result.organisations.set_index(["indicator_code", "org_code"])["comparison"]
    assert comparison.loc["P"].tolist() == ["worse", "better", "similar", "worse"]


def test_no_aggregate_when_one_value_lacks_its_counts_or_is_not_the_crude_rate():
    without_counts = [("P", org, "PCT", "2009", num / den * 100, NAN, NAN, num, den) for org, num, den in COUNTED]
    without_counts[0] = ("P", "A", "PCT", "2009", 10.0)
    # A standardised rate (55 where the counts say 10 of 100 = 10 %) is not described by its counts.
    standardised = [("S", org, "PCT", "2009", num / den * 100, NAN, NAN, num, den) for org, num, den in COUNTED]
    standardised[0] = ("S", "A", "PCT", "2009", 55.0, NAN, NAN, 10.0, 100.0)
    result = compute(_values(without_counts + standardised), _indicators(("P", "higher", "%"), ("S", "higher", "%")))
    assert result.benchmarks["national_average"].isna().all()
    assert result.benchmarks["national_source"].tolist() == [None, None]
    assert set(result.organisations["comparison"]) == {"not tested"}


def test_counts_get_no_quartiles_and_no_comparison_with_england():
    # MRSA cases: a large PCT has more cases for being large. England's own figure is kept, but nothing is compared.
    cases = zip("ABCDE", [5.0, 9, 12, 30, 2], strict=True)
    rows = [("M", org, "PCT", "2009", value, value - 3, value + 3) for org, value in cases]
    rows.append(("M", ENGLAND, "ENGLAND", "2009", 1500.0))
    result = compute(_values(rows), _indicators(("M", "lower", "count")))
    benchmark = result.benchmarks.iloc[0]
    assert (benchmark.national_average, benchmark.national_source, benchmark.n) == (1500.0, "england", 5)
    assert np.isnan([benchmark.q1, benchmark["median"], benchmark.q3, benchmark.upper_quartile]).all()
    assert _column(result, "comparison") == ["not tested"] * 5
    assert result.organisations["quartile"].isna().all()
    assert result.organisations["gap_to_upper_quartile"].isna().all()


def test_three_organisations_get_no_quartiles_and_four_do():
    three = [("H", org, "PCT", "2009", value) for org, value in zip("ABC", [10.0, 20.0, 30.0], strict=True)]
    result = compute(_values(three), _indicators(("H", "higher", "%")))
    benchmark = result.benchmarks.iloc[0]
    assert benchmark.n == 3
    assert np.isnan([benchmark.q1, benchmark["median"], benchmark.q3, benchmark.upper_quartile]).all()
    assert result.organisations["quartile"].isna().all()
    assert result.organisations["gap_to_upper_quartile"].isna().all()
    four = [*three, ("H", "D", "PCT", "2009", 40.0)]
    benchmark = compute(_values(four), _indicators(("H", "higher", "%"))).benchmarks.iloc[0]
    assert (benchmark.n, benchmark.q1, benchmark["median"], benchmark.q3) == (4, 17.5, 25.0, 32.5)


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
            ("H", "D", "PCT", "2009", 30.0),
            ("H", "E", "PCT", "2009", 40.0),
            ("H", "Q30", "SHA", "2009", 1000.0),
        ]
    )
    result = compute(values, _indicators(("H", "higher", "years")))
    benchmark = result.benchmarks.iloc[0]
    # V = {10, 20, 30, 40}: Q1 = 17.5, Q3 = 32.5; the SHA's 1000 plays no part, B's blank is not a value.
    assert (benchmark.n, benchmark.q1, benchmark.q3) == (4, 17.5, 32.5)
    assert result.organisations["org_code"].tolist() == ["A", "B", "C", "D", "E"]
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
            ("H", "L4", "LA", "2009", 400.0),
        ]
    )
    result = compute(values, _indicators(("H", "higher", "years")))
    benchmarks = result.benchmarks.set_index("org_type")
    assert benchmarks.loc[["LA", "PCT"], "national_average"].tolist() == [50.0, 50.0]
    assert benchmarks.loc[["LA", "PCT"], "national_source"].tolist() == ["england", "england"]
    # PCT: two values, so no quartiles. LA: 100 .. 400 -> Q1 = 175, median 250, Q3 = 325.
    assert np.isnan(benchmarks.loc["PCT", ["q1", "median", "q3"]].to_numpy(dtype=float)).all()
    assert benchmarks.loc["LA", ["q1", "median", "q3"]].tolist() == [175, 250, 325]
    assert _column(result, "quartile") == [4, 3, 2, 1, pd.NA, pd.NA]  # ordered L1 .. L4, P1, P2


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
SERIES = {"A": [6.0, 8.0, 10.0, 12.0, 14.0], "B": [30.0] * 5, "C": [20.0, 19.0, 18.0, 17.0, 16.0], "D": [25.0] * 5}


def _series(polarity: str) -> pd.DataFrame:
    # Every interval is value +/- 1: SE = 2 / 3.92, w = 3.8416 each. With x = 0..4, S1 = 5w, Sx = 10w, Sxx = 30w:
    # S1*Sxx - Sx^2 = 50w^2 and SE(b) = sqrt(5w / 50w^2) = sqrt(1 / 38.416) = 0.161342.
    # A: b = 2, chi2 = (2 / 0.161342)^2 = 153.66; C: b = -1, chi2 = 38.42; both > 9.5495 and every point-left-out
    # slope keeps the sign (a straight line stays straight). B and D are flat: b = 0, chi2 = 0, p = 1.
    rows = [
        ("T", org, "PCT", period, value, value - 1, value + 1)
        for org, series in SERIES.items()
        for period, value in zip(PERIODS, series, strict=True)
    ]
    return compute(_values(rows), _indicators(("T", polarity, "years"))).organisations


def test_trend_needs_five_periods_and_counts_periods_to_the_upper_quartile():
    rows = _series("higher").set_index(["org_code", "period"])
    assert rows.loc[("A", "2008-09"), "trend"] == "not enough data"  # four periods only
    assert np.isnan(rows.loc[("A", "2008-09"), "trend_slope"])
    latest = rows.xs("2009-10", level="period")
    assert latest["trend"].tolist() == ["improving", "no significant change", "worsening", "no significant change"]
    assert latest["trend_slope"].tolist() == pytest.approx([2.0, 0.0, -1.0, 0.0])
    assert latest["trend_p_value"].tolist() == pytest.approx(
        [stats.chi2.sf(153.664, 1), 1.0, stats.chi2.sf(38.416, 1), 1.0], rel=1e-6
    )
    # 2009-10 values 14, 30, 16, 25: sorted 14, 16, 25, 30, Q3 at position 2.25 = 26.25. A's gap 26.25 - 14 = 12.25,
    # at 2 a year 6.125 -> 7 periods. C is short by 10.25 but worsening; B is beyond; D is short but not improving.
    assert latest["gap_to_upper_quartile"].tolist() == [12.25, -3.75, 10.25, 1.25]
    assert latest["periods_to_upper_quartile"].tolist() == [7, pd.NA, pd.NA, pd.NA]


def test_trend_when_lower_is_better():
    latest = _series("lower").set_index(["org_code", "period"]).xs("2009-10", level="period")
    assert latest["trend"].tolist() == ["worsening", "no significant change", "improving", "no significant change"]
    # Q1 at position 0.75 = 15.5. C: gap 16 - 15.5 = 0.5 at 1 a year -> 1 period. A: 14 is already below 15.5.
    assert latest["gap_to_upper_quartile"].tolist() == [-1.5, 14.5, 0.5, 9.5]
    assert latest["periods_to_upper_quartile"].tolist() == [pd.NA, pd.NA, 1, pd.NA]


def test_trend_without_polarity_says_which_way_but_not_better_or_worse():
    latest = _series("none").set_index(["org_code", "period"]).xs("2009-10", level="period")
    assert latest["trend"].tolist() == ["increasing", "no significant change", "decreasing", "no significant change"]
    assert latest["trend_slope"].tolist() == pytest.approx([2.0, 0.0, -1.0, 0.0])
    assert latest["periods_to_upper_quartile"].isna().all()


def test_trend_reads_intervals_computed_from_counts_and_skips_points_without_one():
    # Six years of 40, 45, 50, 55, 60, 65 of 100 (Wilson intervals computed); the 2007 value has no counts and no
    # interval, so the five usable points are 2004, 2005, 2006, 2008, 2009 - a rise of 5 points a year.
    counts = [40, 45, 50, 55, 60, 65]
    rows = [
        ("P", "A", "PCT", str(2004 + i), float(n), NAN, NAN, float(n), 100.0) for i, n in enumerate(counts)
    ]  # fmt: skip
    rows[3] = ("P", "A", "PCT", "2007", 55.0)
    result = compute(_values(rows), _indicators(("P", "higher", "%"))).organisations.set_index("period")
    assert result.loc["2008", "trend"] == "not enough data"  # 2004, 2005, 2006, 2008: four usable points
    assert result.loc["2009", "trend"] == "improving"
    assert result.loc["2009", "trend_slope"] == pytest.approx(5.0, abs=0.1)


def test_it_is_deterministic_whatever_the_row_order():
    values = pd.concat([_five("H"), _five("L", with_england=False)], ignore_index=True)
    values = pd.concat([values, _values([("H", "A", "PCT", "2008-09", 12.0), ("H", "B", "PCT", "2010", 3.0)])])
    indicators = _indicators(("H", "higher", "years"), ("L", "lower", "years"))
    first = compute(values, indicators)
    again = compute(values.sample(frac=1, random_state=7), indicators)
    pd.testing.assert_frame_equal(first.benchmarks, again.benchmarks)
    pd.testing.assert_frame_equal(first.organisations, again.organisations)
    assert first.benchmarks["period"].tolist() == ["2008-09", "2009-10", "2010", "2009-10"]
    # Each group keeps its own quartiles: H 2008-09 and H 2010 have one value (none); the five-PCT groups Q1 = 20.
    assert first.benchmarks["q1"].tolist() == pytest.approx([NAN, 20.0, NAN, 20.0], nan_ok=True)


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
