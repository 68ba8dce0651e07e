"""Load each cycle's governance areas from fixtures (idempotent)."""

import csv
from pathlib import Path

from assurance.models import Cycle

from .models import GovernanceArea


def load(fixtures: Path) -> str:
    """Create or update the governance areas of every cycle named in the fixture."""
    cycles = {c.code: c for c in Cycle.objects.all()}
    with open(fixtures / "framework" / "governance.csv", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["cycle"] in cycles]
    for order, row in enumerate(rows):
        GovernanceArea.objects.update_or_create(
            cycle=cycles[row["cycle"]],
            area=row["area"],
            item=row["item"],
            defaults={"evidence": row["evidence"], "order": order},
        )
    return f"{len(rows)} governance areas"
