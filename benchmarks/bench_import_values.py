"""Benchmark importing a file of indicator values: a first import, and a re-import in which every value changed.

Run: ``.venv/bin/python -m benchmarks import_values`` (or ``.venv/bin/python -m benchmarks.bench_import_values
[rows]``). Keys (``rows`` defaults to 200,000, ``IMPORT_BENCH_ROWS`` sets it):

- ``import.first_seconds``: ``outcomes.services.import_values`` of a CSV of ``rows`` values into an empty table
  (reading, checking every row, writing), as the import task does;
- ``import.reimport_changed_seconds``: the same file again with every value changed (every row updated);
- ``import.reimport_unchanged_seconds``: that file once more (nothing written);
- ``import.rows``: the rows of the file.

The imports run in a child process on a database of their own (``BENCH_IMPORT_DATABASE_NAME``, default
``assurance_bench_import``, created and migrated if missing), so no figure touches the app's data.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DATABASE = os.environ.get("BENCH_IMPORT_DATABASE_NAME", "assurance_bench_import")
ROWS = int(os.environ.get("IMPORT_BENCH_ROWS", "200000"))
INDICATORS, PERIODS = 40, 10  # organisations = rows / (indicators x periods)


def run(rows: int = ROWS) -> dict:
    """Return the figures (the imports are timed in a child process on the benchmark database)."""
    env = {**os.environ, "DATABASE_URL": f"{SERVER}/{DATABASE}", "DJANGO_SETTINGS_MODULE": "assurance.settings"}
    env.pop("REDIS_URL", None)  # nothing is queued: the child imports without recomputing scorecards
    _create_database()
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_import_values", "--child", str(rows)],
        cwd=HERE.parent, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-4000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def _create_database() -> None:
    import psycopg2

    connection = psycopg2.connect(f"{SERVER}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{DATABASE}"')
    connection.close()


def _file(organisations: list[str], indicators: list[str], shift: float) -> bytes:
    """A CSV of every indicator for every organisation and period (values with counts and an interval)."""
    lines = ["indicator_code,org_code,period,value,numerator,denominator,lower_ci,upper_ci"]
    for i, indicator in enumerate(indicators):
        for j, code in enumerate(organisations):
            for year in range(2000, 2000 + PERIODS):
                value = 50 + (i * 7 + j * 3 + year) % 40 + shift
                lines.append(
                    f"{indicator},{code},{year}-{(year + 1) % 100:02d},{value:.2f},{j % 1000 + 1},1000,"
                    f"{value - 1:.2f},{value + 1:.2f}"
                )
    return ("\n".join(lines) + "\n").encode()


def _child(rows: int) -> dict:
    """In the benchmark database: time a first import, a re-import of changed values, and one of unchanged."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from outcomes import services

    call_command("migrate", verbosity=0)
    organisations, indicators = _ensure_rows(max(rows // (INDICATORS * PERIODS), 1))
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE outcomes_indicatorvalue")
    first, changed = _file(organisations, indicators, 0.0), _file(organisations, indicators, 0.5)
    figures = {"import.rows": len(organisations) * len(indicators) * PERIODS}
    for key, content, expected in (
        ("import.first_seconds", first, "created"),
        ("import.reimport_changed_seconds", changed, "updated"),
        ("import.reimport_unchanged_seconds", changed, "unchanged"),
    ):
        started = time.perf_counter()
        result = services.import_values(content, "bench.csv", recompute=False)
        figures[key] = round(time.perf_counter() - started, 2)
        assert not result.refused, result.errors[:5]
        assert getattr(result, expected) == figures["import.rows"], result.summary()
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE outcomes_indicatorvalue")
    return figures


def _ensure_rows(count: int) -> tuple[list[str], list[str]]:
    """The benchmark's organisations and indicators (created once, kept for later runs)."""
    from assurance.models import Organisation
    from outcomes.models import Indicator

    organisations = [f"B{n:05d}" for n in range(count)]
    indicators = [f"BENCH_{n:02d}" for n in range(INDICATORS)]
    Organisation.objects.bulk_create(
        [Organisation(code=code, name=f"Benchmark {code}", kind="PCT") for code in organisations],
        batch_size=5000, ignore_conflicts=True,
    )  # fmt: skip
    Indicator.objects.bulk_create(
        [
            Indicator(code=code, name=code, unit="%", polarity="higher", data_pack_area="Benchmark", org_types="PCT")
            for code in indicators
        ],
        ignore_conflicts=True,
    )
    return organisations, indicators


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if arguments[:1] == ["--child"]:
        print(json.dumps(_child(int(arguments[1]))))
        sys.exit(0)
    results = run(int(arguments[0]) if arguments else ROWS)
    print(json.dumps(results, indent=2))
