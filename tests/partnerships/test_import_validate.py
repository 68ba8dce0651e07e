"""Checking partnership files: every problem listed by spreadsheet row and column, no database."""

from decimal import Decimal

from partnerships.importing import PartnershipRow, clean, read_csv, validate

HEADER = "pct_ods_code,council_ons_code,population_share,coterminous\n"
PCTS = {"5NT", "5HQ", "5LH"}
COUNCILS = {"E08000003": True, "E08000001": True, "E08000008": True, "E10000007": True, "E07000001": False}


def _errors(body: str, existing=None) -> list[tuple]:
    rows, errors = read_csv((HEADER + body).encode("utf-8"))
    assert errors == []
    found = validate(rows, pct_codes=PCTS, councils=COUNCILS, existing=existing)
    return [(e.row, e.column, e.message) for e in found]


def test_a_good_file_has_no_errors_and_is_typed():
    body = "5NT,E08000003,100,yes\n5LH,E08000008,85.5,no\n5LH,E10000007,14.5,no\n"
    assert _errors(body) == []
    rows, _ = read_csv((HEADER + body).encode())
    assert clean(rows)[1] == PartnershipRow("5LH", "E08000008", Decimal("85.5"), False)


def test_unknown_codes_and_a_lower_tier_council_are_named_by_row_and_column():
    body = "5XX,E08000003,100,yes\n5HQ,E99999999,100,yes\n5NT,E07000001,100,no\n"
    assert _errors(body) == [
        (2, "pct_ods_code", "Unknown PCT code '5XX'"),
        (3, "council_ons_code", "Unknown council code 'E99999999'"),
        (4, "council_ons_code", "'E07000001' is not an upper-tier council with social care"),
    ]


def test_shares_must_be_numbers_from_0_to_100():
    body = "5NT,E08000003,lots,yes\n5HQ,E08000001,-1,yes\n5LH,E08000008,100.1,no\n5LH,E10000007,NaN,no\n"
    assert [e[:2] for e in _errors(body)] == [(n, "population_share") for n in (2, 3, 4, 5)]
    assert _errors(body)[0][2] == "Share 'lots' is not a number from 0 to 100"


def test_a_repeated_pair_is_refused_at_its_second_row():
    body = "5NT,E08000003,50,no\n5HQ,E08000001,100,yes\n5NT,E08000003,50,no\n"
    assert _errors(body) == [(4, "council_ons_code", "Repeats row 2 (5NT, E08000003)")]


def test_shares_of_one_pct_over_100_are_refused_including_stored_ones_the_file_does_not_mention():
    assert _errors("5LH,E08000008,60,no\n5LH,E10000007,50,no\n") == [
        (3, "population_share", "Shares of PCT 5LH add up to 110, over 100")
    ]
    stored = {("5LH", "E10000007"): Decimal("30"), ("5LH", "E08000008"): Decimal("99")}
    assert _errors("5LH,E08000008,80,no\n", existing=stored) == [
        (2, "population_share", "Shares of PCT 5LH add up to 110, over 100")
    ]
    assert _errors("5LH,E08000008,70,no\n", existing=stored) == []  # the file's 70 replaces the stored 99


def test_coterminous_must_be_yes_or_no():
    assert _errors("5NT,E08000003,100,maybe\n") == [(2, "coterminous", "Coterminous 'maybe' is not yes or no")]


def test_unreadable_files_are_refused_whole():
    assert [str(e) for e in read_csv(b"\xff\xfe\x00")[1]] == ["File is not UTF-8 encoded"]
    assert [str(e) for e in read_csv(b"  \n")[1]] == ["File is empty"]
    rows, errors = read_csv(b"pct_ods_code,share\n5NT,100\n")
    assert [str(e) for e in errors] == [
        "council_ons_code: Missing column 'council_ons_code'",
        "population_share: Missing column 'population_share'",
        "coterminous: Missing column 'coterminous'",
    ]
    assert [str(e) for e in validate([], pct_codes=PCTS, councils=COUNCILS)] == ["File has no partnership rows"]
