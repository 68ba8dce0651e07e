"""Reading and checking indicator-value files (docs/outcomes.md, "Importing values"): pure, no database.

``read_table`` turns an uploaded CSV or Excel file into text columns, ``validate`` lists every problem by
spreadsheet row and column, and ``clean`` types a file that passed. A bad file is refused whole by the caller.
"""

import io
import math

import numpy as np
import pandas as pd

from assurance.importing import RowError
from outcomes.periods import ROLLING, period_kind, period_start_year

REQUIRED = ["indicator_code", "org_code", "period", "value"]
OPTIONAL = ["numerator", "denominator", "lower_ci", "upper_ci"]
NUMERIC = ["value", *OPTIONAL]
CODES = ["indicator_code", "org_code", "period"]
FIRST_DATA_ROW = 2  # a spreadsheet's row 1 is the header


def read_table(file_bytes: bytes, filename: str) -> tuple[pd.DataFrame | None, list[RowError]]:
    """Return the file's cells as text (blank = ""), or None and the reason it could not be read."""
    name = filename.lower()
    if name.endswith(".csv"):
        return _read_csv(file_bytes)
    if name.endswith(".xlsx"):
        return _read_excel(file_bytes)
    return None, [RowError(None, None, f"File '{filename}' is not a CSV (.csv) or Excel (.xlsx) file")]


def _read_csv(file_bytes: bytes) -> tuple[pd.DataFrame | None, list[RowError]]:
    """Return a UTF-8 CSV's cells as text; utf-8-sig drops the byte-order mark Excel writes."""
    try:
        text = file_bytes.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [RowError(None, None, "File is not UTF-8 encoded")]
    if not text.strip():
        return None, [RowError(None, None, "File is empty")]
    try:
        df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, skip_blank_lines=True)
    except (pd.errors.ParserError, ValueError) as error:
        return None, [RowError(None, None, f"File is not a readable CSV: {error}")]
    return _tidy_header(df), []


def _read_excel(file_bytes: bytes) -> tuple[pd.DataFrame | None, list[RowError]]:
    """Return the first worksheet's cells as text."""
    try:
        df = pd.read_excel(io.BytesIO(file_bytes), sheet_name=0, dtype=object, engine="openpyxl")
    except Exception as error:  # openpyxl raises many types (zip, XML, key errors) for a damaged file
        return None, [RowError(None, None, f"File is not a readable Excel workbook: {error}")]
    return _tidy_header(df.map(_cell_text)), []


def _cell_text(cell: object) -> str:
    """Return an Excel cell as the text a person sees (whole numbers without ".0")."""
    if cell is None or (isinstance(cell, float) and math.isnan(cell)):
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def _tidy_header(df: pd.DataFrame) -> pd.DataFrame:
    """Return df with header names stripped of surrounding spaces and a fresh 0-based index."""
    df.columns = [str(column).strip() for column in df.columns]
    return df.reset_index(drop=True)


def validate(df: pd.DataFrame, *, indicator_codes: set[str], org_codes: set[str]) -> list[RowError]:
    """Return every problem in the file by spreadsheet row and column; empty when it can be imported."""
    errors = [RowError(None, column, f"Missing column '{column}'") for column in REQUIRED if column not in df]
    text = {column: _stripped(df[column]) for column in [*REQUIRED, *OPTIONAL] if column in df}
    errors += _code_errors(text.get("indicator_code"), "indicator_code", indicator_codes, "indicator code")
    errors += _code_errors(text.get("org_code"), "org_code", org_codes, "organisation code")
    errors += _period_errors(text.get("period"))
    errors += _mixed_period_errors(text.get("indicator_code"), text.get("period"))
    numbers = {column: _numbers(text[column]) for column in NUMERIC if column in text}
    errors += _number_errors(text, numbers)
    errors += _denominator_errors(numbers.get("denominator"))
    errors += _interval_errors(text, numbers)
    errors += _duplicate_errors(text)
    order = {column: position for position, column in enumerate([*REQUIRED, *OPTIONAL])}
    return sorted(errors, key=lambda e: (e.row or 0, order.get(e.column or "", len(order)), e.message))


def clean(df: pd.DataFrame) -> pd.DataFrame:
    """Return a validated file typed for storing: stripped text codes and float numbers (NaN = blank)."""
    out = pd.DataFrame(index=df.index)
    for column in CODES:
        out[column] = _stripped(df[column])
    for column in NUMERIC:
        out[column] = _numbers(_stripped(df[column])) if column in df else np.nan
    return out.reset_index(drop=True)


def _stripped(column: pd.Series) -> pd.Series:
    """Return a column as text without surrounding spaces (missing cells become "")."""
    return column.fillna("").astype(str).str.strip()


def _numbers(column: pd.Series) -> pd.Series:
    """Return a text column as floats; blank and unreadable cells become NaN."""
    return pd.to_numeric(column.where(column != "", None), errors="coerce").astype(float)


