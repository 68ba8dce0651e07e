"""Confidence intervals checked against hand computations and APHO Technical Briefing 3 examples."""

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import optimize, stats

from outcomes import intervals

Z95 = 1.959964  # standard normal 97.5th percentile


def test_z_values():
    assert intervals.z_value(0.95) == pytest.approx(1.959964, abs=1e-6)
    assert intervals.z_value(0.998) == pytest.approx(3.090232, abs=1e-6)


def test_wilson_40_of_100():
    # By hand, O = 40, n = 100, p = 0.4, z^2 = 3.841459:
    #   centre = 2*40 + 3.841459 = 83.841459
    #   spread = z * sqrt(z^2 + 4*40*0.6) = 1.959964 * sqrt(99.841459) = 1.959964 * 9.992070 = 19.584098
    #   scale  = 2 * (100 + 3.841459) = 207.682918
    #   lower = 64.257361 / 207.682918 = 0.30940 -> 30.94 %
    #   upper = 103.425557 / 207.682918 = 0.49800 -> 49.80 %
    # APHO Technical Briefing 3 prints 30.9% to 49.8%.
    lower, upper = intervals.wilson(40, 100)
    assert lower == pytest.approx(30.94, abs=0.01)
    assert upper == pytest.approx(49.80, abs=0.01)


def test_wilson_zero_of_ten_has_a_lower_bound_of_zero():
    # O = 0: lower = (z^2 - z*sqrt(z^2)) / ... = 0
    #        upper = 2 z^2 / (2 (n + z^2)) = 3.841459 / 13.841459 = 27.75 %
    lower, upper = intervals.wilson(0, 10)
    assert lower == pytest.approx(0.0, abs=1e-9)
    assert upper == pytest.approx(27.75, abs=0.01)


def test_wilson_998_is_wider():
    # z = 3.090232, z^2 = 9.549534: centre 89.549534, spread 3.090232*sqrt(105.549534) = 31.747797,
    # scale 219.099068: lower 57.801737/219.099068 = 26.38 %, upper 121.297331/219.099068 = 55.36 %
    lower, upper = intervals.wilson(40, 100, 0.998)
    assert lower == pytest.approx(26.38, abs=0.01)
    assert upper == pytest.approx(55.36, abs=0.01)


def test_wilson_is_nan_where_it_cannot_be_computed():
    lower, upper = intervals.wilson_interval([5, 5, np.nan], [0, 4, 10])
    assert np.isnan(lower).all() and np.isnan(upper).all()


def test_byar_89_in_27000():
    # By hand (APHO TB3 example: 89 deaths, population 27,000, rate 329.6 per 100,000):
    #   lower count = 89 * (1 - 1/801 - 1.959964/(3*sqrt(89)))^3 = 89 * (1 - 0.0012484 - 0.0692519)^3
    #               = 89 * 0.9294997^3 = 89 * 0.803059 = 71.472  -> 71.472/27000*100000 = 264.71
    #   upper count = 90 * (1 - 1/810 + 1.959964/(3*sqrt(90)))^3 = 90 * 1.0676315^3 = 90 * 1.216926 = 109.523
    #               -> 109.523/27000*100000 = 405.64
    lower, upper = intervals.rate(89, 27_000, 100_000)
    assert lower == pytest.approx(264.71, abs=0.02)
    assert upper == pytest.approx(405.64, abs=0.02)


def _poisson_bounds(count: int, confidence: float) -> tuple[float, float]:
    """Exact Poisson bounds found by root-finding on the Poisson distribution, independently of chi-square."""
    tail = (1 - confidence) / 2
    lower = 0.0 if count == 0 else optimize.brentq(lambda mu: stats.poisson.sf(count - 1, mu) - tail, 1e-9, 100)
    upper = optimize.brentq(lambda mu: stats.poisson.cdf(count, mu) - tail, 1e-9, 100)
    return lower, upper


@pytest.mark.parametrize("count", [0, 1, 5, 9])
@pytest.mark.parametrize("confidence", [0.95, 0.998])
def test_exact_poisson_below_ten_matches_the_poisson_distribution(count, confidence):
    expected_lower, expected_upper = _poisson_bounds(count, confidence)
    lower, upper = intervals.rate(count, 1_000, 1_000, confidence)  # multiplier/denominator 1: bounds are counts
    assert lower == pytest.approx(expected_lower, abs=1e-4)
    assert upper == pytest.approx(expected_upper, abs=1e-4)


def test_exact_poisson_5_in_27000():
    # Published table values for 5 events: 1.6235 to 11.6683 (95%), so per 100,000 of 27,000:
    #   1.6235 / 27000 * 100000 = 6.01 and 11.6683 / 27000 * 100000 = 43.22
    lower, upper = intervals.rate(5, 27_000, 100_000)
    assert lower == pytest.approx(6.01, abs=0.01)
    assert upper == pytest.approx(43.22, abs=0.01)


