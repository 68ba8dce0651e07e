"""The foundation's pages in a real browser: sign-in, each role's home, no membership, 403 and 404 — axe clean."""

import pytest
from rest_framework.authtoken.models import Token

from tests.browser.conftest import axe_check, login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_in_page(page, live_server, world_tx):
    page.goto(f"{live_server.url}/accounts/login/")
    assert page.get_by_role("heading", name="Sign in").is_visible()
    axe_check(page)
    screenshot(page, "foundation-sign-in")


def test_wrong_password_shows_the_error_summary_and_keeps_the_username(page, live_server, world_tx):
    login(page, live_server, "pct_lead", "not-the-password")
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert "Please enter a correct username and password" in summary.inner_text()
    assert page.get_by_label("Username").input_value() == "pct_lead"
    assert page.evaluate("() => document.activeElement.closest('.govuk-error-summary') !== null")
    axe_check(page)
    screenshot(page, "foundation-sign-in-error")


@pytest.mark.parametrize(
    "username, heading",
    [
        ("pct_lead", "Manchester PCT"),
        ("sha_lead", "PCTs in NHS North West"),
        ("dh_analyst", "National picture"),
        ("la_partner", "Local authority partner"),
    ],
)
def test_each_role_home(page, live_server, world_tx, username, heading):
    login(page, live_server, username)
    assert page.url == f"{live_server.url}/"
    assert heading in page.locator("main").inner_text()
    assert page.get_by_role("button", name="Sign out").is_visible()
    axe_check(page)
    screenshot(page, f"foundation-home-{username}")


def test_no_membership_page(page, live_server, world_tx):
    login(page, live_server, "no_membership")
    assert "not linked to an organisation" in page.locator("main").inner_text()
    axe_check(page)
    screenshot(page, "foundation-no-membership")


def test_forbidden_and_not_found_pages(page, live_server, world_tx):
    login(page, live_server, "la_partner")
    response = page.goto(f"{live_server.url}/organisations/5NT/")
    assert response.status == 404
    axe_check(page)
    screenshot(page, "foundation-404")
    login(page, live_server, "pct_contributor")
    response = page.goto(f"{live_server.url}/account/api-token/")
    assert response.status == 403
    assert "Only DH analysts can create API tokens" in page.locator("main").inner_text()
    axe_check(page)
    screenshot(page, "foundation-403")
    login(page, live_server, "dh_analyst")
    response = page.goto(f"{live_server.url}/cycles/2008-09/pcts/5NT/")  # a cycle Manchester has not started
    assert response.status == 404
    assert "Manchester PCT has not started its 2008-09 self-assessment" in page.locator("main").inner_text()
    axe_check(page)
    screenshot(page, "foundation-not-started")


def test_sign_out_returns_to_sign_in(page, live_server, world_tx):
    login(page, live_server, "pct_lead")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()
    assert page.get_by_role("heading", name="Sign in").is_visible()


def test_sign_out_button_shows_the_focus_state(page, live_server, world_tx):
    login(page, live_server, "pct_lead")
    button = page.get_by_role("button", name="Sign out")
    button.focus()
    # GOV.UK focus state: yellow background, dark text.
    assert button.evaluate("b => getComputedStyle(b).backgroundColor") == "rgb(255, 221, 0)"
    assert button.evaluate("b => getComputedStyle(b).color") == "rgb(11, 12, 12)"
    screenshot(page, "foundation-sign-out-focus", full_page=False)


def test_home_reflows_at_320_pixels(page, live_server, world_tx):
    page.set_viewport_size({"width": 320, "height": 640})
    login(page, live_server, "sha_lead")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    axe_check(page)
    screenshot(page, "foundation-home-sha-narrow", full_page=False)


def test_dh_analyst_creates_and_revokes_an_api_token(page, live_server, world_tx):
    login(page, live_server, "dh_analyst")
    page.get_by_role("link", name="API token").click()
    axe_check(page)
    page.get_by_role("button", name="Create a token").click()
    key = page.locator("#new-token").inner_text()
    assert Token.objects.get(user__username="dh_analyst").key == key
    axe_check(page)
    screenshot(page, "trust-api-token-created")
    page.get_by_role("button", name="Revoke token").click()
    assert "Your API token has been revoked" in page.locator("main").inner_text()
    assert page.get_by_role("button", name="Create a token").is_visible()
    axe_check(page)
    screenshot(page, "trust-api-token-revoked")
