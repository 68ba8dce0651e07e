"""Plotly figures of stored results, as JSON for a `<script type="application/json">` block (no computing)."""

import math

import plotly.graph_objects as go

from .periods import sort_periods

COLOURS = {"pct": "#1d70b8", "england": "#0b0c0c", "upper": "#00703c", "trajectory": "#f47738", "range": "#b1b4b6"}


def _number(value):
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def outcome_figure(row, plan: list[tuple[str, float | None]]) -> str:
    """The PCT's series with 95% intervals, England's average, the upper quartile and the trajectory."""
    periods = sort_periods({p.period for p in row.series} | {period for period, _ in plan})
    benchmarks = [row.benchmarks.get(p) for p in periods]
    series = {p.period: p for p in row.series}
    values = [_number(series[p].value) if p in series else None for p in periods]
    upper = [
        (_number(series[p].upper_ci) or 0) - (_number(series[p].value) or 0) if p in series else None for p in periods
    ]
    lower = [
        (_number(series[p].value) or 0) - (_number(series[p].lower_ci) or 0) if p in series else None for p in periods
    ]
    figure = go.Figure()
    figure.add_scatter(
        x=periods, y=values, name=row.outcome.assessment.organisation.name, mode="lines+markers",
        line={"color": COLOURS["pct"]},
        error_y={"type": "data", "array": upper, "arrayminus": lower, "visible": True},
    )  # fmt: skip
    figure.add_scatter(
        x=periods, y=[b.national_average if b else None for b in benchmarks], name="England average",
        mode="lines", line={"color": COLOURS["england"], "dash": "dot"},
    )  # fmt: skip
    if row.indicator.polarity != "none":
        figure.add_scatter(
            x=periods, y=[b.upper_quartile if b else None for b in benchmarks], name="Upper quartile of PCTs",
            mode="lines", line={"color": COLOURS["upper"], "dash": "dash"},
        )  # fmt: skip
    aims = dict(plan)
    figure.add_scatter(
        x=periods, y=[aims.get(p) for p in periods], name="Trajectory (aim)", mode="lines+markers",
        line={"color": COLOURS["trajectory"], "dash": "longdash"}, connectgaps=True,
    )  # fmt: skip
    return _json(figure, row.indicator.unit, categories=periods)


def spine_figure(rows) -> str:
    """A spine chart: England in the middle, the PCTs' range either side, better to the right, the PCT marked."""
    figure = go.Figure()
    labels, ranges, quartiles, marks = [], [], [], []
    for row in reversed(rows):
        spine = spine_positions(row)
        if spine is None:
            continue
        labels.append(row.indicator.name[:60])
        ranges.append(spine["range"])
        quartiles.append(spine["iqr"])
        marks.append(spine["value"])
    figure.add_bar(
        y=labels,
        x=[r[1] - r[0] for r in ranges],
        base=[r[0] for r in ranges],
        orientation="h",
        name="Range of PCTs",
        marker={"color": "#dee0e2"},
    )
    figure.add_bar(
        y=labels,
        x=[q[1] - q[0] for q in quartiles],
        base=[q[0] for q in quartiles],
        orientation="h",
        name="Middle half of PCTs (25th to 75th percentile)",
        marker={"color": COLOURS["range"]},
    )
    figure.add_scatter(
        y=labels,
        x=marks,
        mode="markers",
        name="This PCT",
        marker={"color": COLOURS["pct"], "size": 12, "symbol": "diamond"},
    )
    figure.add_vline(x=0, line={"color": COLOURS["england"], "width": 2})
    figure.update_layout(
        template="none", barmode="overlay", height=120 + 40 * len(labels), showlegend=True,
        xaxis={"range": [-1.05, 1.05], "tickvals": [-1, 0, 1], "ticktext": ["Worse", "England", "Better"]},
        margin={"l": 360, "r": 20, "t": 20, "b": 40}, legend={"orientation": "h", "y": -0.1},
    )  # fmt: skip
    return safe_json(figure)


def spine_positions(row) -> dict | None:
    """Positions from -1 to 1 around England (0): the further from England, the further out; better = right."""
    bench, result = row.benchmark, row.result
    if not bench or not result or bench.national_average is None or row.lowest is None:
        return None
    centre = bench.national_average
    scale = max(abs(centre - row.lowest), abs(row.highest - centre)) or 1.0
    flip = -1.0 if row.indicator.polarity == "lower" else 1.0

    def position(x):
        return None if x is None else flip * (x - centre) / scale

    low, high = sorted([position(row.lowest), position(row.highest)])
    q_low, q_high = sorted([position(bench.q1), position(bench.q3)])
    return {"range": (low, high), "iqr": (q_low, q_high), "value": position(result.value)}


def _json(figure, unit: str, *, categories: list[str]) -> str:
    figure.update_layout(
        template="none", height=360, margin={"l": 60, "r": 20, "t": 20, "b": 60},
        xaxis={"type": "category", "categoryorder": "array", "categoryarray": categories, "title": "Period"},
        yaxis={"title": unit}, legend={"orientation": "h", "y": -0.25},
    )  # fmt: skip
    return safe_json(figure)


def safe_json(figure) -> str:
    """The figure's JSON with <, > and & escaped, so no text in it can close the script block it sits in."""
    return figure.to_json().replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
