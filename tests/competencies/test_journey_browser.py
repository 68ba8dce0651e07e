"""The self-assessment journey in a real browser (Debian chromium): contributor fills, lead submits, SHA reopens."""

from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections
from playwright.sync_api import expect, sync_playwright

from assurance.choices import State
from assurance.models import Assessment
from competencies.models import Evidence
from tests.competencies.helpers import complete_self_assessment
from tests.personas import PASSWORD

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
    "--disable-dev-shm-usage",
]
SCREENSHOTS = Path(settings.BASE_DIR) / "screenshots"
AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def browser_page():
    """A fresh chromium page (a local stand-in until the shared browser fixtures are merged)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
        yield context.new_page()
        browser.close()


def login(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def serious_axe_violations(page) -> list[str]:
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))  # evaluated, not injected: the page's CSP stays strict
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag22aa']}})"
    )
    return [f"{v['id']}: {v['help']}" for v in result["violations"] if v["impact"] in ("serious", "critical")]


def fill_competency(page, number: int, level: int, narrative: str) -> None:
    page.get_by_role("link", name=f"{number}. ", exact=False).first.click()
    page.get_by_label(f"Level {level}", exact=True).check()
    page.get_by_label("Narrative").fill(narrative)
    page.get_by_label("Mark this as completed").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your changes have been saved.")).to_be_visible()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_contributor_fills_lead_submits_sha_lead_reopens(browser_page, live_server, world_tx, settings, tmp_path):
    settings.EVIDENCE_ROOT = tmp_path / "evidence"
    try:
        journey(browser_page, live_server, world_tx)
    finally:
        # ORM calls made beside Playwright's sync API hold a connection of their own: close it here, in the same
        # context, or the test database cannot be dropped at the end of the session.
        connections.close_all()


def journey(page, live_server, world) -> None:
    """Contributor fills two competencies, a governance area and evidence; lead submits; SHA lead reopens."""
    task_list = f"{live_server.url}/cycles/{world.cycle.code}/pcts/{world.pct.code}/"

    # The contributor opens the task list and the first competency; marking it completed without a narrative fails.
    login(page, live_server, "pct_contributor")
    page.goto(task_list)
    expect(page.get_by_role("heading", name="Self-assessment 2009-10")).to_be_visible()
    shoot(page, "selfassess-task-list")
    assert serious_axe_violations(page) == []
    page.get_by_role("link", name="1. Locally lead the NHS").click()
    page.get_by_label("Level 2", exact=True).check()
    page.get_by_label("Mark this as completed").check()
    page.get_by_role("button", name="Save").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Give the narrative before marking this as completed")
    expect(page.get_by_label("Level 2", exact=True)).to_be_checked()  # nothing typed is lost
    shoot(page, "selfassess-competency-error")
    assert serious_axe_violations(page) == []
    page.get_by_label("Narrative").fill("Partners look to the PCT to lead; the board will test it with a survey.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your changes have been saved.")).to_be_visible()
    fill_competency(page, 2, 3, "Joint commissioning with the council covers three pooled budgets.")
    expect(page.locator("#task-201-status")).to_have_text("Completed")
    expect(page.locator("#task-202-status")).to_have_text("Completed")

    # A governance area, then an evidence document linked to competency 1.
    page.get_by_role("link", name="Governance declarations").click()
    page.get_by_role("link", name="Strategy: Strategic plan for commissioning").click()
    page.get_by_label("Green").check()
    page.get_by_label("Commentary").fill("The refreshed plan was approved by the board in March 2009.")
    page.get_by_label("Mark this as completed").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your changes have been saved.")).to_be_visible()
    page.goto(f"{task_list}evidence/")
    page.get_by_label("Title").fill("Board minutes, March 2009")
    page.get_by_label("Document", exact=True).set_input_files(
        {"name": "minutes.txt", "mimeType": "text/plain", "buffer": b"Minutes of the board, 26 March 2009.\n"}
    )
    page.get_by_label("Date of the document").fill("26/3/2009")
    page.get_by_label("1. Locally lead the NHS").check()
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_text("Board minutes, March 2009 has been uploaded.")).to_be_visible()
    document = Evidence.objects.get(assessment=world.assessment)
    assert Path(document.file.path).read_bytes() == b"Minutes of the board, 26 March 2009.\n"
    assert list(document.competencies.values_list("number", flat=True)) == [1]
    assert "Submit self-assessment" not in page.content()  # contributors do not submit

    # The rest is completed through the services; the lead submits in the browser.
    complete_self_assessment(world.assessment, world.users["pct_lead"])
    login(page, live_server, "pct_lead")
    page.goto(task_list)
    page.get_by_role("link", name="Check and submit the self-assessment").click()
    page.get_by_role("button", name="Submit self-assessment").click()
    expect(page.get_by_text("The self-assessment has been submitted to the SHA.")).to_be_visible()
    expect(page.locator(".govuk-notification-banner", has_text="It is read-only")).to_be_visible()
    shoot(page, "selfassess-submitted")
    page.get_by_role("link", name="1. Locally lead the NHS").click()
    expect(page.get_by_text("Partners look to the PCT to lead")).to_be_visible()
    assert page.locator("textarea").count() == 0  # read-only: no form

    # The SHA assurance lead sees the submission and reopens it with a reason, which the PCT then sees.
    login(page, live_server, "sha_lead")
    page.goto(task_list)
    expect(page.locator(".govuk-tag", has_text="Submitted")).to_be_visible()
    page.get_by_role("link", name="Reopen self-assessment").click()
    page.get_by_label("Why are you reopening this self-assessment?").fill("Link evidence to competency 2, please.")
    page.get_by_role("button", name="Reopen self-assessment").click()
    expect(page.get_by_text("self-assessment has been reopened")).to_be_visible()
    assert Assessment.objects.get(pk=world.assessment.pk).state == State.DRAFT
    login(page, live_server, "pct_contributor")
    page.goto(task_list)
    expect(
        page.get_by_text("The SHA reopened this self-assessment: Link evidence to competency 2, please.")
    ).to_be_visible()
