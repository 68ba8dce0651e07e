"""In a real browser: a PCT lead chooses outcomes, sets a trajectory and sees the scorecard with its charts."""

from pathlib import Path

import pytest
from django.conf import settings

from tests.outcomes.conftest import load_values
from tests.personas import PASSWORD

SCREENSHOTS = Path(settings.BASE_DIR) / "screenshots"
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"


def _serious_axe_violations(page) -> list[str]:
    page.evaluate(AXE.read_text(encoding="utf-8"))  # evaluated through DevTools, so the page's CSP stays strict
    result = page.evaluate("() => axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']})")
    return [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_pct_lead_chooses_outcomes_and_sees_the_scorecard(page, live_server, world_tx):
    load_values(pct_count=8)
    errors, console = [], []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: console.append(message.text) if message.type == "error" else None)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("pct_lead")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}/cycles/2009-10/pcts/5NT/outcomes/")

    # Without a health-inequalities indicator the choice is refused, with the message in the error summary.
    page.get_by_label("Life expectancy at birth, males", exact=True).check()
    page.get_by_label("Mortality from all circulatory diseases, under 75, directly standardised rate").check()
    page.get_by_role("button", name="Save outcomes").click()
    assert "Choose at least one health inequalities indicator" in page.locator(".govuk-error-summary").inner_text()

    page.get_by_label("Slope index of inequality in life expectancy at birth, males").check()
    page.get_by_role("button", name="Save outcomes").click()
    assert "Your priority outcomes have been saved" in page.content()

    page.get_by_role("link", name="Set trajectory for Mortality from all circulatory diseases").click()
    for i, year in enumerate(["2009-10", "2010-11", "2011-12", "2012-13", "2013-14"]):
        page.get_by_label(f"Aim for {year}").fill(str(80 - 2 * i))
    page.get_by_role("button", name="Save outcome").click()
    assert "Trajectory for Mortality from all circulatory diseases" in page.content()

    page.get_by_role("link", name="Scorecard").first.click()
    page.wait_for_selector("[data-chart] svg.main-svg")
    assert page.locator("[data-chart] svg.main-svg").count() >= 3 * 2  # each chart draws its layers
    assert page.get_by_role("heading", name="Mortality from all circulatory diseases").is_visible()
    assert page.locator("text=Trajectory (aim)").count() >= 1
    assert errors == []
    assert _serious_axe_violations(page) == []
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "outcomes-scorecard-browser-test.png", full_page=True)

    page.goto(f"{live_server.url}/organisations/5NT/data-pack/?area=Outcomes+and+vital+signs")
    page.wait_for_selector("[data-chart] svg.main-svg")
    assert _serious_axe_violations(page) == []
    page.screenshot(path=SCREENSHOTS / "outcomes-data-pack-browser-test.png", full_page=True)
    # Plotly's styles come from a stylesheet, so the Content-Security-Policy refuses nothing on either page.
    assert [text for text in console if "Content Security Policy" in text] == []
