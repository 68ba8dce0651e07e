"""Writes of partnerships between PCTs and councils: the import and the reference load."""

from pathlib import Path

from django.db import transaction

from assurance.choices import OrgKind
from assurance.importing import ImportResult, first_problems
from assurance.models import Organisation, Partnership

from . import importing as partnership_import


def _known_codes() -> tuple[set[str], dict[str, bool]]:
    pct_codes = set(Organisation.objects.filter(kind=OrgKind.PCT).values_list("code", flat=True))
    councils = dict(Organisation.objects.filter(kind=OrgKind.LA).values_list("code", "social_care"))
    return pct_codes, councils


@transaction.atomic
def partnerships_import(*, file_bytes: bytes) -> ImportResult:
    """Import a partnerships CSV whole, or write nothing and list every problem by row and column."""
    rows, errors = partnership_import.read_csv(file_bytes)
    if errors:
        return ImportResult(errors=first_problems(errors))
    pct_codes, councils = _known_codes()
    stored = {
        (p.pct.code, p.council.code): p
        for p in Partnership.objects.select_related("pct", "council").select_for_update()
    }
    existing = {pair: p.population_share for pair, p in stored.items()}
    errors = partnership_import.validate(rows, pct_codes=pct_codes, councils=councils, existing=existing)
    if errors:
        return ImportResult(errors=first_problems(errors))
    return _store(partnership_import.clean(rows), stored)


def _store(rows: list, stored: dict) -> ImportResult:
    """Create the new pairs, update the changed ones, count the rest."""
    orgs = {o.code: o for o in Organisation.objects.filter(code__in={r.pct for r in rows} | {r.council for r in rows})}
    result = ImportResult()
    for row in rows:
        current = stored.get((row.pct, row.council))
        if current is None:
            Partnership.objects.create(
                pct=orgs[row.pct],
                council=orgs[row.council],
                population_share=row.population_share,
                coterminous=row.coterminous,
            )
            result.created += 1
        elif (current.population_share, current.coterminous) != (row.population_share, row.coterminous):
            current.population_share, current.coterminous = row.population_share, row.coterminous
            current.save(update_fields=["population_share", "coterminous"])
            result.updated += 1
        else:
            result.unchanged += 1
    return result


def load_reference(fixtures: Path) -> ImportResult:
    """Load fixtures/partnerships.csv (idempotent); a refused file is an error in the fixtures."""
    result = partnerships_import(file_bytes=(fixtures / "partnerships.csv").read_bytes())
    if result.errors:
        raise ValueError("fixtures/partnerships.csv: " + "; ".join(str(e) for e in result.errors[:5]))
    return result
