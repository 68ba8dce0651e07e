"""In a real browser: a PCT lead marks an outcome as joint; the council partner sees it and comments."""

from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections
from playwright.sync_api import expect

from outcomes.choices import Trend
from outcomes.models import Indicator, OrganisationBenchmark, PriorityOutcome
from tests.personas import PASSWORD

SCREENSHOTS = Path(settings.BASE_DIR) / "screenshots"
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"


def _axe_violations(page) -> list[str]:
    """Serious and critical WCAG 2.2 AA problems axe-core finds (evaluated through DevTools, so CSP stays strict)."""
    page.evaluate(AXE.read_text())
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", tags)
    return [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.fixture
def chromium_browser(browser):
    """The session's shared chromium (tests/browser/conftest.py): one Playwright per session, so none started here."""
    return browser


def _signed_in(browser, live_server, username: str):
    page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB").new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    return page


def _shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _stored_results(world, indicator) -> None:
    for organisation, value, trend in ((world.pct, 2276.4, Trend.WORSENING), (world.council, 1584.8, Trend.IMPROVING)):
        OrganisationBenchmark.objects.create(
            indicator=indicator, organisation=organisation, period="2009-10", period_start_year=2009,
            org_type=organisation.kind, value=value, comparison="similar", trend=trend,
        )  # fmt: skip


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_pct_marks_an_outcome_joint_and_the_council_comments(chromium_browser, live_server, world_tx):
    try:
        journey(chromium_browser, live_server, world_tx)
    finally:
        # ORM calls made beside Playwright's sync API hold a connection of their own: close it in the same context,
        # or the test database cannot be dropped at the end of the session.
        connections.close_all()


def journey(chromium_browser, live_server, world_tx) -> None:
    """PCT lead shares an outcome with Manchester council; the council partner reads it and comments."""
    indicator = Indicator.objects.get(code="ALCOHOL_ADM")
    PriorityOutcome.objects.create(assessment=world_tx.assessment, indicator=indicator)
    _stored_results(world_tx, indicator)

    pct = _signed_in(chromium_browser, live_server, "pct_lead")
    pct.goto(f"{live_server.url}/cycles/2009-10/pcts/5NT/scorecard/")
    pct.get_by_role("link", name="Share with partner councils").click()  # the only outcome
    pct.get_by_label("Manchester City Council (E08000003)").check()
    _shot(pct, "partners-joint-outcome-form")
    pct.get_by_role("button", name="Save").click()
    expect(pct.locator("[data-field=joint]")).to_contain_text("Joint with Manchester City Council")
    _shot(pct, "partners-scorecard-joint")

    council = _signed_in(chromium_browser, live_server, "la_partner")
    council.get_by_role("link", name="Read the partnership page").click()
    section = council.locator("section", has=council.get_by_role("heading", name=indicator.name))
    expect(section).to_contain_text("Manchester PCT")
    expect(section).to_contain_text("1584.80")
    expect(section).to_contain_text("Improving")
    section.get_by_label("Your comment").fill("Our licensing plan aims at the same admissions.")
    section.get_by_role("button", name="Add comment").click()
    expect(council.locator(".govuk-notification-banner")).to_contain_text("Your comment has been added")
    expect(council.locator("section", has_text=indicator.name)).to_contain_text("Our licensing plan aims at the")
    _shot(council, "partners-council-comment")
    assert _axe_violations(council) == []

    # The council partner sees nothing else of the PCT.
    response = council.goto(f"{live_server.url}/cycles/2009-10/pcts/5NT/scorecard/")
    assert response.status == 404
    pct.reload()
    assert (
        "Our licensing plan" not in pct.content()
    )  # the scorecard is the PCT's; comments live on the partnership page
