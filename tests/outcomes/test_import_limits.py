"""What a careless or hostile file cannot do (issue 14): impossible values, control characters, a workbook that
unpacks to hundreds of megabytes, a million rows, or a million problems. Pure: no database."""

import io
import zipfile

import openpyxl
import pytest

from outcomes import importing
from outcomes.importing import read_table, validate

HEADER = "indicator_code,org_code,period,value,numerator,denominator,lower_ci,upper_ci\n"
INDICATORS = {"LE_BIRTH_M", "BREASTFEEDING_INIT", "MORT_ALL_AGE", "TEEN_CONCEPTIONS", "ADMISSIONS"}
UNITS = {
    "LE_BIRTH_M": "years", "BREASTFEEDING_INIT": "%", "MORT_ALL_AGE": "per 100,000", "TEEN_CONCEPTIONS": "per 1000",
    "ADMISSIONS": "count",
}  # fmt: skip
ORGS = {"5ND", "5J9", "E92000001"}


def _problems(body: str, **limits) -> "importing.Problems":
    df, errors = read_table((HEADER + body).encode("utf-8"), "values.csv")
    assert errors == []
    return validate(df, indicator_codes=INDICATORS, org_codes=ORGS, units=UNITS, **limits)


def _errors(body: str) -> list[tuple]:
    return [(e.row, e.column, e.message) for e in _problems(body)]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("BREASTFEEDING_INIT,5ND,2009,50,-3,10,,", ("numerator", "Numerator -3 is negative")),
        ("MORT_ALL_AGE,5ND,2009,5,-1,,,", ("numerator", "Numerator -1 is negative")),
        ("BREASTFEEDING_INIT,5ND,2009,80,-4,-5,,", ("denominator", "Denominator -5 is negative")),
        ("BREASTFEEDING_INIT,5ND,2009,100,12,10,,",
         ("numerator", "Numerator 12 is above its denominator 10: a percentage cannot be over 100")),
        ("BREASTFEEDING_INIT,5ND,2009,-50,,,,", ("value", "Value -50 is not a percentage from 0 to 100")),
        ("BREASTFEEDING_INIT,5ND,2009,500,,,,", ("value", "Value 500 is not a percentage from 0 to 100")),
        ("MORT_ALL_AGE,5ND,2009,-0.5,,,,", ("value", "Value -0.5 is negative: a rate per 100,000 cannot be below 0")),
        ("TEEN_CONCEPTIONS,5ND,2009,-2,,,,", ("value", "Value -2 is negative: a rate per 1,000 cannot be below 0")),
        ("ADMISSIONS,5ND,2009,-7,,,,", ("value", "Value -7 is negative: a count cannot be below 0")),
        ("LE_BIRTH_M,5ND,٢٠٠٣,77,,,,",
         ("period", "Period '٢٠٠٣' is not YYYY or YYYY-YY (for example 2009, 2009-10 or 2006-08)")),
        ("LE_BIRTH_M,5ND,٢٠٠٣-٠٤,77,,,,",
         ("period", "Period '٢٠٠٣-٠٤' is not YYYY or YYYY-YY (for example 2009, 2009-10 or 2006-08)")),
    ],
)  # fmt: skip
def test_impossible_values_are_refused_with_a_row_message(row, expected):
    assert (2, *expected) in _errors(row + "\n")


def test_possible_values_at_the_edges_are_accepted():
    body = (
        "BREASTFEEDING_INIT,5ND,2009,0,0,10,,\nBREASTFEEDING_INIT,5J9,2009,100,10,10,,\n"
        "MORT_ALL_AGE,5ND,2009,0,,,,\nLE_BIRTH_M,5ND,2009,-1.5,,,,\nLE_BIRTH_M,5ND,2003,77,,,,\n"
    )
    assert _errors(body) == []


