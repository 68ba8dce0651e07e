"""Load each cycle's competencies and level descriptors from fixtures (idempotent)."""

import csv
from pathlib import Path

from assurance.models import Cycle

from .models import Competency, LevelDescriptor

RATED_COLUMN = {"2008-09": "rated_in_2008_09", "2009-10": "rated_in_2009_10"}


def load(fixtures: Path) -> str:
    """Create or update competencies for every cycle that rates them; return a summary line."""
    with open(fixtures / "framework" / "competencies.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    with open(fixtures / "framework" / "level_descriptors.csv", newline="") as fh:
        descriptors = list(csv.DictReader(fh))
    count = 0
    for cycle in Cycle.objects.filter(code__in=RATED_COLUMN):
        for row in rows:
            if not row[RATED_COLUMN[cycle.code]].startswith("yes"):
                continue
            competency, _ = Competency.objects.update_or_create(
                cycle=cycle,
                number=int(row["number"]),
                defaults={
                    "short_name": row["short_name"],
                    "title": row["title"],
                    "description": row["description"],
                    "partner_feedback": cycle.code in row.get("partner_feedback_in", "").split(";"),
                    "holds_joint_needs_assessment": row.get("holds_joint_needs_assessment") == "yes",
                },
            )
            count += 1
            for d in descriptors:
                if int(d["competency_number"]) == competency.number:
                    LevelDescriptor.objects.update_or_create(
                        competency=competency,
                        level=int(d["level"]),
                        defaults={"text": d["descriptor"], "illustrative": d["illustrative"] == "yes"},
                    )
    return f"{count} competencies"
