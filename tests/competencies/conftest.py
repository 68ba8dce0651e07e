"""Evidence files of each test go to the test's own directory, which pytest removes."""

import pytest


@pytest.fixture(autouse=True)
def _evidence_root(settings, tmp_path):
    settings.EVIDENCE_ROOT = tmp_path / "evidence"
