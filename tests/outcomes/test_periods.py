"""Periods: YYYY, YYYY-YY financial years and YYYY-YY rolling years, sorted by first year."""

import pandas as pd
import pytest

from outcomes.periods import period_financial_year, period_kind, period_start_year, sort_periods, start_years


@pytest.mark.parametrize(
    ("period", "year"),
    [
        ("2009", 2009),
        ("2009-10", 2009),
        ("1999-00", 1999),
        (" 2008-09 ", 2008),
        ("2006-08", 2006),
        ("1999-01", 1999),
        ("2005-09", 2005),
    ],
)
def test_it_reads_the_first_year(period, year):
    assert period_start_year(period) == year


@pytest.mark.parametrize(
    "period", ["2009-08", "2009-09", "2009-14", "2009/10", "09-10", "2009-2010", "", "FY2009", "2006 - 08"]
)
def test_it_refuses_a_period_that_is_not_yyyy_a_financial_year_or_rolling_years(period):
    with pytest.raises(ValueError, match="Period"):
        period_start_year(period)


def test_it_explains_a_wrong_second_year():
    with pytest.raises(ValueError, match=r"second part must be 10 \(a financial year\) or up to 13"):
        period_start_year("2009-08")


@pytest.mark.parametrize(
    ("period", "kind"),
    [("2009", "a calendar year"), ("2009-10", "a financial year"), ("1999-00", "a financial year"),
     ("2006-08", "rolling years"), ("1999-01", "rolling years")],
)  # fmt: skip
def test_it_names_the_kind_of_a_period(period, kind):
    assert period_kind(period) == kind


def test_it_sorts_by_first_year_not_by_text():
    # As text "2010" < "2009-10" is false but "1999-00" would sort after "1998"; first years decide.
    assert sort_periods(["2010-11", "2008", "1999-00", "2009-10", "2007-09"]) == [
        "1999-00",
        "2007-09",
        "2008",
        "2009-10",
        "2010-11",
    ]


def test_it_maps_a_series_of_periods():
    assert start_years(pd.Series(["2009-10", "2011", "2009-10"])).tolist() == [2009, 2011, 2009]


def test_a_missing_period_in_a_series_is_refused():
    with pytest.raises(ValueError, match="A period is missing"):
        start_years(pd.Series(["2009-10", None]))


@pytest.mark.parametrize(
    ("period", "year"),
    [("2009-10", 2009), ("2009", 2009), ("2006-08", 2008), ("2008-09", 2008), ("1999-01", 2001), ("2005-09", 2009)],
)
def test_a_period_belongs_to_the_financial_year_in_which_it_ends(period, year):
    assert period_financial_year(period) == year
