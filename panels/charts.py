"""Server-side SVG line charts of an outcome's series, for the report page and its PDF (no browser needed).

Readable on the page and on paper: a value axis with rounded ticks and gridlines, its unit named, every period
labelled, and a legend. The chart's figures are also in the table beside it.
"""

import math

from django.utils.html import escape

from assurance import palette

WIDTH, HEIGHT = 560, 300
LEFT, RIGHT, TOP = 64, 16, 28  # room for the value ticks, the right edge and the unit
PLOT_BOTTOM = 220  # the bottom of the plot area: period labels and the legend below it
FONT = 'font-family="Liberation Sans, Arial, sans-serif"'
STYLES = [palette.BLUE, palette.DARK_GREY, palette.GREEN, palette.RED]
DASHES = ["", ' stroke-dasharray="6 3"', ' stroke-dasharray="2 3"', ' stroke-dasharray="8 3 2 3"']


def nice_ticks(low: float, high: float, most: int = 6) -> list[float]:
    """Round tick values covering low..high (steps of 1, 2, 2.5 or 5 times a power of ten), at most `most` + 1.

    A flat series gets a range around its value, so its line does not sit on the axis.
    """
    if high < low:
        low, high = high, low
    if high == low:
        pad = abs(high) * 0.05 or 1.0
        low, high = low - pad, high + pad
    rough = (high - low) / max(most - 1, 1)
    power = 10 ** math.floor(math.log10(rough))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= rough)
    first = math.floor(low / step) * step
    count = math.ceil((high - first) / step - 1e-9) + 1
    return [round(first + i * step, 10) for i in range(count)]


def _label(value: float, step: float) -> str:
    """A tick label with as many decimals as the step needs, thousands separated."""
    decimals = 0
    while decimals < 4 and abs(round(step * 10**decimals) - step * 10**decimals) > 1e-6:
        decimals += 1
    return f"{value:,.{decimals}f}"


def _runs(values: list[float | None]) -> list[list[int]]:
    """The indexes of each unbroken run of two or more values (a lone value shows as its dot)."""
    runs, current = [], []
    for i, value in enumerate(values):
        if value is None:
            runs, current = runs + [current], []
        else:
            current.append(i)
    return [run for run in runs + [current] if len(run) > 1]


def line_chart_svg(title: str, periods: list[str], series: dict[str, list[float | None]], unit: str = "") -> str:
    """An SVG line chart: one line per named series (e.g. PCT, England, upper quartile) over the periods.

    The title is the chart's accessible name; the page shows it in the figure's caption, where a long name wraps.
    The value axis is labelled with `unit`.
    """
    points = [v for values in series.values() for v in values if v is not None]
    if not periods or not points:
        return ""
    ticks = nice_ticks(min(points), max(points))
    low, high = ticks[0], ticks[-1]
    plot_width, plot_height = WIDTH - LEFT - RIGHT, PLOT_BOTTOM - TOP
    inset = 32  # the first and last periods stand clear of the axes, so their labels fit
    step_x = (plot_width - 2 * inset) / max(len(periods) - 1, 1)
    x_of = (lambda i: LEFT + plot_width / 2) if len(periods) == 1 else (lambda i: LEFT + inset + i * step_x)

    def y_of(value: float) -> float:
        return PLOT_BOTTOM - (value - low) / ((high - low) or 1.0) * plot_height

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'role="img" aria-label="{escape(title)}">',
        f'<text x="{LEFT}" y="{TOP - 12}" font-size="13" {FONT} fill="#0b0c0c">{escape(unit or "Value")}</text>',
    ]
    tick_step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    for tick in ticks:
        y = y_of(tick)
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#d8d8d8"/>')
        parts.append(
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" font-size="13" text-anchor="end" {FONT}>'
            f"{escape(_label(tick, tick_step))}</text>"
        )
    parts.append(f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{PLOT_BOTTOM}" stroke="#505a5f"/>')
    parts.append(f'<line x1="{LEFT}" y1="{PLOT_BOTTOM}" x2="{WIDTH - RIGHT}" y2="{PLOT_BOTTOM}" stroke="#505a5f"/>')
    slanted = len(periods) > 6
    for i, period in enumerate(periods):
        x = x_of(i)
        parts.append(f'<line x1="{x:.1f}" y1="{PLOT_BOTTOM}" x2="{x:.1f}" y2="{PLOT_BOTTOM + 5}" stroke="#505a5f"/>')
        if slanted:
            parts.append(
                f'<text x="{x:.1f}" y="{PLOT_BOTTOM + 18}" font-size="12" text-anchor="end" {FONT} '
                f'transform="rotate(-35 {x:.1f} {PLOT_BOTTOM + 18})">{escape(period)}</text>'
            )
        else:
            parts.append(
                f'<text x="{x:.1f}" y="{PLOT_BOTTOM + 20}" font-size="13" text-anchor="middle" {FONT}>'
                f"{escape(period)}</text>"
            )
    for n, (name, values) in enumerate(series.items()):
        colour, dash = STYLES[n % len(STYLES)], DASHES[n % len(DASHES)]
        drawn = [(x_of(i), y_of(v)) for i, v in enumerate(values) if v is not None]
        for run in _runs(values):  # a missing value breaks the line rather than being bridged
            coords = " ".join(f"{x_of(i):.1f},{y_of(values[i]):.1f}" for i in run)
            parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2.5"{dash} points="{coords}"/>')
        parts += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>' for x, y in drawn]
        legend_x, legend_y = LEFT + n * 160, HEIGHT - 12
        parts.append(
            f'<line x1="{legend_x}" y1="{legend_y - 5}" x2="{legend_x + 24}" y2="{legend_y - 5}" stroke="{colour}" '
            f'stroke-width="2.5"{dash}/>'
        )
        parts.append(f'<text x="{legend_x + 30}" y="{legend_y}" font-size="13" {FONT}>{escape(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)
