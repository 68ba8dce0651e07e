"""Reading and checking partnership files: pure, no database (the same all-or-nothing rules as indicator imports).

``read_csv`` turns an uploaded file into rows of text, ``validate`` lists every problem by spreadsheet row and
column, and ``clean`` types the rows of a file that passed. A bad file is refused whole by the caller.
"""

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from assurance.cleantext import control_problem, printable
from assurance.importing import RowError

COLUMNS = ["pct_ods_code", "council_ons_code", "population_share", "coterminous"]
YES, NO = {"yes", "y", "true", "1"}, {"no", "n", "false", "0", ""}
FIRST_DATA_ROW = 2  # a spreadsheet's row 1 is the header
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class PartnershipRow:
    """One typed row of a file that passed validation."""

    pct: str
    council: str
    population_share: Decimal
    coterminous: bool


def read_csv(file_bytes: bytes) -> tuple[list[dict], list[RowError]]:
    """Return the file's rows as dicts of stripped text, or no rows and the reason it could not be read."""
    try:
        text = file_bytes.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [RowError(None, None, "File is not UTF-8 encoded")]
    if not text.strip():
        return [], [RowError(None, None, "File is empty")]
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [RowError(None, column, f"Missing column '{column}'") for column in COLUMNS if column not in header]
    reader.fieldnames = header
    rows = [{key: (value or "").strip() for key, value in row.items() if key} for row in reader]
    return rows, missing


def _share(text: str) -> Decimal | None:
    """Return a share as a Decimal, or None when it is not a finite number."""
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _row_errors(row: dict, line: int, pct_codes: set[str], councils: dict[str, bool]) -> list[RowError]:
    """Return the problems of one row on its own."""
    errors = [
        RowError(line, column, problem)
        for column in COLUMNS
        if (problem := control_problem(row.get(column, ""))) is not None
    ]
    pct, council = row.get("pct_ods_code", ""), row.get("council_ons_code", "")
    if pct not in pct_codes:
        errors.append(RowError(line, "pct_ods_code", f"Unknown PCT code '{pct}'" if pct else "PCT code is missing"))
    if council not in councils:
        message = f"Unknown council code '{council}'" if council else "Council code is missing"
        errors.append(RowError(line, "council_ons_code", message))
    elif not councils[council]:
        errors.append(RowError(line, "council_ons_code", f"'{council}' is not an upper-tier council with social care"))
    share = _share(row.get("population_share", ""))
    if share is None or not 0 <= share <= HUNDRED:
        text = row.get("population_share", "")
        errors.append(RowError(line, "population_share", f"Share '{text}' is not a number from 0 to 100"))
    if row.get("coterminous", "").lower() not in YES | NO:
        errors.append(RowError(line, "coterminous", f"Coterminous '{row.get('coterminous')}' is not yes or no"))
    return errors


def validate(
    rows: list[dict],
    *,
    pct_codes: set[str],
    councils: dict[str, bool],
    existing: dict[tuple[str, str], Decimal] | None = None,
) -> list[RowError]:
    """Return every problem by row and column; empty when the file can be imported.

    `councils` maps each local authority's ONS code to whether it is upper tier with social care. `existing` holds
    the stored shares, so that a PCT's total counts the partnerships the file does not mention.
    """
    if not rows:
        return [RowError(None, None, "File has no partnership rows")]
    errors: list[RowError] = []
    seen: dict[tuple[str, str], int] = {}  # (PCT, council) -> the line it first stood on
    totals: dict[str, Decimal] = {}
    for position, row in enumerate(rows):
        line = position + FIRST_DATA_ROW
        errors += _row_errors(row, line, pct_codes, councils)
        pair = (row.get("pct_ods_code", ""), row.get("council_ons_code", ""))
        if pair in seen:
            errors.append(RowError(line, "council_ons_code", f"Repeats row {seen[pair]} ({pair[0]}, {pair[1]})"))
        seen.setdefault(pair, line)
        share = _share(row.get("population_share", ""))
        if share is not None and 0 <= share <= HUNDRED:  # a share out of range is reported once, on its own
            totals[pair[0]] = totals.get(pair[0], Decimal(0)) + share
    for (pct, council), share in (existing or {}).items():
        if (pct, council) not in seen and pct in totals:
            totals[pct] += share
    for pct, total in totals.items():
        if total > HUNDRED:
            last = max(line for (code, _), line in seen.items() if code == pct)
            errors.append(RowError(last, "population_share", f"Shares of PCT {pct} add up to {total}, over 100"))
    errors = [RowError(e.row, e.column, printable(e.message)) for e in errors]
    return sorted(errors, key=lambda e: (e.row or 0, COLUMNS.index(e.column) if e.column in COLUMNS else 9))


def clean(rows: list[dict]) -> list[PartnershipRow]:
    """Return the typed rows of a validated file."""
    return [
        PartnershipRow(
            pct=row["pct_ods_code"],
            council=row["council_ons_code"],
            population_share=Decimal(row["population_share"]).quantize(Decimal("0.1")),
            coterminous=row["coterminous"].lower() in YES,
        )
        for row in rows
    ]
