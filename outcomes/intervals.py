"""Confidence intervals as public-health analysts compute them (APHO Technical Briefing 3).

Proportions (unit "%") use the Wilson score method; crude rates ("per 1000", "per 100000") use Byar's
approximation when the count is 10 or more and the exact Poisson method below 10. Other units
(standardised rates, life expectancy, ratios, counts, GBP) get intervals only from the data.
"""

import numpy as np
import pandas as pd
from scipy import stats

CONFIDENCE_95 = 0.95
CONFIDENCE_998 = 0.998
# Multipliers of the units whose intervals we can compute from numerator and denominator.
PROPORTION_UNITS = {"%": 100.0}
RATE_UNITS = {"per 1000": 1_000.0, "per 100000": 100_000.0}
# Below this count Byar's approximation is poor, so the exact Poisson interval is used instead.
BYAR_MIN_COUNT = 10
# A value further than this (relative) from numerator/denominator*multiplier is not a crude figure
# (for example a directly standardised rate), so its interval cannot be computed from the counts.
CRUDE_TOLERANCE = 0.005


def z_value(confidence: float) -> float:
    """Return the two-sided standard normal quantile for a confidence level (1.96 for 0.95)."""
    return float(stats.norm.ppf(1 - (1 - confidence) / 2))


def wilson_interval(numerator, denominator, confidence: float = CONFIDENCE_95) -> tuple[np.ndarray, np.ndarray]:
    """Return Wilson score bounds in % for numerator of denominator (NaN where not computable)."""
    o, n = _as_float(numerator), _as_float(denominator)
    ok = (n > 0) & (o >= 0) & (o <= n)
    o, n = np.where(ok, o, 0.0), np.where(ok, n, 1.0)  # safe placeholders, masked below
    z = z_value(confidence)
    p = o / n
    centre = 2 * o + z**2
    spread = z * np.sqrt(z**2 + 4 * o * (1 - p))
    scale = 2 * (n + z**2)
    lower, upper = (centre - spread) / scale, (centre + spread) / scale
    return np.where(ok, 100 * lower, np.nan), np.where(ok, 100 * upper, np.nan)


def byar_interval(count, confidence: float = CONFIDENCE_95) -> tuple[np.ndarray, np.ndarray]:
    """Return Byar's approximate Poisson bounds for a count (NaN for negative counts)."""
    o = _as_float(count)
    ok = o > 0
    o = np.where(ok, o, 1.0)
    z = z_value(confidence)
    lower = o * (1 - 1 / (9 * o) - z / (3 * np.sqrt(o))) ** 3
    upper = (o + 1) * (1 - 1 / (9 * (o + 1)) + z / (3 * np.sqrt(o + 1))) ** 3
    return np.where(ok, lower, np.nan), np.where(ok, upper, np.nan)


def exact_poisson_interval(count, confidence: float = CONFIDENCE_95) -> tuple[np.ndarray, np.ndarray]:
    """Return exact Poisson bounds for a count from the chi-square distribution (lower 0 for 0)."""
    o = _as_float(count)
    ok = o >= 0
    o = np.where(ok, o, 0.0)
    alpha = 1 - confidence
    # chi2 with 0 degrees of freedom is undefined; the exact lower bound for a zero count is 0.
    lower = np.where(o > 0, stats.chi2.ppf(alpha / 2, np.maximum(2 * o, 1e-12)) / 2, 0.0)
    upper = stats.chi2.ppf(1 - alpha / 2, 2 * o + 2) / 2
    return np.where(ok, lower, np.nan), np.where(ok, upper, np.nan)


def rate_interval(
    count, denominator, multiplier: float, confidence: float = CONFIDENCE_95
) -> tuple[np.ndarray, np.ndarray]:
    """Return crude-rate bounds: Byar for counts of 10 or more, exact Poisson below."""
    o, n = _as_float(count), _as_float(denominator)
    lower, upper = np.full(o.shape, np.nan), np.full(o.shape, np.nan)
    # Compute each method only on its own rows: the chi-square quantiles are the slow part.
    byar = o >= BYAR_MIN_COUNT
    exact = (o >= 0) & (o < BYAR_MIN_COUNT)
    lower[byar], upper[byar] = byar_interval(o[byar], confidence)
    lower[exact], upper[exact] = exact_poisson_interval(o[exact], confidence)
    ok = n > 0
    scale = np.where(ok, multiplier / np.where(ok, n, 1.0), np.nan)
    return lower * scale, upper * scale


def wilson(numerator: float, denominator: float, confidence: float = CONFIDENCE_95) -> tuple[float, float]:
    """Return one Wilson interval in % as two floats."""
    lower, upper = wilson_interval([numerator], [denominator], confidence)
    return float(lower[0]), float(upper[0])


def rate(count: float, denominator: float, multiplier: float, confidence: float = CONFIDENCE_95) -> tuple[float, float]:
    """Return one crude-rate interval (Byar or exact Poisson) as two floats."""
    lower, upper = rate_interval([count], [denominator], multiplier, confidence)
    return float(lower[0]), float(upper[0])


