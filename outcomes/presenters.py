"""Shape stored results for pages and CSV: labels, on-track statements, table rows. No computing of figures."""

from .choices import COMPARISON_TAG, TREND_TAG, Comparison, Trend
from .models import PLAN_YEARS, Indicator
from .periods import period_financial_year, period_months
from .scorecard import is_count_unit
from .selectors import indicators_with_data


def plan_years(cycle) -> list[str]:
    """The five plan years starting with the cycle's own year (2009-10 .. 2013-14)."""
    first = cycle.start_date.year
    return [f"{first + i}-{(first + i + 1) % 100:02d}" for i in range(PLAN_YEARS)]


def outcome_options(organisation, cycle) -> dict:
    """PCT indicators grouped by data-pack area, and which of them have data for the PCT in the cycle's periods."""
    indicators = list(Indicator.objects.for_org_type("PCT").order_by("data_pack_area", "name"))
    groups: dict[str, list] = {}
    for indicator in indicators:
        groups.setdefault(indicator.data_pack_area, []).append(indicator)
    with_data = {i.code for i in indicators_with_data(organisation, cycle)}
    return {"all": indicators, "groups": groups, "with_data": with_data}


MET, NOT_MET_WITHIN, NOT_MET, NO_VALUE = "met", "not met, within uncertainty", "not met", "no value yet"
ON_TRACK_TAG = {
    MET: "govuk-tag--green",
    NOT_MET_WITHIN: "govuk-tag--yellow",
    NOT_MET: "govuk-tag--red",
    NO_VALUE: "govuk-tag--grey",
}


def plan_year_verdict(polarity: str, aim: float, value, lower=None, upper=None) -> str | None:
    """One plan year read through polarity (DESIGN.md section 5, "on track"): "met" at or better than the aim; "not
    met, within uncertainty" worse but with the aim inside the 95% interval; "not met" when the interval lies wholly
    on the worse side (or there is none); "no value yet". None without polarity (no better direction)."""
    if polarity not in ("higher", "lower"):
        return None
    if value is None:
        return NO_VALUE
    if (value >= aim) if polarity == "higher" else (value <= aim):
        return MET
    if lower is not None and upper is not None and lower <= aim <= upper:
        return NOT_MET_WITHIN
    return NOT_MET


def latest_by_financial_year(series) -> dict[int, object]:
    """The latest stored value ending in each financial year (first year -> result): a period belongs to the
    financial year in which it ends (calendar 2009 and rolling 2007-09 to 2009-10)."""
    latest: dict[int, tuple] = {}
    for point in series:
        if point.value is None:
            continue
        year, ends = period_financial_year(point.period), period_months(point.period)[1]
        if year not in latest or (ends, point.period) > latest[year][0]:
            latest[year] = ((ends, point.period), point)
    return {year: point for year, (_, point) in latest.items()}


def plan_years_on_track(row, aims: list[tuple[str, float | None]]) -> list[dict]:
    """Each plan year with an aim: its aim, the value of the latest period belonging to it, and the verdict."""
    values = latest_by_financial_year(row.series)
    lines = []
    for year, aim in aims:
        if aim is None:
            continue
        point = values.get(period_financial_year(year))
        verdict = plan_year_verdict(
            row.indicator.polarity,
            aim,
            *(getattr(point, f) if point else None for f in ("value", "lower_ci", "upper_ci")),
        )
        lines.append(
            {"year": year, "aim": aim, "point": point, "verdict": verdict, "tag": ON_TRACK_TAG.get(verdict, "")}
        )
    return lines


def on_track(row, aims: list[tuple[str, float | None]]) -> str:
    """The latest plan year with a value against its aim, and what the trend says."""
    if row.indicator.polarity == "none":
        return "No polarity: this indicator has no better or worse direction."
    trend = row.latest.trend if row.latest else Trend.NOT_ENOUGH
    judged = [line for line in plan_years_on_track(row, aims) if line["point"] is not None]
    if not judged:
        return f"No value yet for a plan year; the trend is {trend}."
    line = judged[-1]
    point = line["point"]
    return (
        f"{line['year']}: {line['verdict']} ({point.period} value {point.value:.4g} against an aim of "
        f"{line['aim']:.4g}); the trend is {trend}."
    )


