"""Checking pooled budgets before they are stored: amounts in pounds, years, partners (pure, no database)."""

from decimal import Decimal

import pytest

from outcomes.pooled import amount_problem, contribution_problems, partner_problems, to_pounds, year_problem


@pytest.mark.parametrize("text", ["0", "250000", "1,250.50", "£99.99", " 7 "])
def test_non_negative_amounts_in_pounds_and_pence_are_accepted(text):
    assert amount_problem(text) is None


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("-1", "An amount must be 0 or more"),
        ("-0.01", "An amount must be 0 or more"),
        ("12.345", "An amount can have at most two decimal places (pence)"),
        ("lots", "Enter an amount in pounds, like 250000 or 1250.50"),
        ("Infinity", "Enter an amount in pounds, like 250000 or 1250.50"),
        ("NaN", "Enter an amount in pounds, like 250000 or 1250.50"),
    ],
)
def test_bad_amounts_say_why(text, problem):
    assert amount_problem(text) == problem


def test_amounts_become_decimal_pounds():
    assert to_pounds("£1,250.5") == Decimal("1250.50")


def test_years_are_financial_years():
    assert year_problem("2009-10") is None
    assert year_problem("1999-00") is None
    assert year_problem("2009-11") == "'2009-11' is not a financial year like 2009-10"
    assert year_problem("2009") == "'2009' is not a financial year like 2009-10"


def test_a_pooled_budget_needs_a_pct_and_a_council():
    assert partner_problems(pcts=1, councils=1) == []
    assert partner_problems(pcts=1, councils=0) == [
        "A pooled budget needs at least two partners",
        "Choose at least one partner council",
    ]
    assert partner_problems(pcts=0, councils=2) == ["A pooled budget needs exactly one PCT among its partners"]


def test_contributions_name_the_partner_year_and_problem():
    problems = contribution_problems(
        [("5NT", "2009-10", "100"), ("5NT", "2009-10", "5"), ("E08000001", "2009-10", "-3"), ("5NT", "2010", "1")],
        {"5NT", "E08000003"},
    )
    assert problems == [
        "5NT 2009-10: given twice",
        "E08000001 2009-10: E08000001 is not a partner of this pooled budget",
        "E08000001 2009-10: An amount must be 0 or more",
        "5NT 2010: '2010' is not a financial year like 2009-10",
    ]
