"""Pages under load: the mixed load of the service's page types, and the floor (a bare Django view).

`make bench` runs 50 simulated users for 60 seconds (BENCH_USERS, BENCH_SECONDS change it) against gunicorn with
DEBUG off on PostgreSQL and Redis, after 10 seconds on the floor page alone. Keys: `pages.floor.p50_ms`,
`pages.floor.rps`, `load.rps`, `load.errors`, `load.p50_ms.<page>`, `load.p95_ms.<page>`, `load.p99_ms.<page>`.

To add a page type to the mix, add one line to PAGES: Page(<name>, <path>, <demo login or None>, weight=<n>).
"""

import os

from benchmarks.http_load import Page, drive, serve

# The mixed load: PCT users at work, panel members reading, DH reading dashboards, anonymous report cards.
PAGES = [
    Page("home_pct", "/", "pct.lead", weight=3),
    Page("home_pct", "/", "pct.contributor", weight=3),
    Page("home_sha", "/", "panel.member", weight=2),
    Page("home_sha", "/", "sha.lead", weight=1),
    Page("home_dh", "/", "dh.analyst", weight=2),
    Page("home_la", "/", "la.partner", weight=1),
    Page("organisation", "/organisations/5NT/", "pct.lead", weight=2),
]
FLOOR = [Page("floor", "/health/", None)]


def run() -> dict:
    users = int(os.environ.get("BENCH_USERS", 50))
    seconds = float(os.environ.get("BENCH_SECONDS", 60))
    floor_seconds = min(10.0, seconds)
    with serve() as server:
        floor = drive(server, FLOOR, users, floor_seconds)
        load = drive(server, PAGES, users, seconds)
    results = {
        "pages.floor.p50_ms": floor["pages"]["floor"]["p50_ms"],
        "pages.floor.p95_ms": floor["pages"]["floor"]["p95_ms"],
        "pages.floor.rps": floor["rps"],
        "pages.floor.errors": floor["errors"],
        "pages.floor.client_cpu_percent": floor["client_cpu_percent"],
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
