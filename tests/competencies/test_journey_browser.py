"""The self-assessment journey in a real browser (Debian chromium): contributor fills, lead submits, SHA reopens."""

from pathlib import Path

import pytest
from django.db import connections
from playwright.sync_api import expect

from assurance.choices import State
from assurance.models import Assessment
from evidence.models import Evidence
from tests.browser.conftest import axe_check, login
from tests.browser.conftest import screenshot as shoot
from tests.competencies.helpers import complete_self_assessment


@pytest.fixture
def browser_page(page):
    """The shared chromium page (tests/browser/conftest.py): one Playwright per session, so no second one here."""
    return page


def fill_competency(page, number: int, level: int, narrative: str) -> None:
    page.get_by_role("link", name=f"{number}. ", exact=False).first.click()
    page.get_by_label(f"Level {level}", exact=True).check()
    page.get_by_label("Narrative").fill(narrative)
    page.get_by_label("Mark this as completed").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your changes have been saved.")).to_be_visible()


def upload(page, title: str, content: bytes, dated: str, supports: str) -> None:
    """Upload a plain-text document on the evidence page, supporting the competency whose label starts `supports`."""
    page.get_by_label("Title").fill(title)
    page.get_by_label("Document", exact=True).set_input_files(
        {"name": "minutes.txt", "mimeType": "text/plain", "buffer": content}
    )
    page.get_by_label("Date of the document").fill(dated)
    page.get_by_label(supports).check()
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_text(f"{title} has been uploaded.")).to_be_visible()


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
    axe_check(page)
    page.get_by_role("link", name="1. Locally lead the NHS").click()
    page.get_by_label("Level 2", exact=True).check()
    page.get_by_label("Mark this as completed").check()
    page.get_by_role("button", name="Save").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Give the narrative before marking this as completed")
    expect(page.get_by_label("Level 2", exact=True)).to_be_checked()  # nothing typed is lost
    shoot(page, "selfassess-competency-error")
    axe_check(page)
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
    upload(page, "Board minutes, March 2009", b"Minutes of the board, 26 March 2009.\n", "26/3/2009", "1. Locally lead")
    document = Evidence.objects.get(assessment=world.assessment)
    assert Path(document.file.path).read_bytes() == b"Minutes of the board, 26 March 2009.\n"
    assert list(document.competencies.values_list("number", flat=True)) == [1]
    assert "Submit self-assessment" not in page.content()  # contributors do not submit

    # A document uploaded by mistake is removed after a confirmation that says what it supports.
    upload(page, "Wrong file", b"Not the minutes.\n", "1/4/2009", "2. Work with community")
    wrong = Evidence.objects.get(assessment=world.assessment, title="Wrong file")
    page.get_by_role("link", name="Remove Wrong file").click()
    expect(page.get_by_role("heading", name="Remove Wrong file?")).to_be_visible()
    expect(page.locator(".govuk-summary-list")).to_contain_text("Competency 2: Work with community partners")
    shoot(page, "selfassess-evidence-remove")
    axe_check(page)
    page.get_by_role("button", name="Remove the document").click()
    expect(page.get_by_text("Wrong file has been removed.")).to_be_visible()
    assert list(Evidence.objects.filter(assessment=world.assessment).values_list("title", flat=True)) == [
        "Board minutes, March 2009"
    ]
    assert not Path(wrong.file.path).exists()

    # The rest is completed through the services; the lead submits in the browser.
    complete_self_assessment(world.assessment, world.users["pct_lead"])
    login(page, live_server, "pct_lead")
    page.goto(task_list)
    page.get_by_role("link", name="Check and submit the self-assessment").click()
    expect(page.get_by_role("heading", name="Check your answers before submitting")).to_be_visible()
    expect(page.locator("[data-section=Competencies]")).to_contain_text("Level")
    shoot(page, "selfassess-check-answers")
    axe_check(page)
    page.get_by_role("button", name="Accept and submit").click()
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
