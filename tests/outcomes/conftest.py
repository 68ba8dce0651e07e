"""Fixtures of the outcomes tests: values imported through the importer and scorecards computed from them."""

import pytest

from outcomes import services
from tests.outcomes import data

# Eleven indicators, so that an 11th outcome can be tried; both required groups are among them.
ELEVEN = [
    "LE_BIRTH_M", "LE_BIRTH_F", "LE_SII_M", "LE_SII_F", "MORT_ALL_AGE", "MORT_CVD_U75", "MORT_CANCER_U75",
    "INFANT_MORT", "SMOKING_QUITTERS", "TEEN_CONCEPTIONS", "BREASTFEEDING_INIT",
]  # fmt: skip


def load_values(pct_count: int = 6, indicators=ELEVEN) -> services.ImportResult:
    """Import values for the first PCTs and compute the scorecards, as an import and its task would."""
    rows = data.value_rows(data.pct_codes(pct_count), indicators=indicators)
    result = services.import_values(data.csv_text(rows), "values.csv", recompute=False)
    assert not result.refused, result.errors
    services.scorecards_compute()
    return result


@pytest.fixture
def scored(world):
    """The world with values for six PCTs (the personas' three among them) and computed scorecards."""
    load_values()
    return world
