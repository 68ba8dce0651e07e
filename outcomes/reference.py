"""Load the indicator library from fixtures/indicators.csv (idempotent: a second run changes nothing)."""

import csv
from pathlib import Path

from django.db import transaction

from .models import Indicator

REAL_SOURCE = "HSCIC, Hospital Episode Statistics"


def _row_fields(row: dict) -> dict:
    """The model fields of one CSV row."""
    approx = row.get("approx_england_value", "").strip()
    multiplier = row.get("multiplier", "").strip()
    real = bool(row.get("real_values", "").strip())
    return {
        "name": row["name"].strip(),
        "unit": row["unit"].strip(),
        "polarity": row["polarity"].strip(),
        "data_pack_area": row["data_pack_area"].strip(),
        "org_types": row["org_types"].strip(),
        "outcome_group": row["outcome_group"].strip(),
        "linked_national_indicator": row["linked_national_indicator"].strip(),
        "approx_england_value": float(approx) if approx else None,
        "has_real_data": real,
        "source": row.get("source", "").strip() or (REAL_SOURCE if real else ""),
        "value_type": row.get("value_type", "").strip(),
        "definition": row.get("definition", "").strip(),
        "numerator_definition": row.get("numerator", "").strip(),
        "denominator_definition": row.get("denominator", "").strip(),
        "multiplier": float(multiplier) if multiplier else None,
        "interval_method": row.get("interval_method", "").strip(),
        "caveats": row.get("caveats", "").strip(),
    }


@transaction.atomic
def load(fixtures: Path) -> str:
    """Create missing indicators and bring changed ones back to the fixture's definition."""
    with open(Path(fixtures) / "indicators.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    existing = {i.code: i for i in Indicator.objects.all()}
    created, changed = [], []
    for row in rows:
        fields = _row_fields(row)
        current = existing.get(row["code"])
        if current is None:
            created.append(Indicator(code=row["code"], **fields))
        elif any(getattr(current, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(current, name, value)
            changed.append(current)
    Indicator.objects.bulk_create(created)
    if changed:
        Indicator.objects.bulk_update(changed, list(_row_fields(rows[0])))
    return f"{len(rows)} indicators ({len(created)} new, {len(changed)} updated)"
