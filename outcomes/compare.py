"""Compare areas and the SHA overview: funnel-plot control limits, the order of the bars, the colour and words of
each comparison with England. Pure: no ORM, no request (docs/outcomes.md, "Compare areas").

Funnel plot limits (DESIGN.md section 5), around England's value for every denominator n:

- proportions: with p0 England's value as a fraction, p0 +/- z * sqrt(p0 * (1 - p0) / n), clipped to 0 and 1;
- crude rates: with r0 England's rate per person and E = r0 * n the count expected at England's rate, Byar's limits
  for E, lower E * (1 - 1/(9E) - z/(3 sqrt(E)))^3 and upper (E + 1) * (1 - 1/(9(E+1)) + z/(3 sqrt(E+1)))^3, over n;

with z = 1.959964 (95%) and 3.090232 (99.8%); then times the unit's multiplier.
"""

import math
from dataclasses import dataclass

import numpy as np

from assurance import palette

from .choices import Comparison, ValueType

Z_95 = 1.959964
Z_998 = 3.090232
FUNNEL_POINTS = 80  # denominators at which the limits are drawn, evenly spaced on a log scale

# The colour of each comparison on the charts (the bars); the grid and tables use the matching GOV.UK tag classes
# (outcomes.choices.COMPARISON_TAG) and always give the comparison in words beside the colour.
COMPARISON_COLOUR = {
    Comparison.BETTER: palette.GREEN,
    Comparison.SIMILAR: palette.YELLOW,
    Comparison.WORSE: palette.RED,
    Comparison.HIGHER: palette.BLUE,
    Comparison.LOWER: palette.BLUE,
    Comparison.NOT_TESTED: palette.MID_GREY,
}
# The words of each comparison, for tables, the grid and the chart's hover text.
COMPARISON_WORDS = {
    Comparison.BETTER: "better than England",
    Comparison.SIMILAR: "similar to England",
    Comparison.WORSE: "worse than England",
    Comparison.HIGHER: "higher than England",
    Comparison.LOWER: "lower than England",
    Comparison.NOT_TESTED: "not tested",
}
# Legend order: the better side first, "not tested" last.
LEGEND_ORDER = [
    Comparison.BETTER, Comparison.SIMILAR, Comparison.WORSE, Comparison.HIGHER, Comparison.LOWER,
    Comparison.NOT_TESTED,
]  # fmt: skip


def comparison_colour(comparison: str | None) -> str:
    """The bar colour of a stored comparison; grey for none or an unknown one (never tested)."""
    return COMPARISON_COLOUR.get(comparison or Comparison.NOT_TESTED, palette.MID_GREY)


def comparison_words(comparison: str | None) -> str:
    return COMPARISON_WORDS.get(comparison or Comparison.NOT_TESTED, "not tested")


def comparison_css(comparison: str | None) -> str:
    """The grid cell's class: app-cmp--better, --similar, --worse, --higher, --lower or --not-tested."""
    return "app-cmp--" + (comparison or Comparison.NOT_TESTED).replace(" ", "-")


def by_value(rows: list, value=lambda row: row.value, name=lambda row: row.organisation.name) -> list:
    """Rows sorted by value, lowest first, ties by name; rows without a value last (by name). No ranks are given."""
    with_value = [r for r in rows if _finite(value(r))]
    without = [r for r in rows if not _finite(value(r))]
    return sorted(with_value, key=lambda r: (value(r), name(r))) + sorted(without, key=name)


@dataclass(frozen=True)
class Funnel:
    """Control limits around England's value at each denominator (lists of equal length)."""

    denominators: list[float]
    lower_95: list[float]
    upper_95: list[float]
    lower_998: list[float]
    upper_998: list[float]


def proportion_limits(england: float, multiplier: float, n, z: float) -> tuple[np.ndarray, np.ndarray]:
    """Normal-approximation limits of a proportion around England's value (in the unit, e.g. %) for denominators n."""
    n = np.asarray(n, dtype=float)
    p0 = england / multiplier
    spread = z * np.sqrt(p0 * (1 - p0) / n)
    return np.clip(p0 - spread, 0.0, 1.0) * multiplier, np.clip(p0 + spread, 0.0, 1.0) * multiplier


