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


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31/2/2009", "31 February 2009 does not exist: February 2009 has 28 days"),
        ("29/2/2008", ""),  # a leap year: a real date
        ("31/4/09", "31 April 2009 does not exist: April 2009 has 30 days"),
        ("12/13/2009", "There is no month 13: the month must be a number from 1 to 12"),
        ("2009-02-30", "30 February 2009 does not exist: February 2009 has 28 days"),
        ("0/3/2009", "The day must be a number from 1 to 31"),
        ("yesterday", ""),  # not shaped like a date: the field's own message
    ],
)
def test_a_date_that_does_not_exist_is_called_so(typed, message):
    from assurance.fields import impossible_date

    assert impossible_date(typed) == message


def test_the_evidence_form_says_the_day_does_not_exist_in_that_month(world):
    from competencies.forms import EvidenceForm

    form = EvidenceForm({"title": "Board minutes", "document_date": "31/2/2009"}, assessment=world.assessment)
    assert not form.is_valid()
    assert form.errors["document_date"] == ["31 February 2009 does not exist: February 2009 has 28 days"]
    form = EvidenceForm({"title": "Board minutes", "document_date": "3l/2/2009"}, assessment=world.assessment)
    assert not form.is_valid()
    assert form.errors["document_date"] == ["Enter the date of the document as day/month/year, for example 31/3/2009"]


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_contributor_pressing_submit_is_told_whom_to_ask(world, method):
    from django.urls import reverse

    url = reverse("assessment-submit", args=[world.cycle.code, world.pct.code])
    response = getattr(world.client_for("pct_contributor"), method)(url)
    assert response.status_code == 403
    page = response.content.decode()
    assert "Only the PCT lead can submit the self-assessment; ask Pct Lead (pct_lead@example.nhs.uk)." in page
    task_list = world.client_for("pct_contributor").get(reverse("assessment", args=[world.cycle.code, world.pct.code]))
    assert "ask Pct Lead (pct_lead@example.nhs.uk)" in task_list.content.decode()
