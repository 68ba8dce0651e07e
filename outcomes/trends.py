"""Trends: least-squares slope of value on the periods' first years, with a two-sided p-value.

Vocabulary (the API's): "improving", "worsening", "no significant change", "not enough data", and for indicators
without polarity, whose direction is neither good nor bad, "increasing" or "decreasing" (as their comparison with
England says "higher" or "lower" rather than "better" or "worse").
"""

import numpy as np
from scipy import stats

WINDOW = 5  # the five periods ending at P
MIN_POINTS = 3
SIGNIFICANCE = 0.05
IMPROVING, WORSENING = "improving", "worsening"
INCREASING, DECREASING = "increasing", "decreasing"
NO_CHANGE, NOT_ENOUGH = "no significant change", "not enough data"
# Residuals this small relative to the spread of the values are rounding noise: the fit is perfect.
PERFECT_FIT = 1e-12


def regression(years: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return slope, two-sided p-value and number of points per row of values (NaN = no value)."""
    y = np.atleast_2d(np.asarray(values, dtype=float))
    x = np.broadcast_to(np.asarray(years, dtype=float), y.shape)
    present = ~np.isnan(y) & ~np.isnan(x)
    n = present.sum(axis=1)
    x0, y0 = np.where(present, x, 0.0), np.where(present, y, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        x_mean = x0.sum(axis=1) / n
        y_mean = y0.sum(axis=1) / n
        dx = np.where(present, x0 - x_mean[:, None], 0.0)
        dy = np.where(present, y0 - y_mean[:, None], 0.0)
        sxx, sxy, syy = (dx * dx).sum(axis=1), (dx * dy).sum(axis=1), (dy * dy).sum(axis=1)
        slope = sxy / sxx
        p_value = _p_value(slope, sxx, sxy, syy, n)
    enough = (n >= MIN_POINTS) & (sxx > 0)
    return np.where(enough, slope, np.nan), np.where(enough, p_value, np.nan), n


def _p_value(slope: np.ndarray, sxx: np.ndarray, sxy: np.ndarray, syy: np.ndarray, n: np.ndarray) -> np.ndarray:
    """Return the two-sided t-test p-value of the slope, exact for flat and perfectly straight series."""
    residual = np.maximum(syy - slope * sxy, 0.0)
    perfect = residual <= PERFECT_FIT * syy
    dof = np.maximum(n - 2, 1)
    standard_error = np.sqrt(np.where(perfect, 1.0, residual) / dof / sxx)
    p_value = 2 * stats.t.sf(np.abs(slope / standard_error), dof)
    # All values equal: no evidence of change (p = 1). Straight line with a slope: certain (p = 0).
    return np.where(syy == 0, 1.0, np.where(perfect, 0.0, p_value))


def window_regression(years: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return slope, p-value and points for each row and each end column, over the five columns ending there.

    ``years`` and ``values`` are (rows, periods) with periods in order; NaN marks no period or no value.
    """
    rows, periods = values.shape
    slope, p_value = np.full((rows, periods), np.nan), np.full((rows, periods), np.nan)
    points = np.zeros((rows, periods), dtype=int)
    for end in range(periods):  # a loop over periods (about ten), vectorised over every organisation
        start = max(0, end - WINDOW + 1)
        window = slice(start, end + 1)
        slope[:, end], p_value[:, end], points[:, end] = regression(years[:, window], values[:, window])
    return slope, p_value, points


def label(slope, p_value, points, polarity) -> np.ndarray:
    """Return the trend label for each slope, reading its direction through the indicator's polarity."""
    slope, p_value = np.asarray(slope, dtype=float), np.asarray(p_value, dtype=float)
    polarity = np.broadcast_to(np.asarray(polarity, dtype=object), slope.shape)
    significant = p_value < SIGNIFICANCE
    good = ((polarity == "higher") & (slope > 0)) | ((polarity == "lower") & (slope < 0))
    bad = ((polarity == "higher") & (slope < 0)) | ((polarity == "lower") & (slope > 0))
    neutral = polarity == "none"
    enough = (np.asarray(points) >= MIN_POINTS) & ~np.isnan(slope)
    choices = [
        ~enough, significant & good, significant & bad, significant & neutral & (slope > 0),
        significant & neutral & (slope < 0),
    ]  # fmt: skip
    labels = [NOT_ENOUGH, IMPROVING, WORSENING, INCREASING, DECREASING]
    return np.select(choices, labels, default=NO_CHANGE).astype(object)
