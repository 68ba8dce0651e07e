"""Shared fixtures for browser tests: Debian chromium under pytest-playwright, sign-in, axe and screenshots.

tests/conftest.py imports the two launch fixtures, so pytest-playwright's `page` drives Debian chromium in every
test folder, not only this one. Use with pytest-django's `live_server` and the `world_tx` fixture (the live server
needs committed data):

    from tests.browser.conftest import axe_check, login, screenshot

    @pytest.mark.browser
    @pytest.mark.django_db(transaction=True)
    def test_something(page, live_server, world_tx):
        login(page, live_server, "pct_lead")
        axe_check(page)
        screenshot(page, "pct-home")

Accessibility: axe-core (node_modules/axe-core, pinned in package.json) runs on the page as served, under the
page's own strict Content Security Policy. It is loaded with `page.evaluate(<file contents>)`: code evaluated
through the DevTools protocol is not subject to CSP, whereas `page.add_script_tag` inserts an inline <script>
that the policy blocks. So nothing about the page is relaxed for the check (no `bypass_csp`).
"""

from pathlib import Path

import pytest
from django.conf import settings

from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.personas import PASSWORD

AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_FAILING_IMPACTS = {"serious", "critical"}
SCREENSHOTS = Path(settings.BASE_DIR) / "screenshots"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Drive Debian's chromium (never `playwright install`)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `bash scripts/install_chromium.sh` (make test does)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A desktop-sized window in British English; each test gets a fresh context (no shared cookies)."""
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900}, "locale": "en-GB"}


def login(page, live_server, username: str, password: str = PASSWORD) -> None:
    """Sign in through the real sign-in form (as a new visitor) and wait for the page it leads to."""
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


def axe_violations(page, tags=AXE_TAGS) -> list[dict]:
    """Run axe-core on the current page and return every violation (all impacts)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        tags,
    )
    return result["violations"]


def axe_check(page, tags=AXE_TAGS) -> list[dict]:
    """Fail on any axe violation of serious or critical impact; return the lesser ones for the test to judge."""
    violations = axe_violations(page, tags)
    failing = [v for v in violations if v["impact"] in AXE_FAILING_IMPACTS]
    assert not failing, f"axe on {page.url}:\n" + "\n".join(_describe(v) for v in failing)
    return [v for v in violations if v["impact"] not in AXE_FAILING_IMPACTS]


def _describe(violation: dict) -> str:
    targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
    return f"- [{violation['impact']}] {violation['id']}: {violation['help']} ({targets})"


def screenshot(page, name: str, full_page: bool = True) -> Path:
    """Save a PNG of the page to screenshots/<name>.png (gitignored) for a person to look at."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
