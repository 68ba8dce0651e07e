"""A whole review day in a real browser: three members rate, the chair agrees and signs off, the PDF is produced."""

import subprocess
from pathlib import Path

import pytest
from django.db import connections
from playwright.sync_api import expect

from assurance.choices import State
from panels.models import PanelMember, Report
from panels.selectors import _items
from tests.panels.helpers import review_day, seat_user
from tests.personas import PASSWORD

SHOTS = Path(__file__).resolve().parents[2] / "screenshots"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def _axe_violations(page) -> list:
    """WCAG 2.2 AA violations axe-core finds on the page (its script injected past the CSP, in the test only)."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "async () => (await axe.run({runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']})).violations"
    )
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in found]


def _signed_in(browser, live_server, username):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button:has-text('Sign in')")
    expect(page.locator("h1")).to_be_visible()
    return page


def _rate(page, live_server, keys, level):
    page.goto(f"{live_server.url}/cycles/2009-10/pcts/5NT/panel/pack/")
    for key in keys:
        if key.startswith("c"):
            page.select_option(f"#id_v_{key}", str(level(key)))
        else:
            page.select_option(f"#id_v_{key}", "amber")
        page.fill(f"#id_t_{key}", "Noted in preparation")
    page.get_by_role("button", name="Save my provisional ratings", exact=True).click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("provisional ratings are saved")


def test_a_whole_review_day_ends_in_a_signed_off_report_and_its_pdf(world_tx, live_server, browser, tmp_path):
    try:
        _review_day(world_tx, live_server, browser, tmp_path)
    finally:
        # ORM calls made beside Playwright's sync API hold a connection of their own: close it in the same context,
        # or the test database cannot be dropped at the end of the session.
        connections.close_all()


def _review_day(world_tx, live_server, browser, tmp_path) -> None:
    """Three members prepare, the chair opens the review, agrees every rating, writes and signs off the report."""
    SHOTS.mkdir(exist_ok=True)
    day = review_day(world_tx, State.SUBMITTED)
    PanelMember.objects.create(panel=day.panel, user=seat_user("panel_second", world_tx.sha))
    keys = [row.key for row in _items(world_tx.cycle)]
    first = keys[0]
    # Three members prepare; on the first competency they differ by two levels.
    for username, spread in (("panel_member", 1), ("panel_external", 3), ("panel_second", 2)):
        page = _signed_in(browser, live_server, username)
        _rate(page, live_server, keys, lambda key, s=spread: s if key == first else 2)
        assert _axe_violations(page) == []
        page.context.close()

    chair = _signed_in(browser, live_server, "panel_chair")
    chair.goto(f"{live_server.url}/cycles/2009-10/pcts/5NT/panel/workspace/")
    chair.click("button:has-text('Open the review')")
    expect(chair.locator(".govuk-notification-banner")).to_contain_text("The review is open")
    expect(chair.locator("tr.app-spread-wide")).to_have_count(1)
    expect(chair.locator("tr.app-spread-wide")).to_contain_text("Differ by 2")
    chair.screenshot(path=str(SHOTS / "panels-workspace-before.png"), full_page=True)
    assert _axe_violations(chair) == []

    chair.click("button:has-text('Save agreed ratings')")  # nothing agreed yet: saves nothing, refuses nothing
    for key in keys:
        chair.select_option(f"#id_v_{key}", "2" if key.startswith("c") else "green")
        chair.fill(f"#id_t_{key}", "Agreed on the day from the evidence and the board's account")
    chair.fill("#id_commentary", "Life expectancy is improving; the inequalities gap is not yet narrowing.")
    chair.click("button:has-text('Save agreed ratings')")
    expect(chair.locator(".govuk-notification-banner")).to_contain_text("Agreed ratings saved")
    chair.screenshot(path=str(SHOTS / "panels-workspace-agreed.png"), full_page=True)

    chair.click("text=Write the report")
    chair.fill("#id_strengths", "A strategic plan the board owns; strong joint work with the council.")
    chair.fill("#id_areas_for_development", "Clinical engagement in commissioning decisions.")
    chair.fill("#id_potential_for_improvement", "Good: stable leadership and credible plans.")
    chair.fill("#id_recommendations", "Track the joint outcome measures at board level.")
    chair.get_by_role("button", name="Save draft").click()
    chair.click("text=Sign off version 1")
    expect(chair.locator("h1")).to_have_text("Sign off version 1 of the report?")
    expect(chair.locator("main")).to_contain_text("it can no longer change")
    chair.screenshot(path=str(SHOTS / "panels-sign-off-confirm-ready.png"), full_page=True)
    assert _axe_violations(chair) == []
    chair.click("button:has-text('Yes, sign off version 1')")
    expect(chair.locator(".govuk-notification-banner")).to_contain_text("Version 1 is signed off")
    chair.screenshot(path=str(SHOTS / "panels-report.png"), full_page=True)
    assert _axe_violations(chair) == []
    assert Report.objects.get().state == "signed_off"
    day.assessment.refresh_from_db()
    assert day.assessment.state == State.REPORTED

    with chair.expect_download() as download:
        chair.click("text=Download this version as PDF")
    pdf = tmp_path / "report.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", str(pdf), str(SHOTS / "panels-report-pdf")], check=True
    )
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Manchester" in text and "Version 1, signed off" in text and "2009-10" in text
