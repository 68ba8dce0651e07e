"""The review-day pages in a browser: the member's pack summary and per-item save, the workspace before and after the
review opens, and the confirmation pages (change the chair, remove a member, sign off). Screenshots go to
screenshots/ for a person to look at."""

from pathlib import Path

import pytest
from django.db import connections
from playwright.sync_api import expect

from assurance.choices import State
from panels.models import PanelMember, ProvisionalRating
from panels.selectors import _items
from tests.panels.helpers import review_day, seat_user
from tests.panels.test_browser import _axe_violations, _signed_in

SHOTS = Path(__file__).resolve().parents[2] / "screenshots"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def closing():
    yield
    connections.close_all()  # ORM calls beside Playwright's sync API hold a connection of their own


def test_a_member_saves_one_item_and_comes_back_to_it_keeping_what_was_typed_elsewhere(
    world_tx, live_server, browser, closing
):
    SHOTS.mkdir(exist_ok=True)
    review_day(world_tx, State.SUBMITTED)
    first, second, *_ = [row.key for row in _items(world_tx.cycle)]
    page = _signed_in(browser, live_server, "panel_member")
    page.goto(f"{live_server.url}/cycles/2009-10/pcts/5NT/panel/pack/")
    expect(page.locator("#summary")).to_be_visible()
    expect(page.locator(".app-pack-summary")).to_contain_text("Locally lead the NHS")
    page.screenshot(path=str(SHOTS / "panels-pack-summary.png"))
    page.click(f".app-pack-summary a[href='#{second}']")
    assert page.url.endswith(f"#{second}")
    page.fill(f"#id_t_{first}", "Typed on the first item, not yet saved")
    page.select_option(f"#id_v_{second}", "3")
    page.fill(f"#id_t_{second}", "Board minutes show it")
    page.locator(f"#{second} button[name=save_item]").click()
    assert page.url.endswith(f"?saved={second}#{second}")
    expect(page.locator(f"#{second} .app-saved-item")).to_contain_text("Saved")
    expect(page.locator(f"#id_t_{first}")).to_have_value("Typed on the first item, not yet saved")
    expect(page.locator(".app-pack-summary")).to_contain_text("Level 3")
    assert page.evaluate(f"document.getElementById('{second}').getBoundingClientRect().top") < 400  # in view
    page.screenshot(path=str(SHOTS / "panels-pack-item-saved.png"))
    assert _axe_violations(page) == []
    saved = ProvisionalRating.objects.filter(member=world_tx.users["panel_member"])
    assert {r.item_key: r.notes for r in saved} == {
        first: "Typed on the first item, not yet saved",
        second: "Board minutes show it",
    }
    page.context.close()


def test_the_workspace_and_the_confirmation_pages(world_tx, live_server, browser, closing):
    SHOTS.mkdir(exist_ok=True)
    day = review_day(world_tx, State.SUBMITTED)
    PanelMember.objects.create(panel=day.panel, user=seat_user("panel_second", world_tx.sha))
    chair = _signed_in(browser, live_server, "panel_chair")
    chair.goto(f"{live_server.url}/cycles/2009-10/pcts/5NT/panel/workspace/")
    expect(chair.locator(".app-workspace-explain")).to_contain_text("once the review is open")
    expect(chair.locator("select")).to_have_count(0)
    chair.screenshot(path=str(SHOTS / "panels-workspace-not-open.png"), full_page=True)
    chair.click("button:has-text('Open the review')")
    expect(chair.locator(".govuk-notification-banner")).to_contain_text("The review is open")
    key = _items(world_tx.cycle)[0].key
    chair.fill(f"#id_t_{key}", "A long rationale " * 12)
    chair.screenshot(path=str(SHOTS / "panels-workspace-open.png"), full_page=True)
    # the rationale box sits inside the page: nothing clipped at the right edge
    overflow = chair.evaluate(
        """() => [...document.querySelectorAll('.app-table-scroll')].map(s => {
            const edge = s.getBoundingClientRect().right;
            return Math.max(...[...s.querySelectorAll('textarea')].map(t => t.getBoundingClientRect().right)) - edge;
        })"""
    )
    assert len(overflow) == 2 and max(overflow) <= 1, f"rationale boxes reach past the table's edge by {overflow} px"
    assert _axe_violations(chair) == []

    chair.goto(f"{live_server.url}/cycles/2009-10/pcts/5NT/report/edit/")
    chair.get_by_role("button", name="Save draft").click()
    chair.click("text=Sign off version 1")
    expect(chair.locator("h1")).to_have_text("Sign off version 1 of the report?")
    expect(chair.locator(".govuk-error-summary")).to_contain_text("Record an agreed rating for")
    chair.screenshot(path=str(SHOTS / "panels-sign-off-confirm.png"), full_page=True)
    chair.context.close()

    lead = _signed_in(browser, live_server, "sha_lead")
    lead.goto(f"{live_server.url}/sha/Q31/panel/2009-10/")
    lead.screenshot(path=str(SHOTS / "panels-setup.png"), full_page=True)
    lead.click("text=Change the chair")
    lead.check("label:has-text('Panel Member')")
    lead.get_by_role("button", name="Continue").click()
    expect(lead.locator("h1")).to_have_text("Make Panel Member the chair?")
    expect(lead.locator("main")).to_contain_text("Panel Chair, the chair now, will stay on the panel as a member")
    lead.screenshot(path=str(SHOTS / "panels-chair-confirm.png"), full_page=True)
    assert _axe_violations(lead) == []
    lead.click("button:has-text('Yes, make Panel Member the chair')")
    expect(lead.locator(".govuk-notification-banner")).to_contain_text("Panel Member now chairs the panel")
    lead.click("a:has-text('Remove'):has-text('Second Tester')")
    expect(lead.locator("h1")).to_have_text("Remove Second Tester from the panel?")
    lead.screenshot(path=str(SHOTS / "panels-member-remove-confirm.png"), full_page=True)
    assert _axe_violations(lead) == []
    lead.click("button:has-text('Yes, remove')")
    expect(lead.locator(".govuk-notification-banner")).to_contain_text("Second Tester is no longer on the panel")
    lead.context.close()


def test_the_reports_chart_is_readable_on_the_page_and_in_the_pdf(world_tx, live_server, browser, closing, tmp_path):
    import subprocess

    from tests.panels.test_outcomes import _stored_scorecard

    SHOTS.mkdir(exist_ok=True)
    _stored_scorecard(world_tx.assessment)
    review_day(world_tx, reported=True)
    page = _signed_in(browser, live_server, "pct_lead")
    page.goto(f"{live_server.url}/cycles/2009-10/pcts/5NT/report/")
    chart = page.locator(".app-outcome-chart").first
    assert chart.bounding_box()["width"] >= 440  # was 360 px, its labels 9 px high
    expect(chart).to_contain_text("years")
    chart.screenshot(path=str(SHOTS / "panels-report-chart.png"))
    with page.expect_download() as download:
        page.click("text=Download this version as PDF")
    pdf = tmp_path / "report.pdf"
    download.value.save_as(pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "years" in text and "2007-08" in text
    subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf), str(SHOTS / "panels-report-pdf-page")], check=True)
    page.context.close()
