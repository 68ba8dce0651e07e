"""Chart pages in a real browser: what a person waits for, not only what the server answers.

`make bench` starts the production shape (gunicorn, DEBUG off, collected static files; benchmarks/http_load.serve)
and drives Debian's chromium with Playwright over the chart pages and the pages people wait on most: the scorecard,
the data pack, the national dashboard, an SHA's dashboard, the review-day workspace and a public report card.

Each page is opened once cold (a new browser context: empty cache, as a first visit) and then five times warm (the
same context: its cache holds the static files from the first visit). For each visit it records the time from the
start of navigation to the load event, and to the moment the last chart on the page has drawn (the page's every
chart element holds Plotly's SVG; a page without charts counts its load event). Keys:

- `browser.<page>.load_ms`: median of the five warm visits, to the load event;
- `browser.<page>.chart_ms`: median of the five warm visits, to the last chart drawn;
- `browser.<page>.cold_ms` and `browser.<page>.cold_chart_ms`: the cold visit's;
- `browser.<page>.js_bytes`: JavaScript the page loads (decoded size of every script, cold visit), and
  `browser.<page>.js_transfer_bytes`: the bytes sent over the wire for it (compressed).

Targets on the 2-core machine: warm load under 1,000 ms, cold under 1,500 ms, no page over 1.5 MB of JavaScript.
"""

import os
import statistics
from http.cookies import SimpleCookie

from benchmarks.http_load import PROXY_HEADERS, serve, sign_in
from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS

# name: (path, demo login or None)
PAGES = {
    "scorecard": ("/cycles/2009-10/pcts/5NT/scorecard/", "pct.lead"),
    "data_pack": ("/organisations/5NT/data-pack/", "pct.lead"),
    "national": ("/national/2009-10/", "dh.analyst"),
    "sha": ("/national/2009-10/sha/Q31/", "dh.analyst"),
    "compare": ("/cycles/2009-10/compare/TEEN_CONCEPTIONS/", "dh.analyst"),
    "workspace": ("/cycles/2009-10/pcts/5HQ/panel/workspace/", "panel.chair"),
    "report_card": ("/public/2009-10/report-cards/5NQ/", None),
}
WARM_VISITS = 5

# Resolves, once every chart on the page has drawn, to the time since navigation began (ms). A chart element whose
# figure JSON is missing is never drawn (the scripts skip it), so it is not waited for.
LAST_CHART = """() => {
  const charts = [...document.querySelectorAll('[data-chart], [data-app-chart]')].filter((element) =>
    document.getElementById(element.dataset.chart || element.dataset.appChart));
  if (document.readyState !== 'complete') return false;
  return charts.every((element) => element.querySelector('.main-svg')) ? performance.now() : false;
}"""
LOAD_EVENT = "() => performance.getEntriesByType('navigation')[0].loadEventEnd"
SCRIPTS = """() => performance.getEntriesByType('resource')
  .filter((entry) => new URL(entry.name).pathname.endsWith('.js'))
  .reduce((sum, entry) => [sum[0] + entry.decodedBodySize, sum[1] + entry.transferSize], [0, 0])"""


def _cookies(server, user: str | None) -> list[dict]:
    if user is None:
        return []
    jar = SimpleCookie(sign_in(server, user))
    return [{"name": name, "value": morsel.value, "url": f"http://{server.host}:{server.port}/"} for name, morsel in
            jar.items()]  # fmt: skip


def _visit(page, url: str) -> tuple[float, float]:
    """Open the page; return (ms to the load event, ms to the last chart drawn)."""
    response = page.goto(url, wait_until="load")
    if response is None or response.status != 200:
        raise RuntimeError(f"{url} answered {response.status if response else 'nothing'}")
    chart = page.wait_for_function(LAST_CHART, polling="raf", timeout=30_000).json_value()
    return round(page.evaluate(LOAD_EVENT), 1), round(chart, 1)


def measure(browser, server, name: str, path: str, user: str | None) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    try:
        context.set_extra_http_headers(PROXY_HEADERS)  # as the TLS proxy sends: the production settings apply
        context.add_cookies(_cookies(server, user))
        page = context.new_page()
        url = f"http://{server.host}:{server.port}{path}"
        cold_load, cold_chart = _visit(page, url)
        js_bytes, js_transfer = page.evaluate(SCRIPTS)
        warm = [_visit(page, url) for _ in range(WARM_VISITS)]
    finally:
        context.close()
    return {
        f"browser.{name}.load_ms": round(statistics.median(load for load, _ in warm), 1),
        f"browser.{name}.chart_ms": round(statistics.median(chart for _, chart in warm), 1),
        f"browser.{name}.cold_ms": cold_load,
        f"browser.{name}.cold_chart_ms": cold_chart,
        f"browser.{name}.js_bytes": int(js_bytes),
        f"browser.{name}.js_transfer_bytes": int(js_transfer),
    }


def run() -> dict:
    from playwright.sync_api import sync_playwright

    chosen = [name for name in os.environ.get("BENCH_BROWSER_PAGES", "").split(",") if name] or list(PAGES)
    figures: dict = {}
    with serve(workers=2, suffix="browser") as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for name in chosen:
                path, user = PAGES[name]
                figures.update(measure(browser, server, name, path, user))
        finally:
            browser.close()
    return figures
