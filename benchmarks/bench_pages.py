"""Pages under load: the mixed load of the service's page types, and the floor (a bare Django view).

`make bench` runs 50 simulated users for 60 seconds (BENCH_USERS, BENCH_SECONDS change it) against gunicorn with
DEBUG off on PostgreSQL and Redis, after 10 seconds on the floor page alone and 20 users on each of the focused
pages (the review-day workspace, the national dashboard, a public report card). Keys: `pages.floor.p50_ms`,
`pages.floor.rps`, `pages.<focused>.p50_ms`, `pages.<focused>.p95_ms`, `load.rps`, `load.errors`,
`load.p50_ms.<page>`, `load.p95_ms.<page>`, `load.p99_ms.<page>`.

To add a page type to the mix, add one line to PAGES: Page(<name>, <path>, <demo login or None>, weight=<n>).
"""

import os

from benchmarks.http_load import Page, drive, serve

REVIEW_DAY = "/panel/2009-10/5HQ/workspace/"  # Bolton is in review in the demo
NATIONAL = "/national/2009-10/"
REPORT_CARD = "/public/2009-10/report-cards/5NQ/"  # published in the demo

# The mixed load: PCT users at work, panel members reading, DH reading dashboards, anonymous report cards.
PAGES = [
    Page("home_pct", "/", "pct.lead", weight=3),
    Page("home_pct", "/", "pct.contributor", weight=3),
    Page("home_sha", "/", "panel.member", weight=2),
    Page("home_sha", "/", "sha.lead", weight=1),
    Page("home_dh", "/", "dh.analyst", weight=2),
    Page("home_la", "/", "la.partner", weight=1),
    Page("organisation", "/organisations/5NT/", "pct.lead", weight=2),
    Page("task_list", "/cycles/2009-10/pcts/5NT/", "pct.contributor", weight=3),
    Page("competency", "/cycles/2009-10/pcts/5NT/competencies/6/", "pct.contributor", weight=3),
    Page("scorecard", "/organisations/5NT/cycles/2009-10/scorecard/", "pct.lead", weight=2),
    Page("data_pack", "/organisations/5NT/data-pack/", "pct.lead", weight=1),
    Page("pack", "/panel/2009-10/5HQ/pack/", "panel.member", weight=2),
    Page("review_day", REVIEW_DAY, "panel.chair", weight=2),
    Page("national", NATIONAL, "dh.analyst", weight=2),
    Page("report_card", REPORT_CARD, None, weight=3),
]
FLOOR = [Page("floor", "/health/", None)]
# Issues 5 and 6 ask for these under 20 concurrent users each, beside the floor.
FOCUSED = {
    "review_day": Page("review_day", REVIEW_DAY, "panel.chair"),
    "national": Page("national", NATIONAL, "dh.analyst"),
    "report_card": Page("report_card", REPORT_CARD, None),
}


def run() -> dict:
    users = int(os.environ.get("BENCH_USERS", 50))
    seconds = float(os.environ.get("BENCH_SECONDS", 60))
    floor_seconds = min(10.0, seconds)
    with serve() as server:
        floor = drive(server, FLOOR, users, floor_seconds)
        focused = {name: drive(server, [page], 20, floor_seconds) for name, page in FOCUSED.items()}
        load = drive(server, PAGES, users, seconds)
    results = {
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
        "load.requests": load["requests"],
        "load.rps": load["rps"],
        "load.errors": load["errors"],
        "load.client_cpu_percent": load["client_cpu_percent"],
    }
    for name, page in load["pages"].items():
        for stat in ("p50_ms", "p95_ms", "p99_ms"):
            results[f"load.{stat}.{name}"] = page[stat]
    return results
