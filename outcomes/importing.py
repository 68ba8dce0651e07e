"""Reading and checking indicator-value files (docs/outcomes.md, "Importing values"): pure, no database.

``read_table`` turns an uploaded CSV or Excel file into text columns, ``validate`` lists every problem by
spreadsheet row and column, and ``clean`` types a file that passed. A bad file is refused whole by the caller.

Limits keep one file from taking a worker down: an Excel workbook may unpack to at most ``MAX_UNPACKED_BYTES``
(a small .xlsx can hold hundreds of megabytes of XML), a file may hold at most ``MAX_ROWS`` rows, and only the
first ``MAX_PROBLEMS`` problems (by row) are listed, with how many more there are.
"""

import io
import math
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import openpyxl
import pandas as pd

from assurance.cleantext import CONTROL as _CONTROL
from assurance.cleantext import control_problem, printable
from assurance.importing import MAX_PROBLEMS, Problems, RowError
from outcomes.intervals import normalise_unit
from outcomes.periods import ROLLING, period_kind, period_start_year

REQUIRED = ["indicator_code", "org_code", "period", "value"]
OPTIONAL = ["numerator", "denominator", "lower_ci", "upper_ci"]
NUMERIC = ["value", *OPTIONAL]
CODES = ["indicator_code", "org_code", "period"]
FIRST_DATA_ROW = 2  # a spreadsheet's row 1 is the header
MAX_ROWS = 500_000
MAX_UNPACKED_BYTES = 200 * 2**20
# Units whose values are never below 0 (besides percentages, checked from 0 to 100), named for the message.
NOT_NEGATIVE = {"per 1000": "a rate per 1,000", "per 100000": "a rate per 100,000", "count": "a count"}


@dataclass(frozen=True)
class _Found:
    """Problems of one kind: the 0-based positions of their rows, their column, and each one's message."""

    positions: np.ndarray
    column: str | None
    message: Callable[[int], str]


def read_table(
    file_bytes: bytes, filename: str, *, max_rows: int = MAX_ROWS, max_unpacked: int = MAX_UNPACKED_BYTES
) -> tuple[pd.DataFrame | None, list[RowError]]:
    """Return the file's cells as text (blank = ""), or None and the reason it could not be read."""
    name = filename.lower()
    if name.endswith(".csv"):
        df, errors = _read_csv(file_bytes, max_rows)
    elif name.endswith(".xlsx"):
        df, errors = _read_excel(file_bytes, max_rows, max_unpacked)
    else:
        df, errors = None, [RowError(None, None, f"File '{filename}' is not a CSV (.csv) or Excel (.xlsx) file")]
    return df, [RowError(e.row, e.column, printable(e.message)) for e in errors]


def _too_many_rows(max_rows: int) -> RowError:
    return RowError(
        None, None, f"File has more than {max_rows:,} rows of values: the limit is {max_rows:,} rows a file. "
        "Split it into smaller files and import each."
    )  # fmt: skip


def _read_csv(file_bytes: bytes, max_rows: int) -> tuple[pd.DataFrame | None, list[RowError]]:
    """Return a UTF-8 CSV's cells as text; utf-8-sig drops the byte-order mark Excel writes."""
    try:
        text = file_bytes.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [RowError(None, None, "File is not UTF-8 encoded")]
    if not text.strip():
        return None, [RowError(None, None, "File is empty")]
    try:
        df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, skip_blank_lines=True, nrows=max_rows + 1)
    except (pd.errors.ParserError, ValueError) as error:
        return None, [RowError(None, None, f"File is not a readable CSV: {error}")]
    if len(df) > max_rows:
        return None, [_too_many_rows(max_rows)]
    return _tidy_header(df), []


