"""The pages load Plotly's basic partial bundle, not the full one: it must hold every trace type and feature the
charts use. Each figure the chart modules build (the scorecard's series with error bars, the data pack's spine chart,
every national rollup chart) is validated against the bundle's own schema and drawn by it, in chromium.

(The report pages' charts are server-side SVG, panels/charts.py, and need no Plotly; partnerships draw none.)
"""

import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.template.loader import get_template

from assurance.national import charts as national_charts
from assurance.national.choices import RollupKind
from outcomes import charts

BUILD = Path(settings.BASE_DIR) / "static" / "build"
BUNDLE = BUILD / "plotly-basic.min.js"
CHART_TEMPLATES = ["outcomes/scorecard.html", "outcomes/data_pack.html", "national/dashboard.html", "national/sha.html"]


def _point(period, value):
    return SimpleNamespace(period=period, value=value, lower_ci=value - 1.5, upper_ci=value + 2.0)


def _row(polarity: str) -> SimpleNamespace:
    periods = ["2006-07", "2007-08", "2008-09"]
    bench = SimpleNamespace(national_average=10.0, upper_quartile=8.0, q1=8.0, q3=12.0)
    return SimpleNamespace(
        series=[_point(p, 9.0 + i) for i, p in enumerate(periods)],
        benchmarks={p: bench for p in periods},
        benchmark=bench,
        result=SimpleNamespace(value=11.0),
        lowest=4.0,
        highest=17.0,
        indicator=SimpleNamespace(name=f"An indicator ({polarity})", unit="per 100,000", polarity=polarity),
        outcome=SimpleNamespace(assessment=SimpleNamespace(organisation=SimpleNamespace(name="Bolton PCT"))),
    )


def _figures() -> dict[str, dict]:
    rows = [_row("lower"), _row("higher"), _row("none")]
    figures = {
        f"scorecard ({row.indicator.polarity})": json.loads(charts.outcome_figure(row, [("2009-10", 8.5)]))
        for row in rows
    }
    figures["spine"] = json.loads(charts.spine_figure(rows))
    for kind, (_, counted, _, _) in national_charts.LAYOUTS.items():
        records = [{"name": f"Row {n}", **{column: n + i for i, (column, _) in enumerate(counted)}} for n in range(3)]
        figures[f"national {kind}"] = national_charts.figure(kind, records, "England")
    return figures


def test_every_national_rollup_kind_with_a_chart_is_covered():
    tables_only = {RollupKind.PCTS, *national_charts.TABLE_COLUMNS}  # the PCT list and the areas page's tables
    charted = {kind for kind in RollupKind if kind not in tables_only}
    assert charted == set(national_charts.LAYOUTS)
    assert not set(national_charts.TABLE_COLUMNS) & set(national_charts.LAYOUTS)


def test_the_chart_pages_load_the_partial_bundle_deferred_and_nothing_else_of_plotly():
    scripts = get_template("_plotly_scripts.html").template.source
    assert re.search(r"<script defer src=\"\{% static 'build/plotly-basic\.min\.js' %\}\"></script>", scripts)
    assert re.search(r"<script defer src=\"\{% static charts %\}\"></script>", scripts)
    for name in CHART_TEMPLATES:
        source = get_template(name).template.source
        assert '{% include "_plotly_scripts.html"' in source, name
        assert "plotly.min.js" not in source, name
    assert not (BUILD / "plotly.min.js").exists(), "the full bundle is still built"


@pytest.mark.browser
def test_the_partial_bundle_has_every_trace_type_and_feature_the_charts_use(page):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_content('<!doctype html><html lang="en"><body><div id="chart"></div></body></html>')
    page.evaluate(BUNDLE.read_text(encoding="utf-8"))
    registered = set(page.evaluate("() => Object.keys(Plotly.PlotSchema.get().traces)"))
    figures = _figures()
    used = {trace["type"] for figure in figures.values() for trace in figure["data"]}
    assert used == {"scatter", "bar"}, used  # if a chart starts using another type, check the bundle has it
    assert used <= registered
    for name, figure in figures.items():
        problems = page.evaluate(
            "([data, layout]) => Plotly.validate(data, layout) || []", [figure["data"], figure["layout"]]
        )
        assert problems == [], (name, problems)
        drawn = page.evaluate(
            """async ([data, layout]) => {
                 const element = document.getElementById('chart');
                 await Plotly.newPlot(element, data, layout);
                 const count = (selector) => element.querySelectorAll(selector).length;
                 return {scatter: count('.scatterlayer .trace'), bar: count('.barlayer .trace'),
                         errorbars: count('.errorbar path.yerror'), shapes: count('.shapelayer path'),
                         legend: count('.legend .traces')};
               }""",
            [figure["data"], figure["layout"]],
        )
        traces = [trace["type"] for trace in figure["data"]]
        assert drawn["scatter"] == traces.count("scatter"), (name, drawn)
        assert drawn["bar"] == traces.count("bar"), (name, drawn)
        assert drawn["legend"] == len(traces), (name, drawn)
        if name.startswith("scorecard"):
            assert drawn["errorbars"] == 3, (name, drawn)  # the PCT's 95% interval at each of its three periods
        if name == "spine":
            assert drawn["shapes"] == 1, (name, drawn)  # England's line
    assert errors == []
