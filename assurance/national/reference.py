"""Peer-group measures of every PCT: real population, and synthetic deprivation, age structure and rurality.

Deprivation, the share aged 65 and over and the share living in rural areas are not in the app's open data, so
they are generated: plausible ranges, shaped a little by region and size, from a fixed seed per PCT code, so every
load gives the same values. Each is stored with `synthetic=True` and the report card says so.
"""

import zlib
from pathlib import Path

import numpy as np
from django.db import transaction

from assurance.models import Organisation

from .choices import MEASURES
from .models import PeerMeasure

SEED = 20091

# Regional leanings for the synthetic values: (deprivation mean, aged 65+ mean %, rurality mean %).
REGION = {
    "Q30": (30.0, 17.0, 18.0),  # North East
    "Q31": (29.0, 16.0, 12.0),  # North West
    "Q32": (25.0, 16.5, 18.0),  # Yorkshire and the Humber
    "Q33": (20.0, 17.0, 28.0),  # East Midlands
    "Q34": (25.0, 16.5, 18.0),  # West Midlands
    "Q35": (15.0, 17.5, 32.0),  # East of England
    "Q36": (28.0, 11.0, 0.5),  # London
    "Q37": (16.0, 18.5, 22.0),  # South East Coast
    "Q38": (13.0, 16.5, 25.0),  # South Central
    "Q39": (17.0, 20.0, 35.0),  # South West
}


def synthetic_values(code: str, sha_code: str, population: int | None) -> dict[str, float]:
    """The synthetic measures of one PCT, from a seed fixed by its code (the same on every load)."""
    rng = np.random.default_rng([SEED, zlib.crc32(code.encode())])
    deprivation, aged, rural = REGION.get(sha_code, (20.0, 16.5, 20.0))
    size = np.log((population or 300_000) / 300_000)  # bigger places: more urban, a little younger
    return {
        "deprivation": round(float(np.clip(rng.normal(deprivation, 7.0), 5.0, 50.0)), 1),
        "aged_65_plus": round(float(np.clip(rng.normal(aged - 1.5 * size, 2.0), 7.0, 27.0)), 1),
        "rurality": round(float(np.clip(rng.normal(rural - 12.0 * size, 10.0), 0.0, 75.0)), 1),
    }


@transaction.atomic
def load_measures() -> int:
    """Store the measures of every PCT (idempotent: values come from fixed seeds)."""
    rows = []
    for pct in Organisation.objects.pcts().select_related("parent"):
        values = synthetic_values(pct.code, pct.parent.code if pct.parent else "", pct.population)
        if pct.population:
            values["population"] = float(pct.population)
        synthetic = {m.code: m.synthetic for m in MEASURES}
        rows += [PeerMeasure(organisation=pct, measure=k, value=v, synthetic=synthetic[k]) for k, v in values.items()]
    PeerMeasure.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["organisation", "measure"], update_fields=["value", "synthetic"]
    )
    return len(rows)


def load(fixtures: Path) -> str:
    """Load the peer measures; return a summary line."""
    return f"{load_measures()} peer measures (deprivation, age and rurality synthetic)"