def _read_excel(file_bytes: bytes, max_rows: int, max_unpacked: int) -> tuple[pd.DataFrame | None, list[RowError]]:
    """Return the first worksheet's cells as text, read row by row and no further than the limits allow."""
    try:
        with zipfile.ZipFile(io.BytesIO(file_bytes)) as archive:
            # A member never unpacks to more than its declared size (zipfile stops there and checks the CRC).
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        return None, [RowError(None, None, f"File is not a readable Excel workbook: {error}")]
    if unpacked > max_unpacked:
        return None, [
            RowError(
                None, None, f"Workbook unpacks to {unpacked / 2**20:,.0f} MB: the limit is "
                f"{max_unpacked / 2**20:,.0f} MB (and {max_rows:,} rows). Split it into smaller files, or save it "
                "as CSV.",
            )
        ]  # fmt: skip
    try:
        rows = _sheet_rows(file_bytes, max_rows)
    except Exception as error:  # openpyxl raises many types (zip, XML, key errors) for a damaged file
        return None, [RowError(None, None, f"File is not a readable Excel workbook: {error}")]
    if rows is None:
        return None, [_too_many_rows(max_rows)]
    if not rows:
        return None, [RowError(None, None, "File is empty")]
    width = max(map(len, rows))
    header = _unique(
        [_cell_text(cell) or f"Unnamed: {i}" for i, cell in enumerate([*rows[0], *[None] * width])][:width]
    )
    body = [[_cell_text(cell) for cell in row] + [""] * (width - len(row)) for row in rows[1:]]
    return _tidy_header(pd.DataFrame(body, columns=header, dtype=object)), []


def _sheet_rows(file_bytes: bytes, max_rows: int) -> list[tuple] | None:
    """The non-blank rows of the first worksheet (the header first), or None past max_rows rows of values."""
    book = openpyxl.load_workbook(io.BytesIO(file_bytes), read_only=True, data_only=True)
    try:
        rows = []
        for row in book.worksheets[0].iter_rows(values_only=True):
            if all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in row):
                continue
            if len(rows) > max_rows:
                return None
            rows.append(row)
        return rows
    finally:
        book.close()


