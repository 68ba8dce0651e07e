"""Small server-side SVG line charts of an outcome's series, for the report page and its PDF (no browser needed)."""

from django.utils.html import escape

from assurance import palette

WIDTH, HEIGHT, PAD = 360, 180, 36
STYLES = [palette.BLUE, palette.DARK_GREY, palette.GREEN, palette.RED]


def _scale(values: list[float], low: float, high: float, size: float) -> list[float]:
    span = (high - low) or 1.0
    return [size - (v - low) / span * size for v in values]


def _series(values: list[float | None], low: float, high: float, step: float, colour: str) -> list[str]:
    """One series: a line through its values and a dot on each (so a lone value still shows)."""
    ys = _scale([v if v is not None else low for v in values], low, high, HEIGHT - PAD)
    points = [(PAD + i * step, PAD + y) for i, (y, v) in enumerate(zip(ys, values, strict=True)) if v is not None]
    coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    parts = [f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{coords}"/>']
    return parts + [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{colour}"/>' for x, y in points]


def line_chart_svg(title: str, periods: list[str], series: dict[str, list[float | None]]) -> str:
    """An SVG line chart: one line per named series (e.g. PCT, England, upper quartile) over the periods.

    The title is the chart's accessible name; the page shows it in the figure's caption, where a long name wraps.
    """
    points = [v for values in series.values() for v in values if v is not None]
    if not periods or not points:
        return ""
    low, high = min(points), max(points)
    step = (WIDTH - 2 * PAD) / max(len(periods) - 1, 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT + 40}" width="{WIDTH}" '
        f'height="{HEIGHT + 40}" role="img" aria-label="{escape(title)}">',
        f'<text x="2" y="{PAD}" font-size="9" font-family="sans-serif">{high:.4g}</text>',
        f'<text x="2" y="{HEIGHT}" font-size="9" font-family="sans-serif">{low:.4g}</text>',
    ]
    for i, period in enumerate(periods):
        parts.append(
            f'<text x="{PAD + i * step:.1f}" y="{HEIGHT + 14}" font-size="9" text-anchor="middle" '
            f'font-family="sans-serif">{escape(period)}</text>'
        )
    for n, (name, values) in enumerate(series.items()):
        parts += _series(values, low, high, step, STYLES[n % len(STYLES)])
        parts.append(
            f'<text x="{PAD + n * 100}" y="{HEIGHT + 32}" font-size="9" fill="{STYLES[n % len(STYLES)]}" '
            f'font-family="sans-serif">&#9632; {escape(name)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
