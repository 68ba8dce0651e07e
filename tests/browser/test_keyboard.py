"""Keyboard alone: a PCT contributor tabs through a competency form, fills it and submits it, seeing the focus."""

import pytest

from competencies.models import CompetencyAssessment
from tests.browser.conftest import axe_check, login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUS_VISIBLE = """el => {
  const style = getComputedStyle(el);
  return style.outlineStyle !== 'none' && style.outlineWidth !== '0px' || style.boxShadow !== 'none';
}"""


def tab_to(page, element_id: str, limit: int = 120) -> None:
    """Press Tab until the element with this id has the focus (fail if the keyboard never reaches it)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement && document.activeElement.id") == element_id:
            return
    pytest.fail(f"#{element_id} was not reached with the Tab key")


def test_competency_form_with_the_keyboard_alone(page, live_server, world_tx):
    url = f"{live_server.url}/cycles/{world_tx.cycle.code}/pcts/{world_tx.pct.code}/competencies/1/"
    login(page, live_server, "pct_contributor")
    page.goto(url)
    axe_check(page)

    level_1 = page.get_by_label("Level 1", exact=True).get_attribute("id")
    level_3 = page.get_by_label("Level 3", exact=True)
    narrative = page.get_by_label("Narrative")
    completed = page.get_by_label("Mark this as completed")
    save = page.get_by_role("button", name="Save")

    tab_to(page, level_1)  # no level chosen yet: Tab enters the radio group at its first option
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert level_3.is_checked()

    tab_to(page, narrative.get_attribute("id"))
    assert narrative.evaluate(FOCUS_VISIBLE)
    page.keyboard.type("Joint commissioning with the council is in place; the next step is pooled budgets.")

    tab_to(page, completed.get_attribute("id"))
    page.keyboard.press("Space")
    assert completed.is_checked()

    save.evaluate("b => b.id || (b.id = 'keyboard-save')")
    tab_to(page, save.get_attribute("id"))
    assert save.evaluate(FOCUS_VISIBLE)
    screenshot(page, "keyboard-competency-save-focused", full_page=False)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert "Your changes have been saved" in page.locator("main").inner_text()
    saved = CompetencyAssessment.objects.get(assessment=world_tx.assessment, competency__number=1)
    assert (saved.level, saved.completed) == (3, True)
    assert saved.narrative.startswith("Joint commissioning with the council")
    axe_check(page)
    screenshot(page, "keyboard-competency-saved")
