"""In a real browser: a PCT lead opens the saved joint needs assessment, changes its title and saves it again
(issue 14 finding 9: the saved date used to be refused), and the page passes axe."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_check, login, screenshot
from tests.partnerships.access_cases import needs_assessment


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_saved_needs_assessment_saves_again_in_the_browser(page, live_server, world_tx):
    needs_assessment(world_tx)
    login(page, live_server, "pct_lead")
    page.goto(f"{live_server.url}/organisations/5NT/joint-needs-assessment/")
    expect(page.get_by_label("Date the assessment speaks for")).to_have_value("2009-06-30")
    axe_check(page)
    page.get_by_label("Title").fill("JSNA, refreshed")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The joint needs assessment has been saved.")).to_be_visible()
    screenshot(page, "partners-jsna-saved-again")