def outcome_card(row, years: list[str]) -> dict:
    """What the scorecard shows for one chosen outcome."""
    trajectory = row.outcome.trajectory or []
    aims = list(zip(years, [*trajectory, *[None] * PLAN_YEARS][:PLAN_YEARS], strict=True))
    plan = aims  # the line drawn: from the baseline (when before the plan) through each year's aim
    if row.outcome.baseline is not None and row.outcome.baseline_period and row.outcome.baseline_period not in years:
        plan = [(row.outcome.baseline_period, row.outcome.baseline), *aims]
    latest = row.latest
    return {
        "row": row,
        "latest": latest,
        "benchmark": row.latest_benchmark,
        "plan": plan,
        "comparison_tag": COMPARISON_TAG.get(latest.comparison, "") if latest else "",
        "trend_tag": TREND_TAG.get(latest.trend, "") if latest else "",
        "flag": bool(latest and latest.worse_and_worsening),
        "on_track": on_track(row, aims) if latest else "No data yet.",
        "plan_years": plan_years_on_track(row, aims),
        "national_note": _national_note(row.indicator, row.latest_benchmark),
        "upper_quartile_note": _upper_quartile_note(row.indicator, row.latest_benchmark),
        "table": _series_table(row, plan),
    }


def _national_note(indicator, bench) -> str:
    """Where the England figure comes from, or why there is none."""
    if bench is None or bench.national_source is None:
        return "Not available: no England value and not every PCT's counts, so nothing is compared"
    return "sum of PCTs' numerators over their denominators" if bench.national_source == "aggregate" else ""


def _upper_quartile_note(indicator, bench) -> str:
    """Why there is no upper quartile."""
    if indicator.polarity == "none":
        return "No upper quartile: the indicator has no better direction"
    if is_count_unit(indicator.unit):
        return "No upper quartile: a count grows with population, so it is judged against its trajectory"
    return "No upper quartile: fewer than four PCTs have a value"


def _series_table(row, plan) -> list[dict]:
    """One line per period: the PCT's value and interval, England, upper quartile, and the aim."""
    aims = dict(plan)
    points = {p.period: p for p in row.series}
    from .periods import sort_periods

    lines = []
    for period in sort_periods(set(points) | set(aims)):
        point, bench = points.get(period), row.benchmarks.get(period)
        lines.append({"period": period, "point": point, "benchmark": bench, "aim": aims.get(period)})
    return lines


SCORECARD_CSV_HEADER = [
    "indicator_code", "indicator", "unit", "polarity", "period", "value", "lower_ci", "upper_ci", "ci_source",
    "national_average", "national_source", "upper_quartile", "comparison", "quartile", "trend", "trend_slope",
    "trend_p_value", "gap_to_upper_quartile", "periods_to_upper_quartile", "aim", "synthetic",
]  # fmt: skip


def scorecard_csv_rows(row, years: list[str]) -> list[list]:
    """The CSV lines of one outcome: every period with a value or an aim."""
    card = outcome_card(row, years)
    lines = []
    for line in card["table"]:
        p, b = line["point"], line["benchmark"]
        lines.append(
            [row.indicator.code, row.indicator.name, row.indicator.unit, row.indicator.polarity, line["period"]]
            + [getattr(p, f, "") if p else "" for f in ("value", "lower_ci", "upper_ci", "ci_source")]
            + [getattr(b, f, "") if b else "" for f in ("national_average", "national_source", "upper_quartile")]
            + [
                getattr(p, f, "") if p else ""
                for f in (
                    "comparison",
                    "quartile",
                    "trend",
                    "trend_slope",
                    "trend_p_value",
                    "gap_to_upper_quartile",
                    "periods_to_upper_quartile",
                )
            ]  # fmt: skip
            + [line["aim"] if line["aim"] is not None else "", "yes" if p and p.is_synthetic else "no" if p else ""]
        )
    return [[("" if v is None else v) for v in line] for line in lines]


def pack_rows(rows) -> list[dict]:
    """The data pack table: each indicator with its tags."""
    return [
        {
            "row": r,
            "comparison_tag": COMPARISON_TAG.get(r.result.comparison, "") if r.result else "",
            "flag": bool(r.result and r.result.comparison == Comparison.WORSE and r.result.trend == Trend.WORSENING),
        }
        for r in rows
    ]


