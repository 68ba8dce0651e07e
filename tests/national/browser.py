"""Sign-in, axe and screenshots for the national browser tests (as the shared browser harness does)."""

from pathlib import Path

from django.conf import settings

from tests.personas import PASSWORD

AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCREENSHOTS = Path(settings.BASE_DIR) / "screenshots"


def login(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def axe_check(page) -> None:
    """Fail on any serious or critical axe violation; axe is evaluated, not injected, so the page's CSP holds."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    failing = [v for v in result["violations"] if v["impact"] in {"serious", "critical"}]
    assert not failing, "\n".join(f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes'][:3]]}" for v in failing)


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
