"""Load organisations and cycles from fixtures (idempotent: a second run changes nothing)."""

import csv
from datetime import date
from pathlib import Path

from django.db import transaction

from .choices import OrgKind
from .codes import ENGLAND_CODE
from .models import Cycle, Organisation


def _rows(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


FIELDS = ["name", "kind", "ons_code", "parent", "population", "tier", "social_care"]


def _sync(wanted: list[Organisation]) -> None:
    """Create the missing organisations and update the changed ones, in bulk (a few queries, not hundreds)."""
    existing = {o.code: o for o in Organisation.objects.filter(code__in=[w.code for w in wanted])}
    changed = []
    for w in wanted:
        current = existing.get(w.code)
        if current is None:
            continue
        w.pk = current.pk
        if any(
            getattr(current, f if f != "parent" else "parent_id") != getattr(w, f if f != "parent" else "parent_id")
            for f in FIELDS
        ):
            changed.append(w)
    Organisation.objects.bulk_create([w for w in wanted if w.pk is None])
    Organisation.objects.bulk_update(changed, FIELDS)


def _by_code(codes) -> dict[str, Organisation]:
    return {o.code: o for o in Organisation.objects.filter(code__in=list(codes))}


@transaction.atomic
def load_organisations(fixtures: Path) -> int:
    """England, the SHAs, the PCTs under their SHA, and the local authorities."""
    folder = fixtures / "organisations"
    population = {r["org_code"]: int(r["persons"]) for r in _rows(folder / "population_mid2011.csv")}
    _sync(
        [
            Organisation(
                code=ENGLAND_CODE,
                name="England",
                kind=OrgKind.ENGLAND,
                ons_code=ENGLAND_CODE,
                population=population.get(ENGLAND_CODE),
            )
        ]
    )
    england = Organisation.objects.get(code=ENGLAND_CODE)
    sha_rows = _rows(folder / "shas.csv")
    _sync(
        [
            Organisation(
                code=r["ods_code"],
                name=r["name"],
                kind=OrgKind.SHA,
                ons_code=r["ons_code"],
                parent=england,
                population=population.get(r["ods_code"]),
            )
            for r in sha_rows
        ]
    )
    shas = _by_code(r["ods_code"] for r in sha_rows)
    pcts = _rows(folder / "pcts.csv")
    _sync(
        [
            Organisation(
                code=r["ods_code"],
                name=r["name"],
                kind=OrgKind.PCT,
                ons_code=r["ons_code"],
                parent=shas[r["sha_ods_code"]],
                population=population.get(r["ods_code"]),
            )
            for r in pcts
        ]
    )
    councils = _rows(folder / "local_authorities.csv")
    _sync(
        [
            Organisation(
                code=r["ons_code"],
                name=r["name"],
                kind=OrgKind.LA,
                ons_code=r["ons_code"],
                parent=england,
                tier=r["tier"],
                social_care=r["social_care"] == "yes",
            )
            for r in councils
        ]
    )
    return 1 + len(sha_rows) + len(pcts) + len(councils)


@transaction.atomic
def load_cycles(fixtures: Path) -> int:
    """The assurance cycles and their framework rules."""
    rows = _rows(fixtures / "framework" / "cycles.csv")
    for r in rows:
        Cycle.objects.update_or_create(
            code=r["code"],
            defaults={
                "name": r["name"],
                "start_date": date.fromisoformat(r["start_date"]),
                "end_date": date.fromisoformat(r["end_date"]),
                "submission_deadline": date.fromisoformat(r["submission_deadline"])
                if r["submission_deadline"]
                else None,
                "previous": Cycle.objects.filter(code=r["previous"]).first() if r["previous"] else None,
                "max_outcomes": int(r["max_outcomes"]),
                "required_outcome_groups": [g for g in r["required_outcome_groups"].split(";") if g],
                "may_publish": r["may_publish"] == "yes",
                "framework_notes": r["framework_notes"],
            },
        )
    return len(rows)


def load(fixtures: Path) -> str:
    """Load everything this app owns; return a summary line."""
    organisations, cycles = load_organisations(fixtures), load_cycles(fixtures)
    return f"{organisations} organisations, {cycles} cycles"
