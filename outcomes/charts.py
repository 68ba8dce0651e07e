"""Plotly figures of stored results, as JSON for a `<script type="application/json">` block (no computing).

The figures are plain dictionaries in Plotly's schema (as the national charts are): building them through
`plotly.graph_objects` validated every property on each request and cost most of the scorecard page's time.
"""

import json
import math

from assurance import palette

from .periods import sort_periods
from .scorecard import is_count_unit

COLOURS = {
    "pct": palette.BLUE,
    "england": palette.BLACK,
    "upper": palette.GREEN,
    "trajectory": palette.ORANGE,
    "range": palette.MID_GREY,
}


def _number(value):
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def _line(x, y, name: str, colour: str, dash: str | None = None, mode: str = "lines", **extra) -> dict:
    line = {"color": colour} if dash is None else {"color": colour, "dash": dash}
    return {"type": "scatter", "x": x, "y": y, "name": name, "mode": mode, "line": line, **extra}


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
    error_y = {"type": "data", "array": upper, "arrayminus": lower, "visible": True}
    data = [
        _line(periods, values, row.outcome.assessment.organisation.name, COLOURS["pct"], mode="lines+markers",
              error_y=error_y),
        _line(periods, [_number(b.national_average) if b else None for b in benchmarks], "England average",
              COLOURS["england"], "dot"),
    ]  # fmt: skip
    if row.indicator.polarity != "none":
        upper_quartile = [_number(b.upper_quartile) if b else None for b in benchmarks]
        data.append(_line(periods, upper_quartile, "Upper quartile of PCTs", COLOURS["upper"], "dash"))
    aims = dict(plan)
    data.append(
        _line(periods, [aims.get(p) for p in periods], "Trajectory (aim)", COLOURS["trajectory"], "longdash",
              mode="lines+markers", connectgaps=True)
    )  # fmt: skip
    layout = {
        "height": 360, "margin": {"l": 60, "r": 20, "t": 20, "b": 60}, "legend": {"orientation": "h", "y": -0.25},
        "xaxis": {"type": "category", "categoryorder": "array", "categoryarray": periods, "title": {"text": "Period"}},
        "yaxis": {"title": {"text": row.indicator.unit}},
    }  # fmt: skip
    return safe_json({"data": data, "layout": layout})


def spine_figure(rows) -> str:
    """A spine chart: England in the middle, the PCTs' range either side, better to the right, the PCT marked."""
    labels, ranges, quartiles, marks = [], [], [], []
    for row in reversed(rows):
        spine = spine_positions(row)
        if spine is None:
            continue
        labels.append(row.indicator.name[:60])
        ranges.append(spine["range"])
        quartiles.append(spine["iqr"])
        marks.append(spine["value"])

    def bar(spans, name, colour):
        return {
            "type": "bar", "orientation": "h", "y": labels,
            "x": [None if low is None else high - low for low, high in spans],
            "base": [low for low, _ in spans], "name": name, "marker": {"color": colour},
        }  # fmt: skip

    data = [
        bar(ranges, "Range of PCTs", "#dee0e2"),
        bar(quartiles, "Middle half of PCTs (25th to 75th percentile)", COLOURS["range"]),
        {"type": "scatter", "mode": "markers", "y": labels, "x": marks, "name": "This PCT",
         "marker": {"color": COLOURS["pct"], "size": 12, "symbol": "diamond"}},
    ]  # fmt: skip
    england = {"type": "line", "x0": 0, "x1": 0, "xref": "x", "y0": 0, "y1": 1, "yref": "y domain",
               "line": {"color": COLOURS["england"], "width": 2}}  # fmt: skip
    layout = {
        "barmode": "overlay", "height": 120 + 40 * len(labels), "showlegend": True, "shapes": [england],
        "xaxis": {"range": [-1.05, 1.05], "tickvals": [-1, 0, 1], "ticktext": ["Worse", "England", "Better"]},
        "margin": {"l": 360, "r": 20, "t": 20, "b": 40}, "legend": {"orientation": "h", "y": -0.1},
    }  # fmt: skip
    return safe_json({"data": data, "layout": layout})


def spine_positions(row) -> dict | None:
    """Positions from -1 to 1 around England (0): the further from England, the further out; better = right."""
    bench, result = row.benchmark, row.result
    if not bench or not result or bench.national_average is None or row.lowest is None:
        return None
    if is_count_unit(row.indicator.unit):
        return None  # a count is not compared with England: it grows with population
    centre = bench.national_average
    scale = max(abs(centre - row.lowest), abs(row.highest - centre)) or 1.0
    flip = -1.0 if row.indicator.polarity == "lower" else 1.0

    def position(x):
        return None if _number(x) is None else flip * (x - centre) / scale

    low, high = sorted([position(row.lowest), position(row.highest)])
    # No quartiles below four PCTs: no middle-half bar.
    q_low, q_high = sorted([position(bench.q1), position(bench.q3)]) if bench.q1 is not None else (None, None)
    return {"range": (low, high), "iqr": (q_low, q_high), "value": position(result.value)}


def safe_json(figure: dict) -> str:
    """The figure's JSON with <, > and & escaped, so no text in it can close the script block it sits in.

    Missing numbers are None (null, a gap in the chart) before they get here; a NaN would be invalid JSON.
    """
    text = json.dumps(figure, separators=(",", ":"), default=_plain, allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _plain(value):
    return float(value)  # Decimal and numpy numbers
