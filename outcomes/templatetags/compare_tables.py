"""The two large tables of compare areas and the SHA overview, written out in Python.

A 151-row compare table or a 31-column overview of 38 indicators is over a thousand cells; the template language
took most of the page's time to render them (about half a millisecond a cell), this takes a few microseconds. The
tags present values already read: no queries, every text escaped.
"""

from html import escape
from urllib.parse import quote_plus

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe

from .. import compare

register = template.Library()
# The overview's PCT cells take their table-cell style from `.app-overview td` (static/src/app.scss): a class on each
# of a thousand cells was a fifth of the page.
NO_VALUE = '<td><span aria-hidden="true">&ndash;</span><span class="govuk-visually-hidden">No value</span></td>'


def _number(value, places: int) -> str:
    return "" if value is None else f"{value:,.{places}f}"


@register.simple_tag
def overview_rows(line: dict, pcts: list, cycle, sha, highlight: str = "") -> str:
    """One indicator's row of the SHA overview: name (linked to its definition), period, England, then one cell per
    PCT, coloured and worded by the comparison with England and linked to compare areas."""
    row = line["row"]
    indicator, bench = row.indicator, row.benchmark
    definition = reverse("outcomes:indicator", kwargs={"code": indicator.code})
    compare_url = reverse("outcomes:compare", kwargs={"cycle": cycle.code, "indicator": indicator.code})
    synthetic = ' <strong class="govuk-tag govuk-tag--yellow">synthetic</strong>' if line["synthetic"] else ""
    parts = [
        '<tr class="govuk-table__row"><th scope="row" class="govuk-table__header app-overview__indicator">'
        f'<a class="govuk-link" href="{escape(definition)}">{escape(indicator.name)}</a> '
        f'<span class="govuk-body-s">({escape(indicator.unit)})</span>{synthetic}</th>'
        f'<td class="govuk-table__cell app-nowrap">{escape(bench.period) if bench else "No data"}</td>'
        '<td class="govuk-table__cell govuk-table__cell--numeric">'
        f"{_number(bench.national_average, 1) if bench else ''}</td>"
    ]
    # No period in the link: compare areas opens at the cycle's latest period, the one the row shows.
    base = escape(f"{compare_url}?sha={quote_plus(sha.code)}&pct=")
    for cell, pct in zip(row.cells, pcts, strict=True):
        if cell is None or cell.value is None:
            parts.append(NO_VALUE)
            continue
        marked = " app-col--highlight" if pct.code == highlight else ""
        parts.append(
            f'<td class="app-cmp {compare.comparison_css(cell.comparison)}{marked}">'
            f'<a class="app-cmp__link" href="{base}{escape(quote_plus(pct.code))}">'
            f'{_number(cell.value, 1)}<span class="app-cmp__word">{compare.comparison_words(cell.comparison)}'
            "</span></a></td>"
        )
    parts.append("</tr>")
    return mark_safe("".join(parts))


@register.simple_tag
def compare_rows(rows: list[dict], with_funnel: bool) -> str:
    """The rows of the compare-areas table, in value order: PCT, value, interval, comparison in words (on its tag
    colour), denominator and, with a funnel, where the value lies against the limits. No ranks."""
    parts = []
    for row in rows:
        marks = ' <strong class="govuk-tag govuk-tag--purple">selected</strong>' if row["highlight"] else ""
        if row["synthetic"]:
            marks += ' <strong class="govuk-tag govuk-tag--yellow">synthetic</strong>'
        interval = (
            "None" if row["lower_ci"] is None else f"{_number(row['lower_ci'], 2)} to {_number(row['upper_ci'], 2)}"
        )
        cells = [
            f'<tr class="govuk-table__row{" app-row--highlight" if row["highlight"] else ""}" '
            f'data-org="{escape(row["code"])}"><th scope="row" class="govuk-table__header">{escape(row["name"])}'
            f"{marks}</th>",
            f'<td class="govuk-table__cell govuk-table__cell--numeric">{_number(row["value"], 2) or "No value"}</td>',
            f'<td class="govuk-table__cell govuk-table__cell--numeric">{interval}</td>',
            f'<td class="govuk-table__cell" data-field="comparison"><strong class="govuk-tag {row["tag"]}">'
            f"{escape(row['words'])}</strong></td>",
            f'<td class="govuk-table__cell govuk-table__cell--numeric">{_number(row["denominator"], 0)}</td>',
        ]
        if with_funnel:
            cells.append(f'<td class="govuk-table__cell" data-field="funnel">{escape(row["funnel"] or "")}</td>')
        parts.append("".join(cells) + "</tr>")
    return mark_safe("".join(parts))
