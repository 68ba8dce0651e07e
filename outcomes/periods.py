"""Indicator periods: calendar years (``2009``) and financial years (``2009-10``)."""

import re
from collections.abc import Iterable

import pandas as pd

_YEAR = re.compile(r"^(\d{4})$")
_FINANCIAL_YEAR = re.compile(r"^(\d{4})-(\d{2})$")


def period_start_year(period: str) -> int:
    """Return the first calendar year of a ``YYYY`` or ``YYYY-YY`` period, or raise ValueError."""
    text = str(period).strip()
    if match := _YEAR.match(text):
        return int(match.group(1))
    if match := _FINANCIAL_YEAR.match(text):
        first, second = int(match.group(1)), int(match.group(2))
        # A financial year runs April to March, so its second part is the next year (2009-10, 1999-00).
        if second != (first + 1) % 100:
            raise ValueError(
                f"Period '{text}' is not a financial year: after {first} the second part must be "
                f"{(first + 1) % 100:02d}"
            )
        return first
    raise ValueError(f"Period '{text}' is not YYYY or YYYY-YY (for example 2009 or 2009-10)")


def sort_periods(periods: Iterable[str]) -> list[str]:
    """Sort periods by their first year (ties by text, so the order is deterministic)."""
    return sorted(periods, key=lambda period: (period_start_year(period), str(period)))


def start_years(periods: pd.Series) -> pd.Series:
    """Return the first year of each period in a Series, parsing each distinct period once."""
    distinct = pd.unique(periods)
    lookup = {period: period_start_year(period) for period in distinct}
    return periods.map(lookup).astype("int64")
