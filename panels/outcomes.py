"""The PCT's outcome scorecard as the panel's pages show it: read from the outcomes app, drawn as SVG here.

Nothing is computed: the values, England averages, upper quartiles, comparisons and trends are the outcomes app's
stored results (`outcomes.selectors.scorecard`). Until that app provides the selector, the pages show a placeholder.
"""

from dataclasses import dataclass

from django.utils.safestring import mark_safe

from .charts import line_chart_svg


@dataclass
class OutcomeSummary:
    """One chosen outcome: its latest stored result and benchmark, and the series its chart draws."""

    name: str
    unit: str
    latest: object
    benchmark: object
    periods: list
    series: dict  # line label -> values by period

    @property
    def chart(self) -> str:
        """The SVG chart, drawn when a page renders it (inside a cached fragment: once per content)."""
        return mark_safe(line_chart_svg(self.name, self.periods, self.series))  # noqa: S308 - escaped there


def _series(row) -> dict:
    benchmarks = [row.benchmarks.get(point.period) for point in row.series]
    return {
        "PCT": [point.value for point in row.series],
        "England": [b.national_average if b else None for b in benchmarks],
        "Upper quartile": [b.upper_quartile if b else None for b in benchmarks],
    }


def summaries(assessment) -> list[OutcomeSummary] | None:
    """The assessment's scorecard rows with the series of a chart each; None while the outcomes app has none."""
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
            periods=[p.period for p in row.series],
            series=_series(row),
        )
        for row in scorecard(assessment)
    ]


def data_period(outcomes: list[OutcomeSummary] | None) -> str:
    """The periods the scorecard's latest values speak for, e.g. "2006-08 to 2008-09"; empty without data."""
    latest = sorted({o.latest.period for o in outcomes or [] if o.latest})
    if not latest:
        return ""
    return latest[0] if len(latest) == 1 else f"{latest[0]} to {latest[-1]}"
