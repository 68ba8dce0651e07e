"""Benchmark computing AND storing all scorecard results, against PostgreSQL's one-query floor.

Run: ``.venv/bin/python -m benchmarks.bench_scorecard_store [1x 10x 100x]`` (or ``make bench``). It prints a table
and writes ``benchmarks/out/latest.json`` when run on its own. Keys:

- ``scorecard.seconds.<size>``: ``outcomes.scorecard.compute`` plus the upsert of every result
  (``outcomes.storage.store``) into empty tables, as the Celery task does after an import;
- ``scorecard.store_seconds.<size>`` and ``scorecard.rerun_store_seconds.<size>``: the upsert alone, first and
  again with nothing changed (the rerun writes no row);
- ``scorecard.ratio_to_sql.1x``: ``scorecard.seconds.1x`` over the floor of one avg/percentile_cont query.

Sizes: 152 organisations x 40 indicators x 10 periods (1x), 10x and 100x the organisations; the best of three
runs below 100x, one at 100x. The storing runs in a
child process on its own database (``BENCH_DATABASE_NAME``, default ``assurance_bench``, created and migrated if
missing), so no figure touches the app's data.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import bench_scorecard

HERE = Path(__file__).resolve().parent
SIZES = ("1x", "10x", "100x")
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DATABASE = os.environ.get("BENCH_DATABASE_NAME", "assurance_bench")


def run(sizes: tuple[str, ...] = SIZES) -> dict:
    """Return the figures for each size (the storing is measured in a child process)."""
    env = {**os.environ, "DATABASE_URL": f"{SERVER}/{DATABASE}", "DJANGO_SETTINGS_MODULE": "assurance.settings"}
    env.pop("REDIS_URL", None)  # nothing is queued: the child calls the computation and the store directly
    _create_database()
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_scorecard_store", "--child", *sizes],
        cwd=HERE.parent, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-4000:])
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    for size in sizes:
        values, _ = bench_scorecard.bench_sizes((size,))[size]
        floor = bench_scorecard.time_sql_floor(values, 3 if size != "100x" else 1)
        figures[f"scorecard.sql_floor_seconds.{size}"] = None if floor is None else round(floor, 3)
    if figures.get("scorecard.sql_floor_seconds.1x") and "scorecard.seconds.1x" in figures:
        figures["scorecard.ratio_to_sql.1x"] = round(
            figures["scorecard.seconds.1x"] / figures["scorecard.sql_floor_seconds.1x"], 1
        )
    return figures


def _create_database(name: str = DATABASE) -> None:
    import psycopg2

    connection = psycopg2.connect(f"{SERVER}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def _child(sizes: tuple[str, ...]) -> dict:
    """In the benchmark database: time compute + store per size (best of 3 below 100x), emptying the results."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    figures = {}
    for size in sizes:
        values, indicators = bench_scorecard.bench_sizes((size,))[size]
        values["is_synthetic"] = False
        _ensure_rows(values, indicators)
        runs = []
        for _ in range(1 if size == "100x" else 3):
            _empty_results()
            runs.append(_time_one(values, indicators))
        _empty_results()
        best = {key: min(run[key] for run in runs) for key in runs[0]}
        figures.update({f"scorecard.{key}.{size}": value for key, value in best.items()})
    return figures


def _time_one(values, indicators) -> dict:
    """Seconds to compute and store into empty tables, to store alone, and to store again unchanged."""
    from outcomes import scorecard, services, storage

    started = time.perf_counter()
    result = scorecard.compute(values, indicators)
    computed = time.perf_counter()
    benchmarks, organisations = services.results_for_storage(result, values)
    storage.store(benchmarks, organisations)
    stored = time.perf_counter()
    storage.store(benchmarks, organisations)  # a rerun: every row unchanged
    rerun = time.perf_counter() - stored
    return {
        "seconds": round(stored - started, 3),
        "store_seconds": round(stored - computed, 3),
        "rerun_store_seconds": round(rerun, 3),
        "stored_rows": len(organisations) + len(benchmarks),
    }


def _ensure_rows(values, indicators) -> None:
    """The synthetic organisations and indicators the values name (created once, kept for later runs)."""
    from assurance.models import Organisation
    from outcomes.models import Indicator

    codes = set(values["org_code"].unique())
    have = set(Organisation.objects.values_list("code", flat=True))
    Organisation.objects.bulk_create(
        [
            Organisation(code=code, name=f"Benchmark {code}", kind="ENGLAND" if code == "E92000001" else "PCT")
            for code in sorted(codes - have)
        ],
        batch_size=5000,
    )
    Indicator.objects.bulk_create(
        [
            Indicator(
                code=r.code, name=r.code, unit=r.unit, polarity=r.polarity, data_pack_area="Benchmark", org_types="PCT"
            )
            for r in indicators.itertuples()
        ],
        ignore_conflicts=True,
    )


def _empty_results() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE outcomes_organisationbenchmark, outcomes_benchmark")


def _table(figures: dict, sizes: tuple[str, ...]) -> str:
    lines = [
        f"{'size':>6} {'stored rows':>12} {'compute+store s':>16} {'store s':>8} {'rerun s':>8} {'sql floor s':>12}"
    ]
    for size in sizes:
        floor = figures.get(f"scorecard.sql_floor_seconds.{size}")
        floor_text = "-" if floor is None else f"{floor:.3f}"
        rows, total, store = (figures[f"scorecard.{key}.{size}"] for key in ("stored_rows", "seconds", "store_seconds"))
        rerun = figures[f"scorecard.rerun_store_seconds.{size}"]
        lines.append(f"{size:>6} {rows:>12} {total:>16.3f} {store:>8.3f} {rerun:>8.3f} {floor_text:>12}")
    if "scorecard.ratio_to_sql.1x" in figures:
        lines.append(f"ratio to the SQL floor at 1x: {figures['scorecard.ratio_to_sql.1x']}")
    return "\n".join(lines)


def _write(figures: dict) -> Path:
    """Merge the figures into benchmarks/out/latest.json (other benchmarks' figures are kept)."""
    out = HERE / "out" / "latest.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    report = json.loads(out.read_text()) if out.exists() else {}
    report.setdefault("figures", {}).update(figures)
    out.write_text(json.dumps(report, indent=2))
    return out


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if arguments[:1] == ["--child"]:
        print(json.dumps(_child(tuple(arguments[1:]) or SIZES)))
        sys.exit(0)
    chosen = tuple(arguments) or SIZES
    results = run(chosen)
    print(_table(results, chosen))
    print(json.dumps(results, indent=2))
    print(f"Written to {_write(results).relative_to(HERE.parent)}")