PACK_CSV_HEADER = [
    "indicator_code", "indicator", "unit", "polarity", "period", "value", "lower_ci", "upper_ci",
    "national_average", "q1", "median", "q3", "lowest_pct", "highest_pct", "comparison", "quartile", "trend",
    "synthetic",
]  # fmt: skip


def pack_csv_rows(rows) -> list[list]:
    lines = []
    for r in rows:
        p, b = r.result, r.benchmark
        lines.append(
            [r.indicator.code, r.indicator.name, r.indicator.unit, r.indicator.polarity, p.period if p else ""]
            + [getattr(p, f) if p else "" for f in ("value", "lower_ci", "upper_ci")]
            + [getattr(b, f) if b else "" for f in ("national_average", "q1", "median", "q3")]
            + [r.lowest, r.highest]
            + [getattr(p, f) if p else "" for f in ("comparison", "quartile", "trend")]
            + ["yes" if p and p.is_synthetic else "no" if p else ""]
        )
    return [[("" if v is None else v) for v in line] for line in lines]


# Compare areas and the SHA overview: rows in value order, with the comparison in colour and in words. No ranks.


def compare_rows(comparison, highlight: str = "") -> list[dict]:
    """The PCTs of a comparison sorted by value (lowest first, no value last), each with its comparison's tag and
    words and, for proportions and crude rates, where it lies against England's funnel limits."""
    from . import compare

    indicator, bench = comparison.indicator, comparison.benchmark
    england = bench.national_average if bench else None
    areas = compare.by_value(comparison.areas)
    positions = [None] * len(areas)
    if indicator.has_funnel and england is not None:
        values, denominators = [a.value for a in areas], [a.denominator for a in areas]
        positions = compare.funnel_positions(indicator.value_type, england, indicator.multiplier, values, denominators)
    rows = []
    for area, position in zip(areas, positions, strict=True):
        result = area.result
        rows.append(
            {
                "code": result.organisation.code,
                "name": result.organisation.name,
                "value": result.value,
                "lower_ci": result.lower_ci,
                "upper_ci": result.upper_ci,
                "comparison": result.comparison or Comparison.NOT_TESTED,
                "words": compare.comparison_words(result.comparison),
                "tag": COMPARISON_TAG.get(result.comparison, "govuk-tag--grey"),
                "colour": compare.comparison_colour(result.comparison),
                "numerator": area.numerator,
                "denominator": area.denominator,
                "funnel": position,
                "synthetic": result.is_synthetic,
                "highlight": result.organisation.code == highlight,
            }
        )
    return rows


COMPARE_CSV_HEADER = [
    "indicator_code", "indicator", "unit", "polarity", "period", "scope", "org_code", "organisation", "value",
    "lower_ci", "upper_ci", "comparison", "numerator", "denominator", "funnel_position", "england_value",
    "scope_value", "synthetic",
]  # fmt: skip


def compare_csv_rows(comparison, rows: list[dict]) -> list[list]:
    """The CSV lines of compare areas, in the page's order (by value)."""
    indicator, bench = comparison.indicator, comparison.benchmark
    scope = comparison.sha.code if comparison.sha else "England"
    england = bench.national_average if bench else None
    lines = [
        [indicator.code, indicator.name, indicator.unit, indicator.polarity, comparison.period, scope, r["code"],
         r["name"], r["value"], r["lower_ci"], r["upper_ci"], r["comparison"], r["numerator"], r["denominator"],
         r["funnel"], england, comparison.sha_value, "yes" if r["synthetic"] else "no"]
        for r in rows
    ]  # fmt: skip
    return [[("" if v is None else v) for v in line] for line in lines]


def overview_groups(groups: dict, pcts: list) -> list[dict]:
    """The overview grid: each data-pack area with its rows; whether any value shown is synthetic."""
    return [
        {
            "area": area,
            "lines": [
                {"row": row, "synthetic": any(c is not None and c.is_synthetic for c in row.cells)} for row in rows
            ],
        }
        for area, rows in groups.items()
    ]
