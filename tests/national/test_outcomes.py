"""Outcome counts and report-card outcomes from the stored benchmark results of the outcomes app."""

from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from assurance.models import Organisation
from assurance.national import selectors, services
from assurance.national.choices import RollupKind
from assurance.national.models import PeerGroupMember, Rollup
from outcomes.models import Indicator, OrganisationBenchmark
from tests.national.helpers import signed_off, table
from tests.national.test_pages import _publish

E = "E92000001"


def _result(code: str, period: str, **fields):
    indicator = Indicator.objects.get(code="LE_BIRTH_M")
    OrganisationBenchmark.objects.update_or_create(
        indicator=indicator,
        organisation=Organisation.objects.get(code=code),
        period=period,
        defaults={"period_start_year": int(period[:4]), "org_type": "PCT", "trend": "no significant change"} | fields,
    )


def test_it_counts_each_pct_in_the_latest_period_the_cycle_covers(world):
    for code in ("5NT", "5HQ", "5ND"):
        signed_off(code, world.cycle, levels={1: 2})
    _result("5NT", "2008", comparison="better", quartile=1, trend="improving")
    _result("5HQ", "2008", comparison="similar", quartile=2)
    _result("5ND", "2008", comparison="worse", quartile=4, trend="worsening")
    _result("5NT", "2007", comparison="worse", quartile=4)  # an earlier period: not counted
    _result("5HQ", "2010", comparison="worse", quartile=4)  # after the 2009-10 cycle began: not counted
    services.rollups_refresh(cycle=world.cycle)
    england = table(Rollup.objects.get(cycle=world.cycle, scope__code=E, kind=RollupKind.INDICATORS))["LE_BIRTH_M"]
    assert (england["better"], england["similar"], england["worse"], england["total"]) == (1, 1, 1, 3)
    assert [england[f"quartile_{q}"] for q in (1, 2, 3, 4)] == [1, 1, 0, 1]
    assert (england["improving"], england["worsening"]) == (1, 1)
    assert england["name"] == "Life expectancy at birth, males"
    north_west = table(Rollup.objects.get(cycle=world.cycle, scope__code="Q31", kind=RollupKind.INDICATORS))
    assert (north_west["LE_BIRTH_M"]["better"], north_west["LE_BIRTH_M"]["worse"]) == (1, 0)


def test_the_card_gives_the_peer_average_and_range_and_a_verdict_through_polarity(world):
    for i, pct in enumerate(Organisation.objects.pcts().order_by("code")):
        value = 70.0 + i % 13
        _result(pct.code, "2008", comparison="similar", value=value, lower_ci=value - 0.2, upper_ci=value + 0.2)
    _publish(world, "5NT")
    outcome = selectors.public_card("2009-10", "5NT").card["outcomes"][0]
    peer_codes = PeerGroupMember.objects.filter(organisation__code="5NT").values_list("peer__code", flat=True)
    values = list(
        OrganisationBenchmark.objects.filter(organisation__code__in=list(peer_codes)).values_list("value", flat=True)
    )
    peers = outcome["peers"]
    assert peers["peer_count"] == 10
    assert (peers["peer_min"], peers["peer_max"]) == (min(values), max(values))
    mean = sum(values) / 10
    assert abs(peers["peer_mean"] - mean) < 1e-9
    own = OrganisationBenchmark.objects.get(organisation__code="5NT").value
    # Life expectancy: higher is better; an interval of +/- 0.2 years
    expected = "similar" if abs(own - mean) <= 0.2 else ("better" if own > mean else "worse")
    assert peers["comparison"] == expected
    response = Client().get(reverse("national:report_card", kwargs={"cycle": "2009-10", "org_code": "5NT"}))
    assert response.status_code == 200
    page = response.content.decode()
    assert escape(peers["sentence"]) in page
    assert "above the peer average" not in page and "range of its peers" not in page


def test_stored_scorecards_queue_the_rollups_of_every_cycle(world, eager_celery, django_capture_on_commit_callbacks):
    from outcomes.tasks import compute_scorecards

    assert not Rollup.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        compute_scorecards.delay()
    assert set(Rollup.objects.values_list("cycle__code", flat=True)) == {"2008-09", "2009-10"}


def test_rollups_follow_stored_results_whatever_runs_the_computation(
    world, eager_celery, django_capture_on_commit_callbacks
):
    """The trigger is the outcomes app's signal, not a task's name: a renamed or split task cannot stop rollups."""
    from outcomes import services as outcome_services

    assert not Rollup.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        outcome_services.scorecards_compute()
    assert set(Rollup.objects.values_list("cycle__code", flat=True)) == {"2008-09", "2009-10"}


def test_outcome_counts_cover_only_signed_off_pcts_as_the_page_says(world):
    """Issue 16, defect 11: the outcomes table counted every PCT with a result under a heading saying "signed off"."""
    signed_off("5NT", world.cycle, levels={1: 2})
    for code in ("5NT", "5HQ", "5ND", "5HG"):  # only Manchester's report is signed off
        _result(code, "2008", comparison="worse", quartile=4)
    services.rollups_refresh(cycle=world.cycle)
    england = table(Rollup.objects.get(cycle=world.cycle, scope__code=E, kind=RollupKind.INDICATORS))["LE_BIRTH_M"]
    assert (england["worse"], england["total"]) == (1, 1)
    page = world.client_for("dh_analyst").get(reverse("national:dashboard", args=["2009-10"])).content.decode()
    assert "Counts of PCTs whose panel report has been signed off" in page
