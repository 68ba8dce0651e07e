"""Pages under load: the mixed load of the service's page types, and the floor (a bare Django view).

`make bench` runs, against gunicorn with DEBUG off on PostgreSQL and Redis:

- the floor page alone for 10 seconds, then 20 users on each of the focused pages (the review-day workspace, the
  national dashboard, a public report card, compare areas for all PCTs, the overview of the largest SHA), with no
  think time: `pages.floor.*`, `pages.<focused>.p50_ms|p95_ms`;
- the load: 50 simulated users for 60 seconds (BENCH_USERS, BENCH_SECONDS) over the mix below, PCT staff saving
  their competency answers among the readers, each user pausing 0.5 to 1.5 s between pages (BENCH_THINK_SECONDS,
  "low,high"): a person reading a page before the next click, though faster than people read. Keys: `load.rps`,
  `load.errors`, `load.p50_ms.<page>`, `load.p95_ms.<page>`, `load.p99_ms.<page>`;
- the stress: the same 50 users and mix with no think time for 30 s (BENCH_STRESS_SECONDS), a closed loop that
  finds the server's capacity: `stress.rps`, `stress.errors`, `stress.p95_ms.<page>` (latency there is mostly
  queueing: about users / throughput).

To add a page type to the mix, add one line to PAGES: Page(<name>, <path>, <demo login or None>, weight=<n>).
"""

import os

from benchmarks.http_load import Page, drive, serve

REVIEW_DAY = "/cycles/2009-10/pcts/5HQ/panel/workspace/"  # Bolton is in review in the demo
NATIONAL = "/national/2009-10/"
REPORT_CARD = "/public/2009-10/report-cards/5NQ/"  # published in the demo
COMPARE = "/cycles/2009-10/compare/TEEN_CONCEPTIONS/"  # one indicator for all 151 PCTs, with its funnel plot
OVERVIEW = "/cycles/2009-10/overview/Q36/"  # the largest SHA: 31 PCTs by every indicator

EDIT = {"level": "3", "narrative": "Updated during the load benchmark: the needs assessment is refreshed."}
# The mixed load: PCT users at work, panel members reading, DH reading dashboards, anonymous report cards.
PAGES = [
    Page("home_pct", "/", "pct.lead", weight=3),
    Page("home_pct", "/", "pct.contributor", weight=1),
    Page("home_sha", "/", "panel.member", weight=2),
    Page("home_sha", "/", "sha.lead", weight=1),
    Page("home_dh", "/", "dh.analyst", weight=2),
    Page("home_la", "/", "la.partner", weight=1),
    Page("organisation", "/organisations/5NT/", "pct.lead", weight=2),
    Page("task_list", "/cycles/2009-10/pcts/5NT/", "pct.contributor", weight=2),
    Page("competency", "/cycles/2009-10/pcts/5NT/competencies/6/", "pct.contributor", weight=2),
    # PCT staff editing: each contributor opens its own competency ({n}) and saves a new level and narrative.
    Page("competency_save", "/cycles/2009-10/pcts/5NT/competencies/{n}/", "pct.contributor", weight=2, save=EDIT),
    Page("scorecard", "/cycles/2009-10/pcts/5NT/scorecard/", "pct.lead", weight=2),
    Page("data_pack", "/organisations/5NT/data-pack/", "pct.lead", weight=1),
    Page("pack", "/cycles/2009-10/pcts/5HQ/panel/pack/", "panel.member", weight=2),
    Page("review_day", REVIEW_DAY, "panel.chair", weight=2),
    Page("national", NATIONAL, "dh.analyst", weight=2),
    Page("compare", COMPARE, "panel.member", weight=1),
    Page("overview", OVERVIEW, "sha.lead", weight=1),
    Page("report_card", REPORT_CARD, None, weight=3),
]
FLOOR = [Page("floor", "/health/", None)]
# Issues 5 and 6 ask for these under 20 concurrent users each, beside the floor.
FOCUSED = {
    "review_day": Page("review_day", REVIEW_DAY, "panel.chair"),
    "national": Page("national", NATIONAL, "dh.analyst"),
    "report_card": Page("report_card", REPORT_CARD, None),
    # Compare areas for all 151 PCTs and the overview of the largest SHA (target: p95 under 150 ms).
    "compare": Page("compare", COMPARE, "dh.analyst"),
    "overview": Page("overview", OVERVIEW, "sha.lead"),
}


def _think() -> tuple[float, float]:
    low, high = (float(x) for x in os.environ.get("BENCH_THINK_SECONDS", "0.5,1.5").split(","))
    return low, high


def _per_page(prefix: str, result: dict) -> dict:
    return {
        f"{prefix}.{stat}.{name}": page[stat]
        for name, page in result["pages"].items()
        for stat in ("p50_ms", "p95_ms", "p99_ms")
    }


def run() -> dict:
    users = int(os.environ.get("BENCH_USERS", 50))
    seconds = float(os.environ.get("BENCH_SECONDS", 60))
    stress_seconds = float(os.environ.get("BENCH_STRESS_SECONDS", min(30.0, seconds)))
    floor_seconds = min(10.0, seconds)
    think = _think()
    with serve() as server:
        floor = drive(server, FLOOR, users, floor_seconds)
        focused = {name: drive(server, [page], 20, floor_seconds) for name, page in FOCUSED.items()}
        load = drive(server, PAGES, users, seconds, think=think)
        stress = drive(server, PAGES, users, stress_seconds)
    return {
        "pages.floor.p50_ms": floor["pages"]["floor"]["p50_ms"],
        "pages.floor.p95_ms": floor["pages"]["floor"]["p95_ms"],
        "pages.floor.rps": floor["rps"],
        "pages.floor.errors": floor["errors"],
        "pages.floor.client_cpu_percent": floor["client_cpu_percent"],
        **{
            f"pages.{name}.{stat}": result["pages"][name][stat]
            for name, result in focused.items()
            for stat in ("p50_ms", "p95_ms")
        },
        **{f"pages.{name}.errors": result["errors"] for name, result in focused.items()},
        "load.users": users,
        "load.seconds": seconds,
        "load.think_seconds": f"{think[0]:g} to {think[1]:g}",
        "load.requests": load["requests"],
        "load.rps": load["rps"],
        "load.errors": load["errors"],
        "load.client_cpu_percent": load["client_cpu_percent"],
        **_per_page("load", load),
        "stress.users": users,
        "stress.seconds": stress_seconds,
        "stress.rps": stress["rps"],
        "stress.errors": stress["errors"],
        "stress.client_cpu_percent": stress["client_cpu_percent"],
        **_per_page("stress", stress),
    }
