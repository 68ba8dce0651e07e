"""The PCT's outcome scorecard as the panel's pages show it: read from the outcomes app, drawn as SVG here.

Nothing is computed: the values, England averages, upper quartiles, comparisons and trends are the outcomes app's
stored results (`outcomes.selectors.scorecard`). Until that app provides the selector, the pages show a placeholder.
"""

from dataclasses import dataclass

from django.utils.safestring import mark_safe

from .charts import line_chart_svg


@dataclass
class OutcomeSummary:
    """One chosen outcome: its latest stored result and benchmark, and a chart of its series."""

    name: str
    unit: str
    latest: object
    benchmark: object
    chart: str
    periods: list


def _chart(row) -> str:
    periods = [point.period for point in row.series]
    benchmarks = [row.benchmarks.get(p) for p in periods]
    series = {
        "PCT": [point.value for point in row.series],
        "England": [b.national_average if b else None for b in benchmarks],
        "Upper quartile": [b.upper_quartile if b else None for b in benchmarks],
    }
    return mark_safe(line_chart_svg(row.indicator.name, periods, series))  # noqa: S308 - escaped in line_chart_svg


def summaries(assessment) -> list[OutcomeSummary] | None:
    """The assessment's scorecard rows with an SVG chart each; None while the outcomes app has no scorecard."""
    try:
        from outcomes.selectors import scorecard
    except ImportError:
        return None
    return [
        OutcomeSummary(
            name=row.indicator.name,
            unit=row.indicator.unit,
            latest=row.latest,
            benchmark=row.latest_benchmark,
            chart=_chart(row),
            periods=[p.period for p in row.series],
        )
        for row in scorecard(assessment)
    ]


def data_period(outcomes: list[OutcomeSummary] | None) -> str:
    """The periods the scorecard's latest values speak for, e.g. "2006-08 to 2008-09"; empty without data."""
    latest = sorted({o.latest.period for o in outcomes or [] if o.latest})
    if not latest:
        return ""
    return latest[0] if len(latest) == 1 else f"{latest[0]} to {latest[-1]}"
