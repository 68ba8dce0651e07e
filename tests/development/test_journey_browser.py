"""The development plan in a real browser: the chair signs off with three recommendations, the PCT lead sets
actions, a contributor updates one, the SHA sees the overdue flag, and next cycle's competency page shows last
year's agreed level and the action."""

from datetime import timedelta

import pytest
from django.db import connections
from django.utils import timezone
from playwright.sync_api import expect

from development.models import Action
from panels.demo import _ratings
from panels.models import Report
from tests.browser.conftest import axe_check, login
from tests.browser.conftest import screenshot as shoot
from tests.development.helpers import in_review


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_chair_lead_contributor_sha_and_next_cycle(page, live_server, world_tx):
    try:
        journey(page, live_server, world_tx)
    finally:
        connections.close_all()


def journey(page, live_server, world) -> None:
    previous = world.previous_cycle
    assessment = in_review(world, previous)
    _ratings(assessment.review_day, agreed_share=1)
    base = live_server.url

    # The chair writes three recommendations from the report page, then signs the report off.
    login(page, live_server, "panel_chair")
    page.goto(f"{base}/cycles/{previous.code}/pcts/{world.pct.code}/report/")
    page.get_by_role("link", name="Write the recommendations").click()
    page.get_by_role("button", name="Save recommendation").click()
    expect(page.get_by_role("link", name="Enter the recommendation")).to_be_visible()  # the error summary
    for text, concerns, priority in [
        ("Strengthen clinical engagement in commissioning", "Competency 1:", "High"),
        ("Track the joint outcome measures at the board", "Board", "Medium"),
        ("Build procurement skills", "", "Low"),
    ]:
        page.get_by_label("Recommendation", exact=True).fill(text)
        if concerns:
            value = page.locator("#id_concerns option", has_text=concerns).first.get_attribute("value")
            page.get_by_label("What it concerns").select_option(value)
        page.get_by_label(priority, exact=True).check()
        page.get_by_role("button", name="Save recommendation").click()
        expect(page.get_by_text("Recommendation added.")).to_be_visible()
    shoot(page, "development-recommendations")
    axe_check(page)
    page.get_by_role("link", name="Back to the report").click()
    page.get_by_role("link", name="Start the report").click()
    page.get_by_label("Strengths").fill("A clear strategic plan owned by the board.")
    page.get_by_role("button", name="Save draft").click()
    page.get_by_role("link", name="Sign off version 1").click()  # irreversible: a confirmation page asks first
    expect(page.get_by_role("heading", name="Sign off version 1 of the report?")).to_be_visible()
    page.get_by_role("button", name="Yes, sign off version 1").click()
    expect(page.get_by_text("Version 1 is signed off.")).to_be_visible()
    expect(page.get_by_text("Strengthen clinical engagement in commissioning")).to_be_visible()

    # The PCT lead opens the plan from the report and sets an action on the first recommendation.
    login(page, live_server, "pct_lead")
    page.goto(f"{base}/cycles/{previous.code}/pcts/{world.pct.code}/report/")
    page.get_by_role("link", name="The development plan").click()
    page.get_by_role("link", name="Add an action to recommendation 1").click()
    page.get_by_label("What will be done").fill("Appoint a clinical lead for each pathway")
    page.get_by_label("Owner").select_option(label="Pct Contributor")
    page.get_by_label("Due date").fill((timezone.localdate() - timedelta(days=3)).isoformat())
    page.get_by_label("Measure of success").fill("Leads in post")
    page.get_by_role("button", name="Save action").click()
    expect(page.get_by_text("The due date must be on or after the report's sign-off").first).to_be_visible()
    expect(page.get_by_label("What will be done")).to_have_value("Appoint a clinical lead for each pathway")
    page.get_by_label("Due date").fill((timezone.localdate() + timedelta(days=10)).isoformat())
    page.get_by_role("button", name="Save action").click()
    expect(page.get_by_text("Action added to the plan.")).to_be_visible()
    shoot(page, "development-plan")
    axe_check(page)

    # A contributor updates it: dropping it without a reason is refused, then it is at risk with a note.
    login(page, live_server, "pct_contributor")
    page.goto(f"{base}/")
    page.get_by_role("link", name=f"Development plan from the {previous.code} panel").click()
    page.get_by_role("link", name="Appoint a clinical lead for each pathway").click()
    page.get_by_label("Dropped").check()
    page.get_by_role("button", name="Save update").click()
    expect(page.get_by_role("link", name="Give the reason for dropping this action")).to_be_visible()
    page.get_by_label("At risk").check()
    page.get_by_label("Progress note").fill("Recruitment paused until April")
    page.get_by_role("button", name="Save update").click()
    expect(page.get_by_text("Update saved.")).to_be_visible()
    expect(page.get_by_text("Recruitment paused until April").first).to_be_visible()
    shoot(page, "development-action")
    axe_check(page)

    # Time passes: the action is now 40 days past its due date. The SHA lead sees the flag and comments.
    Report.objects.filter(assessment=assessment).update(signed_off_at=timezone.now() - timedelta(days=90))
    Action.objects.update(due_date=timezone.localdate() - timedelta(days=40))
    login(page, live_server, "sha_lead")
    expect(page.locator("#overdue-flag")).to_contain_text("1 action in your PCTs' plans overdue by more than 30 days")
    shoot(page, "development-sha-home")
    page.get_by_role("link", name=f"Your PCTs' development plans from the {previous.code} panel").click()
    page.get_by_label("Show actions").select_option("overdue")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("link", name="Appoint a clinical lead for each pathway")).to_be_visible()
    shoot(page, "development-sha-plans")
    axe_check(page)
    page.get_by_role("link", name="Appoint a clinical lead for each pathway").click()
    page.get_by_label("Your comment").fill("Please bring a recovery plan to the March board")
    page.get_by_role("button", name="Add comment").click()
    expect(page.get_by_text("Comment added.")).to_be_visible()

    # Next cycle: the competency page shows last year's agreed level and the action.
    agreed = next(r["agreed"] for r in Report.objects.get().ratings_snapshot["competencies"] if r["number"] == 1)
    login(page, live_server, "pct_contributor")
    expect(page.locator("#overdue-flag")).to_be_visible()
    page.goto(f"{base}/cycles/{world.cycle.code}/pcts/{world.pct.code}/competencies/1/")
    last = page.locator("#last-cycle")
    expect(last).to_contain_text(f"Agreed level: Level {agreed}")
    expect(last).to_contain_text("Appoint a clinical lead for each pathway")
    expect(last).to_contain_text("At risk")
    shoot(page, "development-next-cycle-competency")
    axe_check(page)
