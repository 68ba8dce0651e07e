"""Trends as public-health analysts test them (Fingertips' recent-trend marker; DESIGN.md section 5, "trend").

Over the five most recent periods up to P whose value has a 95% interval of non-zero width: the weighted
least-squares slope b of value on the periods' first years, each point weighted by w = 1 / SE^2 with
SE = (upper - lower) / 3.92; SE(b) = sqrt(S1 / (S1*Sxx - Sx^2)) and chi2 = (b / SE(b))^2. Significant when
chi2 > 9.5495 (99.8%, one degree of freedom) and each of the five fits leaving one point out has a slope of b's sign.

Vocabulary (the API's): "improving", "worsening", "no significant change", "not enough data" (fewer than five
points), "not tested" (overlapping rolling periods: not independent), and for indicators without polarity
"increasing" or "decreasing".

Every function works on (rows, periods) arrays at once: one row per organisation's series.
"""

from dataclasses import dataclass

import numpy as np
from scipy import special

WINDOW = 5  # the five most recent periods with an interval
Z_95 = 1.96  # a 95% interval is 2 x 1.96 standard errors wide: SE = (upper - lower) / 3.92
CHI2_998 = 9.5495  # the 99.8% point of chi-square with one degree of freedom
IMPROVING, WORSENING = "improving", "worsening"
INCREASING, DECREASING = "increasing", "decreasing"
NO_CHANGE, NOT_ENOUGH, NOT_TESTED = "no significant change", "not enough data", "not tested"
# The methods page's and docs/outcomes.md's worked example (life expectancy in years; a test recomputes it).
WORKED_EXAMPLE = {
    "years": [2005, 2006, 2007, 2008, 2009],
    "values": [70.0, 71.0, 71.5, 72.6, 73.0],
    "lower": [68.0, 69.5, 70.5, 71.6, 72.0],
    "upper": [72.0, 72.5, 72.5, 73.6, 74.0],
}


