"""In a real browser: a refused import's page lists its first problems and counts the rest, axe-clean; a failed
one says so with its message."""

import pytest

from outcomes.choices import ImportStatus
from outcomes.models import ImportJob
from tests.browser.conftest import axe_check, login, screenshot


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_refused_and_failed_import_pages_are_accessible(page, live_server, world_tx):
    errors = [{"row": i + 2, "column": "value", "message": f"'x{i}' is not a number"} for i in range(300)]
    refused = ImportJob.objects.create(
        file_name="big.csv", content=b"", status=ImportStatus.REFUSED, errors=errors, problem_count=9000
    )
    failed = ImportJob.objects.create(
        file_name="broken.csv", content=b"", status=ImportStatus.FAILED, problem_count=1,
        errors=[{"row": None, "column": None, "message": "The import stopped with an unexpected error."}],
    )  # fmt: skip
    login(page, live_server, "dh_analyst")
    page.goto(f"{live_server.url}/indicator-data/imports/{refused.pk}/")
    assert page.get_by_text("9000 problems: the first 300 are listed below").is_visible()
    assert page.get_by_text("and 8700 more problems, not listed").is_visible()
    axe_check(page)
    screenshot(page, "import-refused")
    page.goto(f"{live_server.url}/indicator-data/imports/{failed.pk}/")
    assert page.get_by_text("The import failed: nothing was imported").is_visible()
    axe_check(page)
    page.goto(f"{live_server.url}/indicator-data/imports/new/")
    assert page.get_by_role("link", name="big.csv").is_visible()
    axe_check(page)
