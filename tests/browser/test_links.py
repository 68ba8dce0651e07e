"""A real browser, clicking links only from the home page, reaches the pages each person works on (the complete
check of every page type, by a link-walking client, is tests/test_reachable.py)."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_check, login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _click(page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("link", name=name).first.click()


def test_the_dh_analyst_reaches_dashboard_publication_and_imports_from_home(page, live_server, world_tx):
    login(page, live_server, "dh_analyst")
    axe_check(page)
    screenshot(page, "links-home-dh", full_page=False)
    _click(page, "National dashboard: how PCTs in each SHA stand in 2009-10")
    assert page.url.endswith("/national/2009-10/")
    page.go_back()
    _click(page, "Publication of 2009-10: publish report cards, or withdraw one")
    assert page.url.endswith("/national/2009-10/publication/")
    page.go_back()
    _click(page, "Import indicator values (CSV or Excel)")
    expect(page.get_by_label("Upload a file of indicator values")).to_be_visible()
    page.go_back()
    _click(page, "Import partnerships between PCTs and councils")
    assert page.url.endswith("/partnerships/import/")


def test_the_pct_lead_goes_from_home_to_outcomes_and_back_to_the_task_list(page, live_server, world_tx):
    login(page, live_server, "pct_lead")
    _click(page, "Open the 2009-10 self-assessment")
    _click(page, "Priority outcomes")
    _click(page, "Scorecard")
    _click(page, "Data pack")
    screenshot(page, "links-data-pack-crumbs", full_page=False)
    _click(page, "Self-assessment 2009-10: task list")
    expect(page.get_by_role("heading", name="Self-assessment 2009-10")).to_be_visible()


def test_the_sha_lead_reaches_its_dashboard_from_home(page, live_server, world_tx):
    login(page, live_server, "sha_lead")
    axe_check(page)
    _click(page, "NHS North West dashboard: how your PCTs stand in 2009-10, beside England")
    assert page.url.endswith("/national/2009-10/sha/Q31/")
