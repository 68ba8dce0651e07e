"""The API docs page renders every operation under the product's own strict Content Security Policy (issue 14
item 11: it was blank, its inline script and style blocked)."""

import pytest
from django.test import Client

from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _operations() -> list[tuple[str, str]]:
    schema = Client().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    return [(method.upper(), path) for path, item in schema["paths"].items() for method in item]


def test_the_api_docs_show_every_operation_under_the_strict_policy(page, live_server, world_tx):
    blocked = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda e: blocked.append(str(e)))
    response = page.goto(f"{live_server.url}/api/docs/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy
    page.locator(".opblock").first.wait_for()
    operations = _operations()
    assert page.locator(".opblock").count() == len(operations)
    for method, path in operations:
        block = page.locator(f".opblock-summary-path[data-path='{path}']")
        assert block.count() == 1, (method, path)
    assert page.get_by_text("Commissioning assurance API").first.is_visible()
    assert not blocked, blocked
    screenshot(page, "api-docs")
