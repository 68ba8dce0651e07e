"""The PCT's outcome scorecard as the panel's pages show it: read from the outcomes app, drawn as SVG here.

Nothing is computed: the values, England averages, upper quartiles, comparisons and trends are the outcomes app's
stored results (`outcomes.selectors.scorecard`).
A summary holds plain values only, so a signed-off report keeps its scorecard as it stood (`as_snapshot`).
"""

from dataclasses import asdict, dataclass

from django.utils.safestring import mark_safe

from outcomes.selectors import scorecard

from .charts import line_chart_svg


@dataclass
class OutcomeSummary:
    """One chosen outcome: its latest stored result and benchmark, and the series its chart draws."""

    name: str
    unit: str
    period: str | None  # of the latest result; None without one
    value: float | None
    national_average: float | None
    upper_quartile: float | None
    comparison: str  # "Better than England" and the like; empty when not compared
    trend: str
    periods: list
    series: dict  # line label -> values by period

    @property
    def chart(self) -> str:
        """The SVG chart, drawn when a page renders it (inside a cached fragment: once per content)."""
        return mark_safe(line_chart_svg(self.name, self.periods, self.series, self.unit))  # escaped there

    def as_snapshot(self) -> dict:
        return asdict(self)

    @classmethod
    def from_snapshot(cls, data: dict) -> "OutcomeSummary":
        return cls(**data)


def _series(row) -> dict:
    benchmarks = [row.benchmarks.get(point.period) for point in row.series]
    return {
        "PCT": [point.value for point in row.series],
        "England": [b.national_average if b else None for b in benchmarks],
        "Upper quartile": [b.upper_quartile if b else None for b in benchmarks],
    }


def _summary(row) -> OutcomeSummary:
    latest, benchmark = row.latest, row.latest_benchmark
    return OutcomeSummary(
        name=row.indicator.name,
        unit=row.indicator.unit,
        period=latest.period if latest else None,
        value=latest.value if latest else None,
        national_average=benchmark.national_average if benchmark else None,
        upper_quartile=benchmark.upper_quartile if benchmark else None,
        comparison=latest.get_comparison_display() if latest and latest.comparison else "",
        trend=latest.get_trend_display() if latest and latest.trend else "",
        periods=[p.period for p in row.series],
        series=_series(row),
    )


def summaries(assessment) -> list[OutcomeSummary]:
    """The assessment's scorecard rows with the series of a chart each."""
    return [_summary(row) for row in scorecard(assessment)]


def data_period(outcomes: list[OutcomeSummary] | None) -> str:
    """The periods the scorecard's latest values speak for, e.g. "2006-08 to 2008-09"; empty without data."""
    latest = sorted({o.period for o in outcomes or [] if o.period})
    if not latest:
        return ""
    return latest[0] if len(latest) == 1 else f"{latest[0]} to {latest[-1]}"