def test_a_period_in_other_digits_does_not_pass_as_a_second_2003():
    errors = _errors("LE_BIRTH_M,5ND,2003,77,,,,\nLE_BIRTH_M,5ND,٢٠٠٣,78,,,,\n")
    assert [(row, column) for row, column, _ in errors] == [(3, "period")]


@pytest.mark.parametrize("character", ["\x00", "\x01", "\x1b", "\x7f", "\x85"])
def test_a_control_character_in_a_cell_is_refused_and_never_reaches_a_message(character):
    errors = _errors(f"LE_BIRTH_M,5N{character}D,2009,77,,,,\n")
    code = f"U+{ord(character):04X}"
    assert (2, "org_code", f"Contains a control character ({code}), which no value may hold: remove it") in errors
    assert (2, "org_code", f"Unknown organisation code '5N\\x{ord(character):02x}D'") in errors
    assert not any(importing._CONTROL.search(message) for _, _, message in errors)


def test_a_nul_in_a_number_is_refused_too():
    errors = _errors("LE_BIRTH_M,5ND,2009,77\x00,,,,\n")
    assert (2, "value", "Contains a control character (U+0000), which no value may hold: remove it") in errors


def test_a_long_cell_is_cut_short_in_its_message():
    errors = _errors(f"LE_BIRTH_M,{'X' * 5000},2009,77,,,,\n")
    assert all(len(message) <= 300 for _, _, message in errors)


def test_problems_stop_at_the_limit_by_row_and_count_the_rest():
    body = "".join(f"NOPE,5ND,{1000 + i},x{i},,,,\n" for i in range(1000))
    problems = _problems(body, limit=50)
    assert (len(problems), problems.total, problems.more) == (50, 2000, 1950)
    assert [(e.row, e.column) for e in problems[:4]] == [
        (2, "indicator_code"), (2, "value"), (3, "indicator_code"), (3, "value"),
    ]  # fmt: skip
    assert problems[-1].row == 26


def _workbook(rows: int, *, padding: int = 0) -> bytes:
    """A workbook of `rows` rows of values; `padding` characters of one repeated letter per row compress to
    almost nothing, so a small file unpacks to a large one."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["indicator_code", "org_code", "period", "value", "note"])
    for i in range(rows):
        sheet.append(["LE_BIRTH_M", "5ND", 2009, 77.0 + i, "x" * padding])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_workbook_that_unpacks_past_the_limit_is_refused_before_it_is_read():
    content = _workbook(2000, padding=5000)  # about 10 MB of XML in a file of a few hundred KB
    unpacked = sum(m.file_size for m in zipfile.ZipFile(io.BytesIO(content)).infolist())
    assert len(content) < 1_000_000 < 10 * 2**20 < unpacked
    df, errors = read_table(content, "values.xlsx", max_unpacked=5 * 2**20)
    assert df is None
    assert len(errors) == 1
    assert errors[0].message.startswith(f"Workbook unpacks to {unpacked / 2**20:,.0f} MB: the limit is 5 MB")


def test_a_workbook_with_too_many_rows_is_refused_with_the_limit():
    df, errors = read_table(_workbook(120), "values.xlsx", max_rows=100)
    assert df is None
    assert [e.message for e in errors] == [
        "File has more than 100 rows of values: the limit is 100 rows a file. Split it into smaller files and import "
        "each."
    ]
    df, errors = read_table(_workbook(100), "values.xlsx", max_rows=100)
    assert (len(df), errors) == (100, [])


def test_a_csv_with_too_many_rows_is_refused_with_the_limit():
    body = "LE_BIRTH_M,5ND,2009,77,,,,\n" * 101
    df, errors = read_table((HEADER + body).encode(), "values.csv", max_rows=100)
    assert df is None
    assert errors[0].message.startswith("File has more than 100 rows of values: the limit is 100 rows a file")


def test_the_limits_have_sensible_defaults():
    assert importing.MAX_ROWS == 500_000
    assert importing.MAX_PROBLEMS == 300
    assert importing.MAX_UNPACKED_BYTES == 200 * 2**20