def normalise_unit(unit: str) -> str:
    """Return a unit with thousands separators and extra spaces removed ("per 100,000" -> "per 100000")."""
    return " ".join(str(unit).replace(",", "").split())


def _as_float(values) -> np.ndarray:
    """Return values as a float array (None and pandas NA become NaN)."""
    if isinstance(values, pd.Series | pd.Index):
        return values.to_numpy(dtype=float, na_value=np.nan)
    return np.asarray(values, dtype=float)


def compute_intervals(df: pd.DataFrame, unit: "str | pd.Series") -> pd.DataFrame:
    """Return df with 95% intervals filled from the counts where missing, their source, and 99.8% intervals.

    ``unit`` is one unit for every row or a Series of units aligned with df. ``ci_source`` is "data" when
    the file supplied both bounds, "computed" when they came from numerator and denominator, else None.
    99.8% bounds are computed wherever the counts allow, also beside supplied 95% bounds.
    """
    out = df.copy()
    units = _unit_codes(out, unit)
    usable = _is_crude(out, units)
    crude_lower, crude_upper = _crude_bounds(out, units, usable, CONFIDENCE_95)
    lower_998, upper_998 = _crude_bounds(out, units, usable, CONFIDENCE_998)
    supplied = out["lower_ci"].notna().to_numpy() & out["upper_ci"].notna().to_numpy()
    computed = ~supplied & ~np.isnan(crude_lower)
    out["lower_ci"] = np.where(supplied, _as_float(out["lower_ci"]), crude_lower)
    out["upper_ci"] = np.where(supplied, _as_float(out["upper_ci"]), crude_upper)
    source = np.select([supplied, computed], ["data", "computed"], default=None).astype(object)
    out["ci_source"] = pd.Series(source, index=out.index, dtype=object)
    out["lower_ci_998"], out["upper_ci_998"] = lower_998, upper_998
    return out


def multiplier(unit: str) -> float:
    """A unit's multiplier (100 for %, 1,000 or 100,000 for rates), NaN for other units."""
    return {**PROPORTION_UNITS, **RATE_UNITS}.get(normalise_unit(unit), np.nan)


def _multipliers(codes: np.ndarray, names: list[str]) -> np.ndarray:
    known = {**PROPORTION_UNITS, **RATE_UNITS}
    return np.array([known.get(name, np.nan) for name in names] + [np.nan])[codes]  # -1: the last, NaN


def _unit_codes(df: pd.DataFrame, unit: "str | pd.Series") -> tuple[np.ndarray, list[str]]:
    """Each row's unit as a code into the list of distinct normalised units (-1 for none): each unit read once."""
    units = pd.Series(unit, index=df.index) if isinstance(unit, str) else unit.reindex(df.index)
    codes, distinct = pd.factorize(units)
    return codes, [normalise_unit(raw) for raw in distinct]


def _rows_in(units: tuple[np.ndarray, list[str]], wanted) -> np.ndarray:
    """Which rows have one of the wanted (normalised) units."""
    codes, names = units
    return np.isin(codes, [i for i, name in enumerate(names) if name in wanted])


def _crude_bounds(
    df: pd.DataFrame, units: tuple[np.ndarray, list[str]], usable: np.ndarray, confidence: float
) -> tuple[np.ndarray, np.ndarray]:
    """Return bounds computed from numerator and denominator where the unit and value allow, else NaN."""
    numerator, denominator = _as_float(df["numerator"]), _as_float(df["denominator"])
    lower, upper = np.full(len(df), np.nan), np.full(len(df), np.nan)
    proportion = usable & _rows_in(units, PROPORTION_UNITS)
    lower[proportion], upper[proportion] = wilson_interval(numerator[proportion], denominator[proportion], confidence)
    for rate_unit, multiplier in RATE_UNITS.items():
        rows = usable & _rows_in(units, {rate_unit})
        lower[rows], upper[rows] = rate_interval(numerator[rows], denominator[rows], multiplier, confidence)
    return lower, upper


def _is_crude(df: pd.DataFrame, units: tuple[np.ndarray, list[str]]) -> np.ndarray:
    """Return which rows' values equal numerator / denominator x multiplier, so counts describe them."""
    return described_by_counts(df, _multipliers(*units))


def described_by_counts(df: pd.DataFrame, multipliers: np.ndarray) -> np.ndarray:
    """Which rows' values are numerator / denominator x their unit's multiplier (NaN: none), a crude figure."""
    numerator, denominator = _as_float(df["numerator"]), _as_float(df["denominator"])
    value = _as_float(df["value"])
    with np.errstate(divide="ignore", invalid="ignore"):
        crude = numerator / denominator * multipliers
    # Published values are rounded (often to one decimal), hence the absolute allowance; a standardised
    # rate usually differs from the crude rate by far more than 1%.
    allowance = np.maximum(0.01 * np.abs(crude), 0.051)
    return (denominator > 0) & (numerator >= 0) & (np.abs(value - crude) <= allowance)
