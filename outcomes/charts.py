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


def _sentence(words: str) -> str:
    return words[:1].upper() + words[1:]  # "Better than England", keeping England's capital


def compare_figure(comparison, rows: list[dict]) -> str:
    """Compare areas: a bar per PCT in value order, coloured by its comparison with England, with its 95% interval;
    England's (and the SHA's) value as lines. One bar trace per comparison, so the legend explains each colour."""
    from .compare import COMPARISON_WORDS, LEGEND_ORDER

    shown = [r for r in rows if r["value"] is not None]
    names = [r["name"] for r in shown]
    data = []
    for comparison_value in LEGEND_ORDER:
        group = [r for r in shown if r["comparison"] == comparison_value]
        if not group:
            continue
        data.append({
            "type": "bar", "x": [r["name"] for r in group], "y": [r["value"] for r in group],
            "name": _sentence(COMPARISON_WORDS[comparison_value]),
            "marker": {"color": group[0]["colour"], "line": {
                "color": [COLOURS["england"] if r["highlight"] else palette.DARK_GREY for r in group],
                "width": [3 if r["highlight"] else 0.5 for r in group]}},
            "error_y": {
                "type": "data", "visible": True, "color": palette.BLACK, "thickness": 1, "width": 2,
                "array": [None if r["upper_ci"] is None else r["upper_ci"] - r["value"] for r in group],
                "arrayminus": [None if r["lower_ci"] is None else r["value"] - r["lower_ci"] for r in group],
            },
        })  # fmt: skip
    bench, shapes = comparison.benchmark, []
    lines = []
    if bench is not None and bench.national_average is not None:
        lines.append((bench.national_average, f"England {bench.national_average:.4g}", COLOURS["england"], "solid"))
    if comparison.sha is not None and comparison.sha_value is not None:
        label = f"{comparison.sha.name} {comparison.sha_value:.4g}"
        lines.append((comparison.sha_value, label, COLOURS["trajectory"], "dash"))
    for value, label, colour, dash in lines:  # across the whole chart; a legend entry says what each is
        shapes.append({"type": "line", "xref": "paper", "x0": 0, "x1": 1, "yref": "y", "y0": value, "y1": value,
                       "line": {"color": colour, "width": 2, "dash": dash}})  # fmt: skip
        data.append(_line([None], [None], label, colour, None if dash == "solid" else dash))
    layout = {
        "shapes": shapes,
        "height": 460 if len(names) <= 40 else 380, "barmode": "overlay", "bargap": 0.15,
        "margin": {"l": 60, "r": 20, "t": 20, "b": 160 if len(names) <= 40 else 40},
        "legend": {"orientation": "h", "y": 1.12},
        "xaxis": {"type": "category", "categoryorder": "array", "categoryarray": names, "tickangle": -60,
                  "showticklabels": len(names) <= 40},
        "yaxis": {"title": {"text": comparison.indicator.unit}, "rangemode": "tozero"},
    }  # fmt: skip
    return safe_json({"data": data, "layout": layout})


def funnel_figure(comparison, rows: list[dict], funnel) -> str:
    """Funnel plot: each PCT's value against its denominator, England's value and its 95% and 99.8% limits."""
    from .compare import COMPARISON_WORDS, LEGEND_ORDER

    data = []
    if funnel is not None:
        n = funnel.denominators
        data += [
            _line(n, funnel.upper_998, "99.8% limits", palette.DARK_GREY, "dot", legendgroup="998"),
            _line(n, funnel.lower_998, "99.8% limits", palette.DARK_GREY, "dot", legendgroup="998", showlegend=False),
            _line(n, funnel.upper_95, "95% limits", palette.DARK_GREY, "dash", legendgroup="95"),
            _line(n, funnel.lower_95, "95% limits", palette.DARK_GREY, "dash", legendgroup="95", showlegend=False),
            _line([n[0], n[-1]], [comparison.benchmark.national_average] * 2,
                  f"England {comparison.benchmark.national_average:.4g}", COLOURS["england"]),
        ]  # fmt: skip
    plotted = [r for r in rows if r["value"] is not None and r["denominator"]]
    for comparison_value in LEGEND_ORDER:
        group = [r for r in plotted if r["comparison"] == comparison_value]
        if group:
            data.append({
                "type": "scatter", "mode": "markers", "name": _sentence(COMPARISON_WORDS[comparison_value]),
                "x": [r["denominator"] for r in group], "y": [r["value"] for r in group],
                "text": [r["name"] for r in group], "hovertemplate": "%{text}: %{y} (denominator %{x})<extra></extra>",
                "marker": {"color": group[0]["colour"], "size": [14 if r["highlight"] else 9 for r in group],
                           "line": {"color": palette.BLACK, "width": 1}},
            })  # fmt: skip
    layout = {
        "height": 420, "margin": {"l": 60, "r": 20, "t": 20, "b": 60}, "legend": {"orientation": "h", "y": -0.2},
        "xaxis": {"type": "log", "title": {"text": "Denominator (population), log scale"}},
        "yaxis": {"title": {"text": comparison.indicator.unit}},
    }  # fmt: skip
    return safe_json({"data": data, "layout": layout})
