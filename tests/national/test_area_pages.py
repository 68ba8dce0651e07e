"""Governance by area and mean levels, stored from signed-off reports and shown for both cycles (issue 19, part 2)."""

import html
import re

import pytest
from django.urls import reverse

from assurance.choices import State
from assurance.national import services
from assurance.national.choices import RollupKind
from assurance.national.models import Rollup
from tests.national.helpers import signed_off

E = "E92000001"
# Area-level ratings by their order within the cycle: 2008-09 has only the three areas (0-2); 2009-10 lists its nine
# items first and the three areas after them (9-11).
AREAS_2009 = {"Strategy": 9, "Finance": 10, "Board": 11}
AREAS_2008 = {"Strategy": 0, "Finance": 1, "Board": 2}


def _rags(orders, strategy, finance, board, *, items: str | None = None) -> dict:
    rags = {orders["Strategy"]: strategy, orders["Finance"]: finance, orders["Board"]: board}
    if items:  # items rated otherwise must not change the area figures
        rags |= {n: items for n in range(9) if n not in rags}
    return rags


@pytest.fixture
def rated(world):
    """2009-10: Manchester green on every area (items red), Bolton red on every area, County Durham mixed; Wigan
    green everywhere but still in review (never counted). 2008-09: Manchester amber, green, green; Bolton red on all."""
    signed_off("5NT", world.cycle, levels={1: 3, 2: 4}, rags=_rags(AREAS_2009, "green", "green", "green", items="red"))
    signed_off("5HQ", world.cycle, levels={1: 2, 2: 2}, rags=_rags(AREAS_2009, "red", "red", "red"))
    signed_off("5ND", world.cycle, levels={1: 4}, rags=_rags(AREAS_2009, "green", "amber", "red"))
    signed_off(
        "5HG", world.cycle, levels={1: 1}, rags=_rags(AREAS_2009, "green", "green", "green"), state=State.IN_REVIEW
    )
    signed_off("5NT", world.previous_cycle, levels={1: 2, 2: 4}, rags=_rags(AREAS_2008, "amber", "green", "green"))
    signed_off("5HQ", world.previous_cycle, levels={1: 2}, rags=_rags(AREAS_2008, "red", "red", "red"))
    services.rollups_refresh(cycle=world.previous_cycle)
    services.rollups_refresh(cycle=world.cycle)
    return world


def _records(cycle, scope, kind) -> list[dict]:
    return Rollup.objects.get(cycle=cycle, scope__code=scope, kind=kind).records


def _words(response) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def test_area_counts_read_only_signed_off_area_ratings(rated):
    rows = {r["area"]: r for r in _records(rated.cycle, E, RollupKind.GOVERNANCE_AREAS)}
    assert list(rows) == ["Strategy", "Finance", "Board"]  # areas only, in framework order: no items
    # Strategy: Manchester green, Bolton red, Durham green (Wigan is in review) -> 2 green, 1 red of 3
    assert (rows["Strategy"]["green"], rows["Strategy"]["red"], rows["Strategy"]["rated"]) == (2, 1, 3)
    assert rows["Strategy"]["share_green"] == round(2 / 3, 4)
    # Board: Manchester green, Bolton red, Durham red
    assert (rows["Board"]["green"], rows["Board"]["red"], rows["Board"]["share_red"]) == (1, 2, round(2 / 3, 4))
    north_west = {r["area"]: r for r in _records(rated.cycle, "Q31", RollupKind.GOVERNANCE_AREAS)}
    assert (north_west["Finance"]["green"], north_west["Finance"]["red"], north_west["Finance"]["total"]) == (1, 1, 2)


def test_green_and_red_on_every_area(rated):
    [england] = _records(rated.cycle, E, RollupKind.GOVERNANCE_ALL)
    assert (england["counted"], england["rated_all"], england["green_all"], england["red_all"]) == (3, 3, 1, 1)
    [before] = _records(rated.previous_cycle, E, RollupKind.GOVERNANCE_ALL)
    assert (before["green_all"], before["red_all"], before["rated_all"]) == (0, 1, 2)  # Manchester amber on strategy


