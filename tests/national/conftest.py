"""Fixtures of the national tests."""

import pytest


@pytest.fixture
def eager_celery():
    """Run tasks in-process for a test that checks what a trigger computes (a real worker is tested apart)."""
    from assurance.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


# A browser page of its own per test (until the shared browser harness is in main): Debian's chromium, closed after.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-sync", "--disable-quic", "--disable-dev-shm-usage",
]  # fmt: skip


@pytest.fixture
def page():
    from pathlib import Path

    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.skip("needs /usr/bin/chromium (bash scripts/install_chromium.sh)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser.new_page(viewport={"width": 1280, "height": 900}, locale="en-GB")
        browser.close()
