"""Reading and validating indicator-value files: every problem listed by spreadsheet row and column."""

import io

import numpy as np
import openpyxl
import pandas as pd
import pytest

from outcomes.importing import OPTIONAL, REQUIRED, RowError, clean, read_table, validate

HEADER = "indicator_code,org_code,period,value,numerator,denominator,lower_ci,upper_ci\n"
INDICATORS = {"LE_BIRTH_M", "OBES_ADM_ANY"}
ORGS = {"5ND", "5J9", "E92000001"}


def _read(body: str, header: str = HEADER) -> pd.DataFrame:
    df, errors = read_table((header + body).encode("utf-8"), "values.csv")
    assert errors == []
    return df


def _errors(body: str, header: str = HEADER) -> list[tuple]:
    found = validate(_read(body, header), indicator_codes=INDICATORS, org_codes=ORGS)
    return [(error.row, error.column, error.message) for error in found]


def test_a_good_file_has_no_errors():
    body = "LE_BIRTH_M,5ND,2009-10,77.1,,,76.5,77.7\nOBES_ADM_ANY,E92000001,2011,22.1,11736,53107169,,\n"
    assert _errors(body) == []


def test_only_the_required_columns_are_needed():
    assert _errors("LE_BIRTH_M,5ND,2009,77.1\n", header="indicator_code,org_code,period,value\n") == []


def test_missing_columns_are_reported_without_a_row():
    errors = _errors("LE_BIRTH_M,5ND,77.1\n", header="indicator_code,org_code,val\n")
    assert errors == [(None, "period", "Missing column 'period'"), (None, "value", "Missing column 'value'")]


def test_unknown_and_blank_codes():
    body = "XX,5ND,2009,1\nLE_BIRTH_M,ZZZ,2009,1\n,,2009,1\n"
    assert _errors(body) == [
        (2, "indicator_code", "Unknown indicator code 'XX'"),
        (3, "org_code", "Unknown organisation code 'ZZZ'"),
        (4, "indicator_code", "Indicator code is missing"),
        (4, "org_code", "Organisation code is missing"),
    ]


BAD_SECOND_PART = (
    "Period '2009-08' is neither a financial year nor rolling years: after 2009 the second part must be 10 "
    "(a financial year) or up to 13 (rolling years such as 2009-11)"
)


def test_bad_periods():
    body = "LE_BIRTH_M,5ND,2009-08,1\nLE_BIRTH_M,5J9,09/10,1\nLE_BIRTH_M,E92000001,,1\n"
    assert _errors(body) == [
        (2, "period", BAD_SECOND_PART),
        (3, "period", "Period '09/10' is not YYYY or YYYY-YY (for example 2009, 2009-10 or 2006-08)"),
        (4, "period", "Period is missing"),
    ]


def test_rolling_years_are_accepted_but_not_mixed_with_other_kinds_in_one_indicator():
    body = (
        "LE_BIRTH_M,5ND,2006-08,1\nLE_BIRTH_M,5ND,2007-09,1\nOBES_ADM_ANY,5ND,2008-09,1\n"
        "LE_BIRTH_M,5J9,2008-09,1\nLE_BIRTH_M,5J9,2008,1\n"
    )
    mixed = "rolling years cannot mix with single years"
    assert _errors(body) == [
        (
            5,
            "period",
            f"Period '2008-09' is a financial year but row 2 gives LE_BIRTH_M for rolling years ('2006-08'): {mixed}",
        ),
        (
            6,
            "period",
            f"Period '2008' is a calendar year but row 2 gives LE_BIRTH_M for rolling years ('2006-08'): {mixed}",
        ),
    ]


def test_non_numeric_and_missing_numbers():
    body = "LE_BIRTH_M,5ND,2009,abc,x,1 000,low,inf\nLE_BIRTH_M,5J9,2009,,,,,\n"
    assert _errors(body) == [
        (2, "value", "'abc' is not a number"),
        (2, "numerator", "'x' is not a number"),
        (2, "denominator", "'1 000' is not a number"),
        (2, "lower_ci", "'low' is not a number"),
        (2, "upper_ci", "'inf' is not a number"),
        (3, "value", "Value is missing"),
    ]


def test_negative_denominator():
    assert _errors("OBES_ADM_ANY,5ND,2009,5,1,-20,,\n") == [(2, "denominator", "Denominator -20 is negative")]


def test_duplicates_name_the_row_they_repeat():
    # Spaces around codes do not hide a duplicate: codes are compared stripped.
    body = "LE_BIRTH_M,5ND,2009,1\nLE_BIRTH_M,5J9,2009,1\nLE_BIRTH_M, 5ND ,2009,2\nLE_BIRTH_M,5ND,2009,3\n"
    message = "Duplicate of row 2 (same indicator_code, org_code and period)"
    assert _errors(body, header="indicator_code,org_code,period,value\n") == [
        (4, None, message),
        (5, None, message),
    ]