def _unique(names: list[str]) -> list[str]:
    """Header names with repeats numbered as pandas does ("value", "value.1")."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        count = seen.get(name, 0)
        out.append(name if count == 0 else f"{name}.{count}")
        seen[name] = count + 1
    return out


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


def validate(
    df: pd.DataFrame,
    *,
    indicator_codes: set[str],
    org_codes: set[str],
    units: dict[str, str] | None = None,
    limit: int = MAX_PROBLEMS,
) -> Problems:
    """Return the file's problems by spreadsheet row and column (the first `limit`, and how many in all); empty
    when it can be imported. `units` maps indicator codes to their units, for the ranges a unit allows."""
    missing = [RowError(None, column, f"Missing column '{column}'") for column in REQUIRED if column not in df]
    separator = _wrong_separator(df) if missing else None
    if separator:
        return Problems(errors=[separator], total=1)
    text = {column: _stripped(df[column]) for column in [*REQUIRED, *OPTIONAL] if column in df}
    found = _control_errors(text)
    found += _code_errors(text.get("indicator_code"), "indicator_code", indicator_codes, "indicator code")
    found += _code_errors(text.get("org_code"), "org_code", org_codes, "organisation code")
    found += _period_errors(text.get("period"))
    found += _mixed_period_errors(text.get("indicator_code"), text.get("period"))
    numbers = {column: _numbers(text[column]) for column in NUMERIC if column in text}
    found += _number_errors(text, numbers)
    found += _count_errors(numbers)
    found += _unit_range_errors(text.get("indicator_code"), numbers, units or {})
    found += _interval_errors(text, numbers)
    found += _duplicate_errors(text)
    return _first(missing, found, limit)


def _first(whole_file: list[RowError], found: list[_Found], limit: int) -> Problems:
    """The first `limit` problems in (row, column) order, messages made only for those, and the total."""
    order = {column: position for position, column in enumerate([*REQUIRED, *OPTIONAL])}
    total = len(whole_file) + sum(len(f.positions) for f in found)
    kept = whole_file[:limit]
    if len(kept) < limit and found:
        positions = np.concatenate([f.positions.astype(np.int64) for f in found])
        kinds = np.repeat(np.arange(len(found)), [len(f.positions) for f in found])
        columns = np.array([order.get(f.column or "", len(order)) for f in found])[kinds]
        chosen = np.lexsort((columns, positions))[: limit - len(kept)]
        kept += [
            RowError(_row(int(positions[i])), found[kinds[i]].column, found[kinds[i]].message(int(positions[i])))
            for i in chosen
        ]
    kept = [RowError(e.row, e.column, printable(e.message)) for e in kept]
    kept.sort(key=lambda e: (e.row or 0, order.get(e.column or "", len(order)), e.message))
    return Problems(kept, total)


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


def _where(mask) -> np.ndarray:
    return np.flatnonzero(np.asarray(mask, dtype=bool))


def _control_errors(text: dict[str, pd.Series]) -> list[_Found]:
    """Cells holding a control character (a NUL byte, a line break inside a code): never valid, and unstorable."""
    found = []
    for column, cells in text.items():
        if not _CONTROL.search("".join(cells.tolist())):  # one search of the whole column: the usual case
            continue
        bad = _where(cells.str.contains(_CONTROL, regex=True))
        if len(bad):
            found.append(_Found(bad, column, lambda i, c=cells: control_problem(c.iat[i])))
    return found


def _code_errors(codes: pd.Series | None, column: str, known: set[str], noun: str) -> list[_Found]:
    """Return blank and unknown codes in one code column."""
    if codes is None:
        return []
    unknown = (codes != "") & ~codes.isin(known)
    return [
        _Found(_where(codes == ""), column, lambda i: f"{noun.capitalize()} is missing"),
        _Found(_where(unknown), column, lambda i: f"Unknown {noun} '{codes.iat[i]}'"),
    ]


def _period_errors(periods: pd.Series | None) -> list[_Found]:
    """Return blank periods and periods that are not YYYY, a YYYY-YY financial year or YYYY-YY rolling years."""
    if periods is None:
        return []
    problems: dict[str, str] = {}
    for period in periods.unique():  # each distinct text parsed once
        if period == "":
            problems[period] = "Period is missing"
            continue
        try:
            period_start_year(period)
        except ValueError as error:
            problems[period] = str(error)
    bad = _where(periods.isin(problems))
    return [_Found(bad, "period", lambda i: problems[periods.iat[i]])]


def _mixed_period_errors(codes: pd.Series | None, periods: pd.Series | None) -> list[_Found]:
    """Return rows that give an indicator rolling years where its first row does not, or the other way round: a
    trend over rolling years compares periods that overlap, so one indicator's periods must not mix the two."""
    if codes is None or periods is None:
        return []
    kinds = {}
    for period in periods.unique():
        try:
            kinds[period] = period_kind(period)
        except ValueError:
            continue  # reported by _period_errors
    frame = pd.DataFrame({"code": codes.to_numpy(), "period": periods.to_numpy()})
    frame["kind"] = frame["period"].map(kinds)
    frame = frame[frame["kind"].notna()]
    first = frame.groupby("code", sort=False).head(1)  # indexed by the position of each indicator's first row
    first_position = dict(zip(first["code"], first.index, strict=True))
    first_rolling = frame["code"].map(dict(zip(first["code"], first["kind"] == ROLLING, strict=True)))
    bad = frame.index[(frame["kind"] == ROLLING) != first_rolling].to_numpy()

    def message(i: int) -> str:
        code, period = codes.iat[i], periods.iat[i]
        seen = periods.iat[first_position[code]]
        return (
            f"Period '{period}' is {kinds[period]} but row {_row(first_position[code])} gives {code} for "
            f"{kinds[seen]} ('{seen}'): rolling years cannot mix with single years"
        )

    return [_Found(bad, "period", message)]


def _number_errors(text: dict[str, pd.Series], numbers: dict[str, pd.Series]) -> list[_Found]:
    """Return a blank value and any non-numeric (or infinite) cell in the number columns."""
    found = []
    if "value" in text:
        found.append(_Found(_where(text["value"] == ""), "value", lambda i: "Value is missing"))
    for column, parsed in numbers.items():
        bad = (text[column] != "") & ~np.isfinite(parsed.fillna(np.inf))
        found.append(_Found(_where(bad), column, lambda i, t=text[column]: f"'{t.iat[i]}' is not a number"))
    return found


def _count_errors(numbers: dict[str, pd.Series]) -> list[_Found]:
    """Return negative counts: a numerator counts events, a denominator people or events, never below 0."""
    found = []
    for column, noun in (("numerator", "Numerator"), ("denominator", "Denominator")):
        if column in numbers:
            count = numbers[column]
            found.append(_Found(_where(count < 0), column, lambda i, c=count, n=noun: f"{n} {c.iat[i]:g} is negative"))
    return found


