"""Reads for a council's partnership page and API: one dict that the page, the CSV and the API all render."""

from assurance import access
from assurance.partnerships import partnerships_of_council


def partnership_view(user, council) -> dict:
    """What `user` may read of the council's partnerships: the PCTs and, per PCT, only the joint items."""
    pcts = access.partner_pcts(user, council)
    partnerships = list(partnerships_of_council(council, pcts))
    return {"council": council, "partnerships": partnerships}


def csv_rows(view: dict) -> list[list]:
    """The page's tables as CSV rows: a section name, then the columns of that section."""
    rows = [["section", "pct_ods_code", "pct_name", "council_ons_code", "population_share", "coterminous"]]
    council = view["council"]
    for p in view["partnerships"]:
        rows.append(
            ["partnership", p.pct.code, p.pct.name, council.code, p.population_share, "yes" if p.coterminous else "no"]
        )
    return rows