def test_an_interval_must_contain_its_value_and_have_both_ends():
    body = (
        "LE_BIRTH_M,5ND,2009,77,,,78,79\n"  # below its interval
        "LE_BIRTH_M,5J9,2009,80,,,78,79\n"  # above it
        "LE_BIRTH_M,E92000001,2009,78,,,78,78\n"  # on the bounds: fine
        "OBES_ADM_ANY,5ND,2009,5,,,4,\n"
        "OBES_ADM_ANY,5J9,2009,5,,,,6\n"
    )
    assert _errors(body) == [
        (2, "value", f"Value 77 {OUTSIDE} 78 to 79: check the value, lower_ci and upper_ci"),
        (3, "value", f"Value 80 {OUTSIDE} 78 to 79: check the value, lower_ci and upper_ci"),
        (5, "upper_ci", f"upper_ci is empty but lower_ci is given: {BOTH_ENDS}"),
        (6, "lower_ci", f"lower_ci is empty but upper_ci is given: {BOTH_ENDS}"),
    ]


OUTSIDE = "lies outside its confidence interval,"
BOTH_ENDS = "give both ends of the confidence interval, or leave both empty"


def test_a_half_interval_never_speaks_of_nan():
    """A value below its only given end was reported as "not within its interval 41 to nan"."""
    errors = _errors("OBES_ADM_ANY,5ND,2009,40,,,41,\nOBES_ADM_ANY,5J9,2009,40,,,,39\n")
    assert errors == [
        (2, "upper_ci", f"upper_ci is empty but lower_ci is given: {BOTH_ENDS}"),
        (3, "lower_ci", f"lower_ci is empty but upper_ci is given: {BOTH_ENDS}"),
    ]
    assert not any("nan" in message for _, _, message in errors)


def test_a_semicolon_separated_file_is_named_as_such():
    """Four "Missing column" errors gave no hint that the file used semicolons."""
    df, errors = read_table(b"indicator_code;org_code;period;value\nLE_BIRTH_M;5ND;2009;77\n", "values.csv")
    assert errors == []
    found = validate(df, indicator_codes=INDICATORS, org_codes=ORGS)
    assert len(found) == 1
    assert "separated by semicolons (;), not commas" in found[0].message
    assert "CSV UTF-8 (Comma delimited)" in found[0].message
    assert "Missing column" not in str(found[0])


def test_every_problem_in_a_row_is_listed():
    errors = _errors("XX,ZZZ,2009-2010,abc,,-1,,5\n")
    assert [column for _, column, _ in errors] == [
        "indicator_code",
        "org_code",
        "period",
        "value",
        "denominator",
        "lower_ci",
    ]
    assert {row for row, _, _ in errors} == {2}


def test_a_csv_with_a_byte_order_mark_reads_like_one_without():
    body = "LE_BIRTH_M,5ND,2009-10,77.1,,,,\n"
    with_bom, errors = read_table(b"\xef\xbb\xbf" + (HEADER + body).encode(), "values.CSV")
    assert errors == []
    pd.testing.assert_frame_equal(with_bom, _read(body))
    assert list(with_bom.columns) == REQUIRED + OPTIONAL


def test_a_file_that_is_not_utf8_is_refused_with_a_message():
    df, errors = read_table((HEADER + "LE_BIRTH_M,5ND,2009,77\n# Café\n").encode("latin-1"), "values.csv")
    assert df is None
    assert errors == [RowError(None, None, "File is not UTF-8 encoded")]


def test_other_file_types_and_empty_files_are_refused():
    assert read_table(b"x", "values.txt")[1][0].message == "File 'values.txt' is not a CSV (.csv) or Excel (.xlsx) file"
    assert read_table(b"", "values.csv")[1] == [RowError(None, None, "File is empty")]
    assert read_table(b"not a zip", "values.xlsx")[1][0].message.startswith("File is not a readable Excel workbook")


def test_an_excel_file_reads_as_text():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["indicator_code", "org_code", "period", "value", "lower_ci", "upper_ci"])
    sheet.append(["LE_BIRTH_M", "5ND", "2009-10", 77.1, 76.5, None])
    sheet.append(["LE_BIRTH_M", "5J9", 2009, 78, None, None])  # a year typed as a number
    buffer = io.BytesIO()
    workbook.save(buffer)
    df, errors = read_table(buffer.getvalue(), "values.xlsx")
    assert errors == []
    assert df["period"].tolist() == ["2009-10", "2009"]
    assert df["value"].tolist() == ["77.1", "78"]
    found = validate(df, indicator_codes=INDICATORS, org_codes=ORGS)
    assert [str(error) for error in found] == [f"Row 2, upper_ci: upper_ci is empty but lower_ci is given: {BOTH_ENDS}"]


def test_clean_types_the_values():
    df = _read(" LE_BIRTH_M , 5ND ,2009-10, 77.1 ,3,10,,\n")
    cleaned = clean(df)
    assert cleaned.loc[0, ["indicator_code", "org_code", "period"]].tolist() == [
        "LE_BIRTH_M",
        "5ND",
        "2009-10",
    ]
    assert cleaned.loc[0, ["value", "numerator", "denominator"]].tolist() == [77.1, 3.0, 10.0]
    assert np.isnan(cleaned.loc[0, "lower_ci"]) and cleaned["value"].dtype == np.float64


def test_clean_adds_absent_optional_columns():
    cleaned = clean(_read("LE_BIRTH_M,5ND,2009,77\n", header="indicator_code,org_code,period,value\n"))
    assert list(cleaned.columns) == REQUIRED + OPTIONAL
    assert cleaned[OPTIONAL].isna().all().all()


@pytest.mark.parametrize(("row", "column", "text"), [(3, "value", "Row 3, value: m"), (None, None, "m")])
def test_a_row_error_reads_as_a_sentence(row, column, text):
    assert str(RowError(row, column, "m")) == text
