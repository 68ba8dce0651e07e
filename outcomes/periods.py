"""Indicator periods: calendar years (``2009``), financial years (``2009-10``) and rolling years (``2006-08``).

A ``YYYY-YY`` period whose second part is the next year is a financial year (April to March); one whose second part
is two to four years on is a span of calendar years pooled together, as small-area statistics are published (life
expectancy for 2006-08 pools 2006, 2007 and 2008). Every kind sorts by its first year.
"""

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

_YEAR = re.compile(r"^([0-9]{4})$")  # ASCII digits only: "٢٠٠٣" is not 2003
_SPAN = re.compile(r"^([0-9]{4})-([0-9]{2})$")
ROLLING = "rolling years"
LONGEST_SPAN = 4  # years from the first to the last of a rolling period: at most five calendar years pooled


def period_start_year(period: str) -> int:
    """Return the first calendar year of a ``YYYY`` or ``YYYY-YY`` period, or raise ValueError."""
    return _parsed(period)[0]


def period_kind(period: str) -> str:
    """ "a calendar year", "a financial year" or ROLLING ("rolling years"), or raise ValueError."""
    return _parsed(period)[1]


def _parsed(period: str) -> tuple[int, str]:
    """The first year and the kind of a period, or ValueError saying what is wrong with it."""
    text = str(period).strip()
    if match := _YEAR.match(text):
        return int(match.group(1)), "a calendar year"
    if match := _SPAN.match(text):
        first, second = int(match.group(1)), int(match.group(2))
        span = (second - first) % 100  # 1999-00 and 1999-01 cross the century
        if not 1 <= span <= LONGEST_SPAN:
            raise ValueError(
                f"Period '{text}' is neither a financial year nor rolling years: after {first} the second part must "
                f"be {(first + 1) % 100:02d} (a financial year) or up to {(first + LONGEST_SPAN) % 100:02d} "
                f"(rolling years such as {first}-{(first + 2) % 100:02d})"
            )
        return first, "a financial year" if span == 1 else ROLLING
    raise ValueError(f"Period '{text}' is not YYYY or YYYY-YY (for example 2009, 2009-10 or 2006-08)")


def period_financial_year(period: str) -> int:
    """The first year of the financial year in which a period ends (docs/outcomes.md, cycle bounding).

    A financial year ``2009-10`` belongs to itself (2009); calendar year ``2009`` ends in December 2009, in 2009-10
    (2009); rolling years ``2006-08`` end in December 2008, in 2008-09 (2008). A cycle ``2009-10`` reads the periods
    whose financial year is 2009 or earlier.
    """
    first, kind = _parsed(period)
    if kind == "a financial year":
        return first
    if kind == "a calendar year":
        return first
    return first + (int(str(period).strip()[5:7]) - first) % 100


def sort_periods(periods: Iterable[str]) -> list[str]:
    """Sort periods by their first year (ties by text, so the order is deterministic)."""
    return sorted(periods, key=lambda period: (period_start_year(period), str(period)))


def start_years(periods: pd.Series) -> pd.Series:
    """Return the first year of each period in a Series, parsing each distinct period once."""
    codes, distinct = pd.factorize(periods)
    if (codes < 0).any():
        raise ValueError("A period is missing")
    years = np.array([period_start_year(period) for period in distinct], dtype="int64")
    return pd.Series(years[codes], index=periods.index, name=periods.name)


def period_months(period: str) -> tuple[int, int]:
    """The first and last month of a period, counted as year * 12 + month - 1 (so periods that share a month
    overlap): calendar year 2009 is January to December 2009, financial year 2009-10 April 2009 to March 2010,
    rolling years 2006-08 January 2006 to December 2008."""
    first, kind = _parsed(period)
    if kind == "a financial year":
        return first * 12 + 3, (first + 1) * 12 + 2
    return first * 12, period_financial_year(period) * 12 + 11


def period_columns(periods: pd.Series) -> dict[str, pd.Series]:
    """Each period's first year and first and last month (``period_months``), parsing each distinct period once."""
    codes, distinct = pd.factorize(periods)
    if (codes < 0).any():
        raise ValueError("A period is missing")
    table = np.array([(period_start_year(p), *period_months(p)) for p in distinct], dtype="int64").reshape(-1, 3)
    names = ["start_year", "first_month", "last_month"]
    return {name: pd.Series(table[codes, i], index=periods.index, name=name) for i, name in enumerate(names)}


def cycle_financial_year(cycle) -> int:
    """The first year of a cycle's financial year (2009 for 2009-10, which ends on 31 March 2010).

    A cycle reads the periods whose ``period_financial_year`` is this year or earlier (DESIGN.md section 5).
    """
    end = cycle.end_date
    return end.year if end.month >= 4 else end.year - 1


def financial_year_expression(field: str = "period"):
    """``period_financial_year`` as a database expression of the period's text, for a generated column.

    The same rule as ``period_financial_year`` (a test checks them against each other): ``YYYY`` is its year;
    ``YYYY-YY`` is its first year when the span is one year (a financial year), otherwise its last year.
    """
    from django.db import models
    from django.db.models.functions import Cast, Length, Substr
    from django.db.models.lookups import Exact

    first = Cast(Substr(field, 1, 4), models.IntegerField())
    # The integer ``%`` operator, not ``Mod``: on PostgreSQL ``Mod`` works in numeric(1000, 15), which made every
    # row written to a table with this column (values, results) about 40% dearer to insert.
    span = (Cast(Substr(field, 6, 2), models.IntegerField()) - first % 100 + 100) % 100
    return models.Case(
        models.When(Exact(Length(field), 4), then=first),
        models.When(Exact(span, 1), then=first),
        default=first + span,
        output_field=models.IntegerField(),
    )
