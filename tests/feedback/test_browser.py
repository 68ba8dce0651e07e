"""A partner answers through their link in a real browser (Debian chromium), after the PCT lead invites them."""

import re

import pytest
from django.db import connections
from playwright.sync_api import expect

from feedback.choices import PartnerType
from feedback.models import Response
from tests.browser.conftest import axe_check, login, screenshot
from tests.feedback.helpers import responses
from tests.panels.helpers import review_day


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_lead_invites_and_a_partner_answers_through_the_link(page, live_server, world_tx, mailoutbox):
    try:
        journey(page, live_server, world_tx, mailoutbox)
    finally:
        connections.close_all()


def journey(page, live_server, world, mailoutbox) -> None:
    # The PCT lead reaches partner feedback from the home page and invites a partner.
    login(page, live_server, "pct_lead")
    page.get_by_role("link", name="Partner feedback: invite partners").click()
    expect(page.get_by_role("heading", name="Partner feedback", exact=True)).to_be_visible()
    page.get_by_role("button", name="Invite and send the link").click()  # nothing filled in
    expect(page.get_by_role("link", name="Enter the partner's name")).to_be_visible()
    page.get_by_label("Partner's name").fill("Ann Lee")
    page.get_by_label("Email address").fill("ann.lee@example.org")
    page.get_by_label("Practice-based commissioners").check()
    page.get_by_role("button", name="Invite and send the link").click()
    expect(page.get_by_text("Ann Lee has been invited")).to_be_visible()
    axe_check(page)
    screenshot(page, "feedback-invitations")
    [email] = mailoutbox
    link = re.search(r"(http://\S+/partner-feedback/\S+/)", email.body).group(1)

    # The partner, with no account, opens the link from the email.
    page.context.clear_cookies()
    page.goto(link)
    expect(page.get_by_role("heading", name=re.compile("Your view of Manchester"))).to_be_visible()
    axe_check(page)
    screenshot(page, "feedback-form")
    page.get_by_role("button", name="Continue").click()  # nothing chosen
    expect(page.get_by_role("link", name="Choose a level for Locally lead the NHS, or don't know")).to_be_visible()
    axe_check(page)
    screenshot(page, "feedback-form-errors", full_page=False)
    groups = page.locator("fieldset fieldset")
    for n in range(groups.count()):
        group = groups.nth(n)
        group.get_by_label("Don't know" if n == 0 else "Level 3", exact=True).check()
    page.get_by_label("Comment (optional)").first.fill("We rarely see the board.")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Check your answers before sending them")).to_be_visible()
    expect(page.get_by_text("We rarely see the board.")).to_be_visible()
    axe_check(page)
    screenshot(page, "feedback-check")
    assert not Response.objects.exists()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", name=re.compile("Thank you"))).to_be_visible()
    axe_check(page)
    screenshot(page, "feedback-thanks")
    response = Response.objects.get(invitation__email="ann.lee@example.org")
    assert sorted(a.level or 0 for a in response.answers.all()) == [0, 3, 3, 3, 3]

    # The link now says it has been used.
    page.goto(link)
    expect(page.get_by_role("heading", name="You have already answered")).to_be_visible()
    screenshot(page, "feedback-link-used", full_page=False)
    page.goto(link[:-3] + "x/")
    expect(page.get_by_role("heading", name="This link does not work")).to_be_visible()
    screenshot(page, "feedback-link-altered", full_page=False)

    # With two more practice-based commissioners, the panel reads their answers in the pack.
    review_day(world)
    responses(world, PartnerType.PRACTICE, 2, level=2, comment="Practices are heard", start=10)
    login(page, live_server, "panel_member")
    page.goto(f"{live_server.url}/cycles/{world.cycle.code}/pcts/{world.pct.code}/panel/pack/")
    page.get_by_role("link", name="What partners said", exact=True).click()
    section = page.locator("#partner-feedback")
    expect(section).to_be_visible()
    expect(page.get_by_text("We rarely see the board.")).to_be_visible()
    axe_check(page)
    page.locator("#partner-feedback").scroll_into_view_if_needed()
    screenshot(page, "feedback-pack", full_page=False)

    # The SHA lead's home page counts them.
    login(page, live_server, "sha_lead")
    expect(page.get_by_role("heading", name="Partner feedback 2009-10")).to_be_visible()
    page.locator("#partner-feedback").scroll_into_view_if_needed()
    screenshot(page, "feedback-sha-home", full_page=False)

    # The chair quotes a partner in the report (the same comments as the pack; checkboxes, no script needed).
    login(page, live_server, "panel_chair")
    page.goto(f"{live_server.url}/reports/{world.cycle.code}/{world.pct.code}/edit/")
    expect(page.get_by_role("heading", name="Quote what partners said")).to_be_visible()
    page.get_by_label(re.compile("We rarely see the board")).check()
    axe_check(page)
    page.locator("#partner-quotes").scroll_into_view_if_needed()
    screenshot(page, "report-edit-quotes", full_page=False)
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Draft report saved.")).to_be_visible()
    expect(page.get_by_role("heading", name="What partners said", exact=True)).to_be_visible()
    expect(page.get_by_text("“We rarely see the board.”")).to_be_visible()
    axe_check(page)
