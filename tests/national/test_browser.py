"""In a real browser: DH drills down England -> North West -> a PCT, and the public reads a report card."""

import pytest
from django.db import connections

from assurance.choices import State
from assurance.national import services
from governance.models import GovernanceArea
from tests.browser.conftest import axe_check, login, screenshot
from tests.national.helpers import record_publication, signed_off


def _rate(world):
    """Sign off five PCTs, publish two, compute. The ORM runs beside Playwright's sync API, in a connection of its
    own: it is closed here, in the same context, or the test database could not be dropped after the session."""
    try:
        _sign_off_and_publish(world)
    finally:
        connections.close_all()


def _sign_off_and_publish(world):
    for i, code in enumerate(["5NT", "5HQ", "5JX", "5NQ", "5ND"]):
        state = State.PUBLISHED if code in ("5NT", "5ND") else State.REPORTED
        levels = {n: 1 + (n + i) % 4 for n in range(1, 12)}
        signed_off(code, world.cycle, levels=levels, rags={0: "green", 1: "amber", 2: "red"}, state=state)
    record_publication(world.cycle, ["5NT", "5ND"])
    services.rollups_refresh(cycle=world.cycle)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_dh_drills_down_from_england_to_a_pct(page, live_server, world_tx):
    _rate(world_tx)
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    login(page, live_server, "dh_analyst")
    page.goto(f"{live_server.url}/national/2009-10/")
    page.wait_for_selector("[data-app-chart='chart-competency_levels'] .main-svg")
    assert page.get_by_role("heading", name="National rollups: England").is_visible()
    axe_check(page)
    screenshot(page, "national-england")
    page.get_by_role("link", name="NHS North West", exact=True).click()
    page.wait_for_selector("[data-app-chart='chart-competency_levels'] .main-svg")
    assert page.get_by_role("heading", name="National rollups: NHS North West").is_visible()
    assert page.get_by_text("Agreed competency levels: England (number of PCTs)").is_visible()
    axe_check(page)
    screenshot(page, "national-north-west")
    page.get_by_role("link", name="Manchester PCT", exact=True).click()
    page.wait_for_load_state()
    assert page.url.endswith("/cycles/2009-10/pcts/5NT/report/")  # the PCT's panel report
    assert "Manchester" in page.title()
    screenshot(page, "national-pct-report")
    assert not errors, errors  # includes Content Security Policy violations


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_public_reads_a_report_card_without_signing_in(page, live_server, world_tx):
    _rate(world_tx)
    page.goto(f"{live_server.url}/public/2009-10/report-cards/")
    page.get_by_role("link", name="Manchester PCT").click()
    assert page.get_by_role("heading", name="Manchester PCT", level=1).is_visible()
    assert page.get_by_role("heading", name="How to read these figures").is_visible()
    assert page.get_by_text("Level 2 of 4").first.is_visible()
    axe_check(page)
    screenshot(page, "report-card-manchester")
    response = page.goto(f"{live_server.url}/public/2009-10/report-cards/5HQ/")  # signed off but not published
    assert response.status == 404


def _rate_two_shas(world):
    """Three North West PCTs generous, three North East PCTs not: North West is flagged, on the Board area too
    (green against amber). Connections closed after."""
    try:
        rows = list(GovernanceArea.objects.filter(cycle=world.cycle).order_by("order").values_list("area", "item"))
        board = rows.index(("Board", ""))
        for code in ("5NT", "5HQ", "5JX"):
            signed_off(code, world.cycle, levels={n: 4 for n in range(1, 12)}, rags={board: "green"})
        for code in ("5ND", "5D7", "5D8"):
            signed_off(code, world.cycle, levels={n: 2 for n in range(1, 12)}, rags={board: "amber"})
    finally:
        connections.close_all()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_dh_moderates_then_publishes_following_links(page, live_server, world_tx):
    _rate_two_shas(world_tx)
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    login(page, live_server, "dh_analyst")
    page.get_by_role("link", name="Publication of 2009-10").click()
    assert page.get_by_text("has not been signed off: nothing can be published until it is").is_visible()
    page.get_by_role("link", name="Go to moderation").click()
    page.wait_for_selector("[data-app-chart='chart-moderation'] .main-svg")
    assert page.get_by_role("heading", name="Moderation across SHAs").is_visible()
    assert page.get_by_role("link", name="NHS North West, competency 1 (Locally lead the NHS)").is_visible()
    assert page.get_by_role("link", name="NHS North West, governance area Board", exact=True).is_visible()
    assert page.get_by_role("heading", name="Governance areas").is_visible()
    axe_check(page)
    screenshot(page, "moderation-england")
    page.get_by_role("link", name="Add note for NHS North West, competency 1", exact=True).click()
    page.get_by_label("Moderation note").fill("Generous panel: agreed with the SHA to review its evidence.")
    page.get_by_role("button", name="Save note").click()
    page.wait_for_load_state()
    assert page.get_by_text("Note saved for NHS North West, competency 1.").is_visible()
    page.get_by_role("link", name="Add note for NHS North West, governance area Board", exact=True).click()
    assert page.get_by_role("heading", name="Governance area: Board").is_visible()
    axe_check(page)
    page.get_by_label("Moderation note").fill("Board rated green throughout: evidence checked with the SHA.")
    page.get_by_role("button", name="Save note").click()
    page.wait_for_load_state()
    assert page.get_by_text("Note saved for NHS North West, governance area Board.").is_visible()
    assert page.url.endswith("#area-board")
    page.get_by_role("link", name="Sign off moderation of 2009-10").click()
    assert page.get_by_role("heading", name="Sign off moderation of 2009-10?").is_visible()
    axe_check(page)
    screenshot(page, "moderation-sign-off")
    page.get_by_role("button", name="Sign off moderation").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Moderation signed off").is_visible()
    page.get_by_role("link", name="Publication of 2009-10").click()
    page.locator("#id_publish").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Publish 6 report cards?").is_visible()
    axe_check(page)
    screenshot(page, "publish-confirm")
    page.get_by_role("button", name="Publish 6 report cards").click()
    page.wait_for_load_state()
    assert page.get_by_text("6 2009-10 report cards published: public now.").is_visible()
    assert page.get_by_role("heading", name="Publication history").is_visible()
    axe_check(page)
    screenshot(page, "publication-history")
    page.goto(f"{live_server.url}/national/2009-10/moderation/sha/Q31/")
    assert page.get_by_role("heading", name="Governance areas").is_visible()
    assert page.get_by_text("Board rated green throughout: evidence checked with the SHA.").is_visible()
    axe_check(page)
    screenshot(page, "moderation-sha")
    assert not errors, errors