def weights(lower, upper) -> np.ndarray:
    """w = 1 / SE^2 with SE = (upper - lower) / 3.92; 0 where the interval is missing or of no positive width."""
    lower, upper = np.asarray(lower, dtype=float), np.asarray(upper, dtype=float)
    width = upper - lower
    usable = np.isfinite(width) & (width > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(usable, (2 * Z_95 / np.where(usable, width, 1.0)) ** 2, 0.0)


@dataclass(frozen=True)
class Fit:
    """A weighted least-squares fit of each row: slope b (per year), SE(b), chi2 and its survival probability."""

    slope: np.ndarray
    standard_error: np.ndarray
    chi2: np.ndarray
    p_value: np.ndarray


def fit(years, values, w) -> Fit:
    """The weighted least-squares slope of each row, with DESIGN.md's sums (points of weight 0 are left out).

    Shifting x changes neither b nor SE(b), so x is measured from each row's first year: the sums stay small.
    """
    slope, standard_error, chi2 = _slope(*_sums(*_clean(years, values, w)))
    return Fit(slope, standard_error, chi2, np.where(np.isfinite(chi2), special.chdtrc(1, np.nan_to_num(chi2)), np.nan))


def leave_one_out_slopes(years, values, w) -> np.ndarray:
    """The slope of each row fitted without each of its points in turn (NaN where a point has weight 0)."""
    x, y, w = _clean(years, values, w)
    parts = _parts(x, y, w)
    sums = [part.sum(axis=1) for part in parts]
    slope = _slope(*(total[:, None] - part for total, part in zip(sums, parts, strict=True)))[0]
    return np.where(w > 0, slope, np.nan)


def _slope(s1, sx, sy, sxx, sxy) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """b = (S1*Sxy - Sx*Sy) / (S1*Sxx - Sx^2), SE(b) = sqrt(S1 / (S1*Sxx - Sx^2)), chi2 = (b / SE(b))^2; NaN where
    the points do not span two years."""
    with np.errstate(divide="ignore", invalid="ignore"):
        spread = s1 * sxx - sx**2
        fitted = spread > 1e-12 * np.maximum(s1 * sxx, 1e-300)
        spread = np.where(fitted, spread, np.nan)
        slope = (s1 * sxy - sx * sy) / spread
        standard_error = np.sqrt(s1 / spread)
        return slope, standard_error, (slope / standard_error) ** 2


def _clean(years, values, w) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """x (from each row's first year), y and w as 2-D arrays, with 0 wherever a point is left out."""
    y = np.atleast_2d(np.asarray(values, dtype=float))
    x = np.broadcast_to(np.asarray(years, dtype=float), y.shape)
    w = np.broadcast_to(np.asarray(w, dtype=float), y.shape)
    w = np.where(np.isfinite(x) & np.isfinite(y) & (w > 0), w, 0.0)
    origin = np.where(np.isfinite(x), x, np.inf).min(axis=1)
    origin = np.where(np.isfinite(origin), origin, 0.0)
    used = w > 0
    return np.where(used, x - origin[:, None], 0.0), np.where(used, y, 0.0), w


def _parts(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, ...]:
    """Each point's share of S1, Sx, Sy, Sxx and Sxy."""
    return w, w * x, w * y, w * x * x, w * x * y


def _sums(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, ...]:
    """S1, Sx, Sy, Sxx and Sxy of each row."""
    return tuple(part.sum(axis=1) for part in _parts(x, y, w))


def significant(years, values, w) -> tuple[Fit, np.ndarray]:
    """The fit of each row, and whether its trend is significant: chi2 > 9.5495 and no point alone makes it."""
    result = fit(years, values, w)
    others = leave_one_out_slopes(years, values, w)
    kept = np.asarray(w) > 0
    same_sign = np.where(kept, np.sign(others) == np.sign(result.slope)[:, None], True).all(axis=1)
    return result, (result.chi2 > CHI2_998) & same_sign & (result.slope != 0)


@dataclass(frozen=True)
class Window:
    """The trend at each (row, end period): its slope and p-value, points used, and which test applies."""

    slope: np.ndarray
    p_value: np.ndarray
    points: np.ndarray  # periods with a usable interval up to the end period (at most five are used)
    significant: np.ndarray
    overlapping: np.ndarray  # the five periods share years (rolling periods): not tested


def window_test(years, values, lower, upper, first_months=None, last_months=None) -> Window:
    """The trend of each row at each end column, over its five most recent points with a usable interval.

    All arrays are (rows, periods) with periods in order of first year; NaN marks no period or no value. The
    months (any count of months, e.g. year * 12 + month - 1) of each period's first and last month find periods
    that overlap; without them no period overlaps. The same sums as ``fit`` and ``leave_one_out_slopes``, built once
    for every row and period and masked to each window.
    """
    values = np.atleast_2d(np.asarray(values, dtype=float))
    years = np.broadcast_to(np.asarray(years, dtype=float), values.shape)
    w = weights(lower, upper)
    usable = (w > 0) & np.isfinite(values) & np.isfinite(years)
    x, y, w = _clean(years, values, np.where(usable, w, 0.0))
    parts = np.stack(_parts(x, y, w))  # (5, rows, periods): each point's share of S1, Sx, Sy, Sxx, Sxy
    count = usable.cumsum(axis=1)  # usable points up to and including each column
    overlap = _overlaps_previous(usable, first_months, last_months, values.shape)
    rows, periods = values.shape
    slope, chi2 = np.full((rows, periods), np.nan), np.full((rows, periods), np.nan)
    same_sign = np.zeros((rows, periods), dtype=bool)
    overlapping = np.zeros((rows, periods), dtype=bool)
    for end in range(periods):  # a loop over periods (about ten), vectorised over every organisation
        later = count[:, end : end + 1] - count[:, : end + 1]  # usable points after each column, up to end
        chosen = usable[:, : end + 1] & (later < WINDOW)
        shares = parts[:, :, : end + 1] * chosen
        sums = shares.sum(axis=2)
        slope[:, end], _, chi2[:, end] = _slope(*sums)
        others = _slope(*(sums[:, :, None] - shares))[0]
        same_sign[:, end] = (~chosen | (np.sign(others) == np.sign(slope[:, end : end + 1]))).all(axis=1)
        # The oldest chosen point's overlap is with a period outside the window: only the later four count.
        overlapping[:, end] = (chosen & overlap[:, : end + 1] & (later < WINDOW - 1)).any(axis=1)
    tested = (count >= WINDOW) & ~overlapping & np.isfinite(slope)
    return Window(
        slope=np.where(tested, slope, np.nan),
        p_value=np.where(tested, special.chdtrc(1, np.where(tested, chi2, 0.0)), np.nan),
        points=count,
        significant=tested & (chi2 > CHI2_998) & same_sign & (slope != 0),
        overlapping=overlapping & (count >= WINDOW),
    )


def _overlaps_previous(usable: np.ndarray, first_months, last_months, shape) -> np.ndarray:
    """Whether each usable point's period starts before the previous usable point's period ends."""
    if first_months is None or last_months is None:
        return np.zeros(shape, dtype=bool)
    first = np.broadcast_to(np.asarray(first_months, dtype=float), shape)
    last = np.broadcast_to(np.asarray(last_months, dtype=float), shape)
    overlap = np.zeros(shape, dtype=bool)
    previous_last = np.full(shape[0], -np.inf)
    for column in range(shape[1]):
        overlap[:, column] = usable[:, column] & (first[:, column] <= previous_last)
        previous_last = np.where(usable[:, column], last[:, column], previous_last)
    return overlap


def label(slope, is_significant, points, polarity, overlapping=False) -> np.ndarray:
    """The trend label of each result, reading a significant slope's direction through the indicator's polarity."""
    slope = np.asarray(slope, dtype=float)
    is_significant = np.broadcast_to(np.asarray(is_significant, dtype=bool), slope.shape)
    overlapping = np.broadcast_to(np.asarray(overlapping, dtype=bool), slope.shape)
    polarity = np.broadcast_to(np.asarray(polarity, dtype=object), slope.shape)
    good = ((polarity == "higher") & (slope > 0)) | ((polarity == "lower") & (slope < 0))
    bad = ((polarity == "higher") & (slope < 0)) | ((polarity == "lower") & (slope > 0))
    neutral = polarity == "none"
    choices = [
        np.asarray(points) < WINDOW, overlapping, np.isnan(slope), is_significant & good, is_significant & bad,
        is_significant & neutral & (slope > 0), is_significant & neutral & (slope < 0),
    ]  # fmt: skip
    labels = [NOT_ENOUGH, NOT_TESTED, NOT_ENOUGH, IMPROVING, WORSENING, INCREASING, DECREASING]
    return np.select(choices, labels, default=NO_CHANGE).astype(object)


def explain(years, values, lower, upper) -> dict:
    """One series' trend test step by step (the methods page's worked example), from the functions above."""
    years, values = np.asarray(years, dtype=float), np.asarray(values, dtype=float)
    w = weights(lower, upper)
    result, is_significant = significant(years[None, :], values[None, :], w[None, :])
    return {
        "standard_errors": (np.asarray(upper, dtype=float) - np.asarray(lower, dtype=float)) / (2 * Z_95),
        "weights": w,
        "slope": float(result.slope[0]),
        "standard_error": float(result.standard_error[0]),
        "chi2": float(result.chi2[0]),
        "p_value": float(result.p_value[0]),
        "leave_one_out": leave_one_out_slopes(years[None, :], values[None, :], w[None, :])[0],
        "significant": bool(is_significant[0]),
    }
