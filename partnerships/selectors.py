"""Reads for a council's partnership page: one dict that the page, the CSV and the API all render."""

from assurance import access
from assurance.choices import OrgKind
from assurance.models import Cycle
from assurance.selectors import partnerships_of_council
from competencies import jsna
from outcomes import joint_selectors

CSV_HEADER = ["section", "pct_ods_code", "council_ons_code", "item", "measure", "period", "value", "note"]


def partnership_view(user, council, cycle: Cycle | None = None) -> dict:
    """What `user` may read of the council's partnerships: the PCTs and, per PCT, only the joint items."""
    pcts = access.partner_pcts(user, council)
    cycle = cycle or Cycle.current()
    partnerships = list(partnerships_of_council(council, pcts))
    return {
        "council": council,
        "cycle": cycle,
        "partnerships": partnerships,
        "joint_outcomes": joint_selectors.joint_outcomes(council, pcts, cycle),
        "budgets": joint_selectors.pooled_budgets(council, pcts, cycle),
        "needs_assessments": jsna.for_council(council, pcts),
        "can_comment": access.can(user, access.COMMENT_JOINT, council),
        "editable_pcts": [p.pct for p in partnerships if access.can(user, access.EDIT, p.pct)],
    }


def _result_cells(result) -> list:
    return [result.period, result.value, result.trend] if result else ["", "", "no stored value"]


def csv_rows(view: dict) -> list[list]:
    """The page's tables as CSV rows in one long format (one figure per row)."""
    council = view["council"].code
    rows = [CSV_HEADER]
    for p in view["partnerships"]:
        note = "coterminous" if p.coterminous else "not coterminous"
        rows.append(
            ["partnership", p.pct.code, council, p.pct.name, "population_share_percent", "", p.population_share, note]
        )
    for row in view["joint_outcomes"]:
        pct, code = row.joint.outcome.assessment.organisation.code, row.joint.outcome.indicator.code
        rows.append(["joint_outcome", pct, council, code, "pct_value", *_result_cells(row.pct_result)])
        rows.append(["joint_outcome", pct, council, code, "council_value", *_result_cells(row.council_result)])
    for b in view["budgets"]:
        pct = next((p.code for p, _, _ in b.grid if p.kind == OrgKind.PCT), "")
        for partner, amounts, _ in b.grid:
            for year, amount in zip(b.years, amounts, strict=True):
                if amount is not None:
                    measure = f"contribution_gbp {partner.code}"
                    rows.append(
                        ["pooled_budget", pct, council, b.budget.name, measure, year, amount, b.budget.legal_basis]
                    )
        if not b.measurable:
            rows.append(["pooled_budget", pct, council, b.budget.name, "outcome", "", "", "no measurable outcome"])
        for indicator, sides in b.outcomes:
            for partner, result in sides:
                rows.append(
                    [
                        "pooled_budget",
                        pct,
                        council,
                        b.budget.name,
                        f"outcome {indicator.code} {partner.code}",
                        *_result_cells(result),
                    ]
                )
    for j in view["needs_assessments"]:
        for need in j.needs:
            rows.append(
                ["needs_assessment", j.pct.code, council, j.title, "need", j.assessment_date.isoformat(), "", need]
            )
    return rows


def api_data(view: dict) -> dict:
    """The page's content as JSON-ready data."""

    def result(r):
        return {"period": r.period, "value": r.value, "comparison": r.comparison, "trend": r.trend} if r else None

    return {
        "council": view["council"].code,
        "council_name": view["council"].name,
        "cycle": view["cycle"].code if view["cycle"] else None,
        "partnerships": [
            {
                "pct": p.pct.code,
                "pct_name": p.pct.name,
                "population_share": str(p.population_share),
                "coterminous": p.coterminous,
            }
            for p in view["partnerships"]
        ],
        "joint_outcomes": [
            {
                "pct": r.joint.outcome.assessment.organisation.code,
                "indicator": r.joint.outcome.indicator.code,
                "pct_result": result(r.pct_result),
                "council_result": result(r.council_result),
                "comments": [{"text": c.text, "created_at": c.created_at.isoformat()} for c in r.comments],
            }
            for r in view["joint_outcomes"]
        ],
        "pooled_budgets": [
            {
                "name": b.budget.name,
                "legal_basis": b.budget.legal_basis,
                "services": b.budget.services,
                "contributions": [
                    {"partner": p.code, "year": y, "amount": str(a)}
                    for p, amounts, _ in b.grid
                    for y, a in zip(b.years, amounts, strict=True)
                    if a is not None
                ],
                "measurable_outcome": b.measurable,
                "outcomes": [
                    {"indicator": i.code, "results": {p.code: result(r) for p, r in sides}} for i, sides in b.outcomes
                ],
            }
            for b in view["budgets"]
        ],
        "needs_assessments": [
            {"pct": j.pct.code, "title": j.title, "date": j.assessment_date.isoformat(), "needs": j.needs}
            for j in view["needs_assessments"]
        ],
    }
