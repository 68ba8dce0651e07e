"""Messages and numbers in the user's words: CSV numbers rounded as on the page, no "None" in a table, a refusal
that names who may act, a date that does not exist called so."""

import csv
import io
import re

import pytest

from assurance.csvfile import PRECISE_COLUMNS, csv_response
from tests.assurance.test_csv_downloads import CASES


def _rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode(), newline="")))


def test_csv_numbers_are_rounded_as_on_the_page():
    response = csv_response("x.csv", [[8.651599999999998, 0.000123456789, -0.001, 3, "8.651599999999998"]],
                            header=["value", "trend_p_value", "gap", "quartile", "note"])  # fmt: skip
    assert _rows(response)[1] == ["8.65", "0.000123457", "0.0", "3", "8.651599999999998"]


@pytest.mark.parametrize("name", sorted(CASES))
def test_no_csv_download_writes_more_decimals_than_the_page_shows(world, name):
    role, arrange = CASES[name]
    url, _ = arrange(world)
    rows = _rows(world.client_for(role).get(url))
    header, body = rows[0], rows[1:]
    long_decimals = [
        (header[i] if i < len(header) else i, cell)
        for row in body
        for i, cell in enumerate(row)
        if re.fullmatch(r"-?\d+\.\d{3,}", cell) and (i >= len(header) or header[i] not in PRECISE_COLUMNS)
    ]
    assert body and long_decimals == []


def test_a_year_without_a_contribution_is_not_shown_as_none(world):
    from decimal import Decimal

    from django.urls import reverse

    from outcomes.choices import LegalBasis
    from outcomes.models import PooledBudget, PooledBudgetContribution

    budget = PooledBudget.objects.create(
        name="Community equipment", legal_basis=LegalBasis.choices[0][0], services="Equipment"
    )
    budget.partners.set([world.pct, world.council])
    PooledBudgetContribution.objects.create(budget=budget, partner=world.pct, year="2009-10", amount=Decimal("1000"))
    PooledBudgetContribution.objects.create(budget=budget, partner=world.pct, year="2010-11", amount=Decimal("1200"))
    PooledBudgetContribution.objects.create(budget=budget, partner=world.council, year="2009-10", amount=Decimal("800"))
    page = world.client_for("la_partner").get(reverse("partnerships:council", args=[world.council.code]))
    html = page.content.decode()
    table = html[html.index("Contributions by partner and year") :]
    table = table[: table.index("</table>")]
    assert ">None<" not in table and "None" not in re.sub(r"<[^>]+>", " ", table)
    assert "nothing recorded" in table