def test_mean_levels_nationally_and_per_sha(rated):
    england = {r["competency"]: r for r in _records(rated.cycle, E, RollupKind.COMPETENCY_MEANS)}
    assert (england[1]["mean"], england[1]["rated"]) == (3.0, 3)  # (3 + 2 + 4) / 3
    assert england[2]["mean"] == 3.0  # (4 + 2) / 2; Durham not rated on 2
    north_west = {r["competency"]: r for r in _records(rated.cycle, "Q31", RollupKind.COMPETENCY_MEANS)}
    assert north_west[1]["mean"] == 2.5
    assert england[11]["mean"] is None and england[11]["rated"] == 0


def test_the_page_shows_both_cycles_with_the_movement(rated):
    page = rated.client_for("dh_analyst").get(reverse("national:areas", args=[rated.cycle.code, E]))
    assert page.status_code == 200
    text = _words(page)
    # Strategy green: 2008-09 0 of 2 (0%), 2009-10 2 of 3 (67%): +67 points; red 50% -> 33%: -17 points
    assert "Strategy 0% 67% +67 points 50% 33% -17 points" in text
    assert "Green on every area 0 of 2 (0%) 1 of 3 (33%) +33 points" in text
    assert "Red on every area 1 of 2 (50%) 1 of 3 (33%) -17 points" in text
    # competency 1: 2008-09 mean (2 + 2) / 2 = 2.00, 2009-10 3.00: +1.00, 3 PCTs rated
    assert "1. Locally lead the NHS 2.00 3.00 +1.00 3" in text
    # by SHA: North West 2.50 (+0.50), North East 4.00 (no 2008-09 rating there)
    by_sha = text.split("By SHA")[1]
    assert "2.50 (+0.50)" in by_sha and "4.00 -" not in by_sha
    assert "Strategy: Strategic plan" not in text


def test_an_sha_lead_sees_its_own_sha_with_england_beside(rated):
    client = rated.client_for("sha_lead")
    page = client.get(reverse("national:areas", args=[rated.cycle.code, "Q31"]))
    text = _words(page)
    assert page.status_code == 200 and "NHS North West" in text
    assert "1. Locally lead the NHS 2.00 2.50 +0.50 2 3.00" in text  # North West then England's mean
    assert "By SHA" not in text
    assert client.get(reverse("national:areas", args=[rated.cycle.code, "Q30"])).status_code == 404
    assert (
        reverse("national:areas", args=[rated.cycle.code, "Q31"])
        in client.get(reverse("national:sha", args=[rated.cycle.code, "Q31"])).content.decode()
    )


def test_the_tables_download_as_csv(rated):
    address = reverse("national:download", args=[rated.cycle.code, E, RollupKind.GOVERNANCE_ALL])
    lines = rated.client_for("dh_analyst").get(address).content.decode().splitlines()
    assert lines[0].startswith("PCTs signed off,PCTs rated on every area,Green on every area,Red on every area")
    assert lines[1].startswith("3,3,1,1,")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_dh_reaches_governance_by_area_from_the_dashboard(page, live_server, world_tx):
    from django.db import connections

    from tests.browser.conftest import axe_check, login, screenshot

    try:
        for code, rags in (("5NT", ("green",) * 3), ("5HQ", ("red",) * 3), ("5ND", ("green", "amber", "red"))):
            signed_off(code, world_tx.cycle, levels={1: 3, 2: 2}, rags=_rags(AREAS_2009, *rags))
            signed_off(code, world_tx.previous_cycle, levels={1: 2}, rags=_rags(AREAS_2008, "amber", "amber", "red"))
        services.rollups_refresh(cycle=world_tx.previous_cycle)
        services.rollups_refresh(cycle=world_tx.cycle)
    finally:
        connections.close_all()
    login(page, live_server, "dh_analyst")
    page.goto(f"{live_server.url}/national/2009-10/")
    page.get_by_role("link", name="Governance by area (green or red on every area)").click()
    page.get_by_role("heading", name="Governance by area and mean competency levels: England").wait_for()
    assert page.get_by_role("row", name="Green on every area 0 of 3 (0%) 1 of 3 (33%) +33 points").is_visible()
    axe_check(page)
    screenshot(page, "national-areas")
