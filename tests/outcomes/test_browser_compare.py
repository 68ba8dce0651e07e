"""In a real browser: compare areas reached from a scorecard row, the SHA overview from the SHA's home page."""

import pytest

from outcomes import services
from tests.outcomes.conftest import load_values
from tests.outcomes.test_browser import SCREENSHOTS, _serious_axe_violations
from tests.personas import PASSWORD

INDICATORS = ["LE_BIRTH_M", "LE_SII_M", "BREASTFEEDING_INIT", "MORT_CVD_U75"]


def _sign_in(page, live_server, username: str):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_pct_lead_compares_all_pcts_from_a_scorecard_row(page, live_server, world_tx):
    load_values(pct_count=12, indicators=INDICATORS)
    services.outcomes_choose(
        assessment=world_tx.assessment, indicators=list(services.Indicator.objects.filter(code__in=INDICATORS)),
        by=world_tx.users["pct_lead"], fingerprint=services.outcomes_fingerprint(world_tx.assessment),
    )  # fmt: skip
    errors, console = [], []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: console.append(message.text) if message.type == "error" else None)
    _sign_in(page, live_server, "pct_lead")
    page.goto(f"{live_server.url}/cycles/2009-10/pcts/5NT/scorecard/")
    page.get_by_role("link", name="Compare all PCTs on Breastfeeding initiation, % of maternities").click()

    assert page.get_by_role("heading", level=1).inner_text().startswith("Breastfeeding initiation")
    page.wait_for_selector("[data-chart='compare-chart'] svg.main-svg")
    page.wait_for_selector("[data-chart='funnel-chart'] svg.main-svg")
    rows = page.locator("#compare-table tbody tr")
    assert rows.count() >= 2  # the North West PCTs among the twelve with values
    selected = page.locator("#compare-table tr.app-row--highlight")
    assert selected.count() == 1 and "Manchester PCT" in selected.inner_text()
    assert "Rank" not in page.locator("#compare-table thead").inner_text()
    assert page.locator("text=95% limits").count() >= 1
    assert errors == []
    assert [text for text in console if "Content Security Policy" in text] == []
    assert _serious_axe_violations(page) == []
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "outcomes-compare-sha-browser-test.png", full_page=True)

    # The whole of England: the scope select keeps the indicator and period.
    page.get_by_label("Areas").select_option("")
    page.get_by_role("button", name="Compare").click()
    page.wait_for_selector("[data-chart='compare-chart'] svg.main-svg")
    assert page.locator("#compare-table tbody tr").count() == 12
    assert "all PCTs in England" in page.get_by_role("heading", level=1).inner_text()

    # Its definition is one link away.
    page.get_by_role("link", name="What this indicator measures").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Breastfeeding initiation, % of maternities"
    assert "Maternities" in page.content() and "Wilson score" in page.content()
    assert _serious_axe_violations(page) == []
    page.screenshot(path=SCREENSHOTS / "outcomes-indicator-browser-test.png", full_page=True)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_sha_lead_opens_the_overview_from_the_sha_home_page(page, live_server, world_tx):
    load_values(pct_count=30, indicators=INDICATORS)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    _sign_in(page, live_server, "sha_lead")
    page.get_by_role("link", name="Overview: every indicator for each PCT in NHS North West").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Overview: PCTs in NHS North West"
    table = page.get_by_role("table", name="Indicators for the")
    assert table.is_visible()
    assert page.get_by_role("columnheader", name="Manchester PCT").count() == 1
    row = page.get_by_role("row", name="Breastfeeding initiation")
    assert row.locator("td.app-cmp").count() >= 1
    words = row.locator(".app-cmp__word").all_inner_texts()
    assert words and set(words) <= {"better than England", "similar to England", "worse than England", "not tested"}
    assert _serious_axe_violations(page) == []
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "outcomes-overview-browser-test.png", full_page=True)

    # A keyboard user reaches a cell and opens compare areas for that indicator and SHA.
    first = row.locator("td.app-cmp a").first
    first.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-chart='compare-chart'] svg.main-svg")
    assert "PCTs in NHS North West" in page.get_by_role("heading", level=1).inner_text()
    assert page.locator("#compare-table tr.app-row--highlight").count() == 1
    assert errors == []