def _row(position: int) -> int:
    """Return the spreadsheet row number of the data row at 0-based position."""
    return position + FIRST_DATA_ROW


def _code_errors(codes: pd.Series | None, column: str, known: set[str], noun: str) -> list[RowError]:
    """Return blank and unknown codes in one code column."""
    if codes is None:
        return []
    errors = [RowError(_row(i), column, f"{noun.capitalize()} is missing") for i in np.flatnonzero(codes == "")]
    unknown = (codes != "") & ~codes.isin(known)
    return errors + [RowError(_row(i), column, f"Unknown {noun} '{codes.iat[i]}'") for i in np.flatnonzero(unknown)]


def _period_errors(periods: pd.Series | None) -> list[RowError]:
    """Return blank periods and periods that are not YYYY, a YYYY-YY financial year or YYYY-YY rolling years."""
    if periods is None:
        return []
    errors = []
    for i, period in enumerate(periods):  # only the distinct text matters, but messages are per row
        if period == "":
            errors.append(RowError(_row(i), "period", "Period is missing"))
            continue
        try:
            period_start_year(period)
        except ValueError as error:
            errors.append(RowError(_row(i), "period", str(error)))
    return errors


def _mixed_period_errors(codes: pd.Series | None, periods: pd.Series | None) -> list[RowError]:
    """Return rows that give an indicator rolling years where its first row does not, or the other way round: a
    trend over rolling years compares periods that overlap, so one indicator's periods must not mix the two."""
    if codes is None or periods is None:
        return []
    first: dict[str, tuple[int, str, str]] = {}
    errors = []
    for i, (code, period) in enumerate(zip(codes, periods, strict=True)):
        try:
            kind = period_kind(period)
        except ValueError:
            continue  # reported by _period_errors
        row, seen_period, seen_kind = first.setdefault(code, (_row(i), period, kind))
        if (kind == ROLLING) != (seen_kind == ROLLING):
            message = f"Period '{period}' is {kind} but row {row} gives {code} for {seen_kind} ('{seen_period}')"
            errors.append(RowError(_row(i), "period", f"{message}: rolling years cannot mix with single years"))
    return errors


def _number_errors(text: dict[str, pd.Series], numbers: dict[str, pd.Series]) -> list[RowError]:
    """Return a blank value and any non-numeric (or infinite) cell in the number columns."""
    errors = []
    if "value" in text:
        errors += [RowError(_row(i), "value", "Value is missing") for i in np.flatnonzero(text["value"] == "")]
    for column, parsed in numbers.items():
        bad = (text[column] != "") & ~np.isfinite(parsed.fillna(np.inf))
        errors += [RowError(_row(i), column, f"'{text[column].iat[i]}' is not a number") for i in np.flatnonzero(bad)]
    return errors


def _denominator_errors(denominator: pd.Series | None) -> list[RowError]:
    """Return negative denominators (a population or a count of events cannot be negative)."""
    if denominator is None:
        return []
    negative = np.flatnonzero(denominator < 0)
    return [RowError(_row(i), "denominator", f"Denominator {denominator.iat[i]:g} is negative") for i in negative]


def _interval_errors(text: dict[str, pd.Series], numbers: dict[str, pd.Series]) -> list[RowError]:
    """Return half-given intervals and intervals that do not contain their value."""
    if "lower_ci" not in text or "upper_ci" not in text:
        return []
    has_lower, has_upper = text["lower_ci"] != "", text["upper_ci"] != ""
    errors = [
        RowError(_row(i), "upper_ci", "lower_ci is given without upper_ci")
        for i in np.flatnonzero(has_lower & ~has_upper)
    ]
    errors += [
        RowError(_row(i), "lower_ci", "upper_ci is given without lower_ci")
        for i in np.flatnonzero(has_upper & ~has_lower)
    ]
    if "value" not in numbers:
        return errors
    value, lower, upper = numbers["value"], numbers["lower_ci"], numbers["upper_ci"]
    # Comparisons with NaN are False, so rows with a missing or unreadable number are left to other checks.
    outside = (lower > value) | (upper < value)
    return errors + [
        RowError(
            _row(i),
            "value",
            f"Value {value.iat[i]:g} is not within its interval {lower.iat[i]:g} to {upper.iat[i]:g}",
        )
        for i in np.flatnonzero(outside)
    ]


def _duplicate_errors(text: dict[str, pd.Series]) -> list[RowError]:
    """Return each repeated (indicator_code, org_code, period), naming the row it repeats."""
    if not all(column in text for column in CODES):
        return []
    keys = pd.DataFrame({column: text[column] for column in CODES}).reset_index(drop=True)
    complete = (keys != "").all(axis=1)
    first = keys.reset_index().groupby(CODES, sort=False)["index"].transform("first")
    repeated = np.flatnonzero(complete & keys.duplicated(keep="first"))
    return [
        RowError(
            _row(i),
            None,
            f"Duplicate of row {_row(int(first.iat[i]))} (same indicator_code, org_code and period)",
        )
        for i in repeated
    ]