def test_zero_count_upper_bound_is_minus_log_of_the_tail():
    # P(X = 0 | mu) = exp(-mu) = 0.025  =>  mu = -ln(0.025) = 3.6889
    assert intervals.rate(0, 1_000, 1_000)[1] == pytest.approx(-math.log(0.025), abs=1e-6)


def test_count_of_ten_uses_byar_and_nine_uses_exact():
    # Byar lower for 10: 10 * (1 - 1/90 - 1.959964/(3*sqrt(10)))^3 = 10 * (1 - 0.011111 - 0.206597)^3
    #                  = 10 * 0.782292^3 = 4.787 (the exact bound would be 4.795)
    assert intervals.rate(10, 1_000, 1_000)[0] == pytest.approx(4.787, abs=0.001)
    assert intervals.rate(9, 1_000, 1_000)[0] == pytest.approx(_poisson_bounds(9, 0.95)[0], abs=1e-4)


def test_compute_intervals_fills_missing_wilson_and_keeps_data():
    df = pd.DataFrame(
        {
            "value": [40.0, 40.0, 40.0],
            "numerator": [40.0, 40.0, np.nan],
            "denominator": [100.0, 100.0, np.nan],
            "lower_ci": [np.nan, 35.0, 35.0],
            "upper_ci": [np.nan, 45.0, 45.0],
        }
    )
    out = intervals.compute_intervals(df, "%")
    assert out["ci_source"].tolist() == ["computed", "data", "data"]
    assert out["lower_ci"].round(2).tolist() == [30.94, 35.0, 35.0]
    assert out["upper_ci"].round(2).tolist() == [49.80, 45.0, 45.0]
    # 99.8% beside both: computed from the counts where present (26.38 % to 55.36 %, see above), else none.
    assert out["lower_ci_998"].round(2).tolist()[:2] == [26.38, 26.38]
    assert np.isnan(out["lower_ci_998"].iloc[2]) and np.isnan(out["upper_ci_998"].iloc[2])


def test_compute_intervals_for_rates_by_unit_per_row():
    df = pd.DataFrame(
        {
            "value": [329.6296, 18.5185, 1.0],
            "numerator": [89.0, 5.0, 10.0],
            "denominator": [27_000.0, 27_000.0, 10_000.0],
            "lower_ci": [np.nan] * 3,
            "upper_ci": [np.nan] * 3,
        }
    )
    out = intervals.compute_intervals(df, pd.Series(["per 100,000", "per 100000", "per 1000"]))
    # Byar 264.71-405.64 (above); exact 6.01-43.22 (above); Byar for 10 per 10,000: 4.787/10000*1000 = 0.4787
    # and upper 11 * (1 - 1/99 + 1.959964/(3*sqrt(11)))^3 = 11 * 1.186882^3 = 18.391 -> 1.839
    assert out["lower_ci"].round(2).tolist() == [264.71, 6.01, 0.48]
    assert out["upper_ci"].round(2).tolist() == [405.64, 43.22, 1.84]
    assert out["ci_source"].tolist() == ["computed"] * 3


def test_compute_intervals_leaves_standardised_rates_and_other_units_alone():
    # 150.0 is not 89/27000*100000 = 329.6: a directly standardised rate, whose interval needs the age bands.
    df = pd.DataFrame(
        {
            "value": [150.0, 78.2, 40.0],
            "numerator": [89.0, 40.0, np.nan],
            "denominator": [27_000.0, 100.0, np.nan],
            "lower_ci": [np.nan] * 3,
            "upper_ci": [np.nan] * 3,
        }
    )
    out = intervals.compute_intervals(df.iloc[[0]], "per 100000")
    assert out["ci_source"].tolist() == [None] and np.isnan(out["lower_ci_998"].iloc[0])
    out = intervals.compute_intervals(df.iloc[[1, 2]], "years")
    assert out["ci_source"].tolist() == [None, None]
    assert out["lower_ci"].isna().all() and out["upper_ci"].isna().all()


def test_compute_intervals_ignores_a_half_interval_and_raises_no_warnings():
    df = pd.DataFrame(
        {
            "value": [40.0, 0.0],
            "numerator": [40.0, 0.0],
            "denominator": [100.0, 0.0],
            "lower_ci": [35.0, np.nan],
            "upper_ci": [np.nan, np.nan],
        }
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = intervals.compute_intervals(df, "%")
    assert out["ci_source"].tolist() == ["computed", None]
    assert out["lower_ci"].round(2).iloc[0] == 30.94
