"""Checking a pooled budget before it is stored: pure, no database."""

import re
from decimal import Decimal, InvalidOperation

YEAR = re.compile(r"^(\d{4})-(\d{2})$")
# The largest amount stored (PooledBudgetContribution.amount: 14 digits, 2 of them pence) is below this.
AMOUNT_LIMIT = Decimal(10) ** 12


def amount_problem(text: str) -> str | None:
    """Why `text` is not an amount in pounds (non-negative, at most two decimal places), or None when it is."""
    cleaned = text.strip().replace(",", "").removeprefix("£")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        return "Enter an amount in pounds, like 250000 or 1250.50"
    if not amount.is_finite():
        return "Enter an amount in pounds, like 250000 or 1250.50"
    if amount < 0:
        return "An amount must be 0 or more"
    if amount >= AMOUNT_LIMIT:
        return "An amount must be less than £1,000,000,000,000"
    if amount.as_tuple().exponent < -2:
        return "An amount can have at most two decimal places (pence)"
    return None


def year_problem(text: str) -> str | None:
    """Why `text` is not a financial year like 2009-10, or None when it is."""
    match = YEAR.match(text)
    if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)):
        return f"'{text}' is not a financial year like 2009-10"
    return None


def partner_problems(*, pcts: int, councils: int) -> list[str]:
    """Why a set of partners cannot pool a budget: it needs a PCT and at least one council."""
    problems = []
    if pcts + councils < 2:
        problems.append("A pooled budget needs at least two partners")
    if pcts != 1:
        problems.append("A pooled budget needs exactly one PCT among its partners")
    if councils < 1:
        problems.append("Choose at least one partner council")
    return problems


def contribution_problems(contributions: list[tuple[str, str, str]], partners: set[str]) -> list[str]:
    """Every problem of (partner code, year, amount text) contributions: unknown partner, bad year or amount."""
    problems, seen = [], set()
    for partner, year, amount in contributions:
        where = f"{partner} {year}"
        if partner not in partners:
            problems.append(f"{where}: {partner} is not a partner of this pooled budget")
        if (found := year_problem(year)) is not None:
            problems.append(f"{where}: {found}")
        if (found := amount_problem(amount)) is not None:
            problems.append(f"{where}: {found}")
        if (partner, year) in seen:
            problems.append(f"{where}: given twice")
        seen.add((partner, year))
    return problems


def to_pounds(text: str) -> Decimal:
    """An amount that passed `amount_problem`, as a Decimal of pounds and pence."""
    return Decimal(text.strip().replace(",", "").removeprefix("£")).quantize(Decimal("0.01"))