def rate_limits(england: float, multiplier: float, n, z: float) -> tuple[np.ndarray, np.ndarray]:
    """Byar's limits of a crude rate around England's rate (in the unit, e.g. per 100,000) for denominators n."""
    n = np.asarray(n, dtype=float)
    expected = england / multiplier * n
    with np.errstate(divide="ignore", invalid="ignore"):
        safe = np.where(expected > 0, expected, 1.0)
        lower = safe * np.clip(1 - 1 / (9 * safe) - z / (3 * np.sqrt(safe)), 0.0, None) ** 3
        lower = np.where(expected > 0, lower, 0.0)
        upper = (expected + 1) * (1 - 1 / (9 * (expected + 1)) + z / (3 * np.sqrt(expected + 1))) ** 3
    return lower / n * multiplier, upper / n * multiplier


def limits(value_type: str, england: float, multiplier: float, n, z: float) -> tuple[np.ndarray, np.ndarray]:
    if value_type == ValueType.PROPORTION:
        return proportion_limits(england, multiplier, n, z)
    if value_type == ValueType.CRUDE_RATE:
        return rate_limits(england, multiplier, n, z)
    raise ValueError(f"No funnel plot for {value_type!r}: proportions and crude rates only")


def funnel(value_type: str, england: float | None, multiplier: float | None, denominators: list) -> Funnel | None:
    """The 95% and 99.8% limits from a little below the smallest denominator to a little above the largest; None
    without an England value, a multiplier or two positive denominators (nothing to draw a funnel over)."""
    found = [d for d in denominators if _finite(d) and d > 0]
    if value_type not in (ValueType.PROPORTION, ValueType.CRUDE_RATE) or not _finite(england) or not multiplier:
        return None
    if len(found) < 2:
        return None
    grid = np.geomspace(min(found) * 0.8, max(found) * 1.2, FUNNEL_POINTS)
    low_95, high_95 = limits(value_type, england, multiplier, grid, Z_95)
    low_998, high_998 = limits(value_type, england, multiplier, grid, Z_998)
    return Funnel(*(list(map(float, a)) for a in (grid, low_95, high_95, low_998, high_998)))


# Where a point lies against the limits at its own denominator, in words (the funnel table).
INSIDE = "within the 95% limits"
BETWEEN_HIGH, BETWEEN_LOW = "above the 95% limit", "below the 95% limit"
OUTSIDE_HIGH, OUTSIDE_LOW = "above the 99.8% limit", "below the 99.8% limit"


def funnel_positions(value_type: str, england: float | None, multiplier: float | None, values, ns) -> list:
    """Where each value falls against England's limits at its own denominator (None where it cannot be placed),
    for all the PCTs at once."""
    values = np.array([np.nan if v is None else v for v in values], dtype=float)
    ns = np.array([np.nan if n is None else n for n in ns], dtype=float)
    if not (_finite(england) and multiplier) or values.size == 0:
        return [None] * len(values)
    placeable = np.isfinite(values) & np.isfinite(ns) & (ns > 0)
    safe_n = np.where(placeable, ns, 1.0)
    with np.errstate(invalid="ignore"):
        low_95, high_95 = limits(value_type, england, multiplier, safe_n, Z_95)
        low_998, high_998 = limits(value_type, england, multiplier, safe_n, Z_998)
    found = np.select(
        [values > high_998, values < low_998, values > high_95, values < low_95],
        [OUTSIDE_HIGH, OUTSIDE_LOW, BETWEEN_HIGH, BETWEEN_LOW],
        INSIDE,
    )
    return [str(place) if ok else None for place, ok in zip(found, placeable, strict=True)]


def funnel_position(value_type: str, england: float, multiplier: float, value: float, n: float) -> str | None:
    """Where one value falls against England's limits at its denominator; None when it cannot be placed."""
    return funnel_positions(value_type, england, multiplier, [value], [n])[0]


def aggregate_value(pairs: list[tuple], multiplier: float | None) -> float | None:
    """Sum of numerators over sum of denominators, times the multiplier, when every pair has both (the rule of the
    England value, DESIGN.md section 5, used for an SHA that the data gives no value of); otherwise None."""
    if not pairs or not multiplier:
        return None
    if any(not (_finite(num) and _finite(den)) for num, den in pairs):
        return None
    total = sum(den for _, den in pairs)
    return sum(num for num, _ in pairs) / total * multiplier if total > 0 else None


def _finite(x) -> bool:
    return x is not None and isinstance(x, (int, float)) and math.isfinite(x)