def _unit_range_errors(codes: pd.Series | None, numbers: dict[str, pd.Series], units: dict[str, str]) -> list[_Found]:
    """Return values outside what the indicator's unit allows: a percentage from 0 to 100, a rate or a count not
    below 0, and for a proportion a numerator no larger than its denominator."""
    if codes is None or "value" not in numbers or not units:
        return []
    unit = codes.map({code: normalise_unit(name) for code, name in units.items()}).fillna("")
    value, found = numbers["value"], []
    percent = (unit == "%").to_numpy()
    outside = percent & ((value < 0) | (value > 100)).to_numpy()
    found.append(
        _Found(_where(outside), "value", lambda i: f"Value {value.iat[i]:g} is not a percentage from 0 to 100")
    )
    negative = unit.isin(NOT_NEGATIVE).to_numpy() & (value < 0).to_numpy()
    found.append(
        _Found(_where(negative), "value", lambda i: f"Value {value.iat[i]:g} is negative: "
               f"{NOT_NEGATIVE[unit.iat[i]]} cannot be below 0")
    )  # fmt: skip
    if "numerator" in numbers and "denominator" in numbers:
        numerator, denominator = numbers["numerator"], numbers["denominator"]
        above = percent & (numerator > denominator).to_numpy() & (denominator >= 0).to_numpy()
        found.append(
            _Found(_where(above), "numerator", lambda i: f"Numerator {numerator.iat[i]:g} is above its denominator "
                   f"{denominator.iat[i]:g}: a percentage cannot be over 100")
        )  # fmt: skip
    return found


# Separators a spreadsheet may have used instead of commas, named for the message.
SEPARATORS = {";": "semicolons (;)", "\t": "tabs", "|": "vertical bars (|)"}


def _wrong_separator(df: pd.DataFrame) -> RowError | None:
    """A file whose header reads as one column holding the expected names with another separator between them
    (a spreadsheet set to a European locale saves CSV with semicolons): say so, rather than list each column missing."""
    header = " ".join(str(column) for column in df.columns)
    for separator, name in SEPARATORS.items():
        if separator in header and "indicator_code" in header and "value" in header:
            return RowError(
                None, None, f"The columns are separated by {name}, not commas. Save the file again as CSV with commas "
                "between the columns (in Excel: Save As, then 'CSV UTF-8 (Comma delimited)') and upload it again."
            )  # fmt: skip
    return None


def _interval_errors(text: dict[str, pd.Series], numbers: dict[str, pd.Series]) -> list[_Found]:
    """Return half-given intervals and intervals that do not contain their value."""
    if "lower_ci" not in text or "upper_ci" not in text:
        return []
    has_lower, has_upper = text["lower_ci"] != "", text["upper_ci"] != ""
    found = [
        _Found(_where(has_lower & ~has_upper), "upper_ci", lambda i: "upper_ci is empty but lower_ci is given: "
               "give both ends of the confidence interval, or leave both empty"),
        _Found(_where(has_upper & ~has_lower), "lower_ci", lambda i: "lower_ci is empty but upper_ci is given: "
               "give both ends of the confidence interval, or leave both empty"),
    ]  # fmt: skip
    if "value" not in numbers:
        return found
    value, lower, upper = numbers["value"], numbers["lower_ci"], numbers["upper_ci"]
    # Only rows with both ends readable: a missing or unreadable end is reported above or by the number check.
    outside = lower.notna() & upper.notna() & value.notna() & ((lower > value) | (upper < value))
    return found + [
        _Found(
            _where(outside),
            "value",
            lambda i: (
                f"Value {value.iat[i]:g} lies outside its confidence interval, {lower.iat[i]:g} to "
                f"{upper.iat[i]:g}: check the value, lower_ci and upper_ci"
            ),
        )
    ]


def _duplicate_errors(text: dict[str, pd.Series]) -> list[_Found]:
    """Return each repeated (indicator_code, org_code, period), naming the row it repeats."""
    if not all(column in text for column in CODES):
        return []
    keys = pd.DataFrame({column: text[column] for column in CODES}).reset_index(drop=True)
    complete = (keys != "").all(axis=1)
    first = keys.reset_index().groupby(CODES, sort=False)["index"].transform("first")
    repeated = _where(complete & keys.duplicated(keep="first"))
    return [
        _Found(
            repeated,
            None,
            lambda i: f"Duplicate of row {_row(int(first.iat[i]))} (same indicator_code, org_code and period)",
        )
    ]
