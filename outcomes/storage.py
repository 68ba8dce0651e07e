"""Bulk writes of scorecard results: one upsert per table, so a rerun changes nothing.

On PostgreSQL the rows go through a binary COPY (outcomes.pgcopy) into a temporary table and one
INSERT .. ON CONFLICT DO UPDATE that skips rows whose numbers are unchanged; elsewhere (SQLite) through the same
upsert, one executemany.
"""

import io

import pandas as pd
from django.db import connection, transaction

from assurance import checkpoints

from . import pgcopy
from .models import Benchmark, OrganisationBenchmark

BENCHMARK_FIELDS = [
    "period_start_year", "national_average", "national_source", "q1", "median", "q3", "upper_quartile", "n",
]  # fmt: skip
ORGANISATION_FIELDS = [
    "period_start_year", "org_type", "value", "lower_ci", "upper_ci", "ci_source", "lower_ci_998", "upper_ci_998",
    "comparison", "quartile", "trend", "trend_slope", "trend_p_value", "gap_to_upper_quartile",
    "periods_to_upper_quartile", "is_synthetic",
]  # fmt: skip
BENCHMARK_KEY = ["indicator_id", "period", "org_type"]
ORGANISATION_KEY = ["indicator_id", "organisation_id", "period"]


def store(benchmarks: pd.DataFrame, organisations: pd.DataFrame, *, models: tuple | None = None) -> None:
    """Upsert both frames (columns: keys with ids, then the fields above) in one transaction.

    ``models`` (Benchmark, OrganisationBenchmark) may be a migration's historical models: only the fields they have
    are written, so a data migration stores what its schema holds.
    """
    benchmark_model, organisation_model = models or (Benchmark, OrganisationBenchmark)
    with transaction.atomic():
        _upsert(benchmark_model, benchmarks, BENCHMARK_KEY, _present(benchmark_model, BENCHMARK_FIELDS))
        checkpoints.reached("scorecards-half-stored")  # tests/test_worker_resilience.py kills a worker here
        _upsert(organisation_model, organisations, ORGANISATION_KEY, _present(organisation_model, ORGANISATION_FIELDS))


def _present(model, fields: list[str]) -> list[str]:
    """The fields the model has (all of them, for the current models)."""
    names = {field.attname for field in model._meta.concrete_fields}
    return [field for field in fields if field in names]


def _upsert(model, frame: pd.DataFrame, key: list[str], fields: list[str]) -> None:
    columns = key + [f for f in fields if f not in key]
    frame = frame[columns]
    if frame.empty:
        return
    if connection.vendor == "postgresql":
        kinds = [pgcopy.column_type(model._meta.get_field(c.removesuffix("_id")).db_type(connection)) for c in columns]
        _copy_upsert(model._meta.db_table, frame, key, [c for c in columns if c not in key], kinds)
    else:
        _executemany_upsert(model._meta.db_table, frame, key, [c for c in columns if c not in key])


def _copy_upsert(table: str, frame: pd.DataFrame, key: list[str], fields: list[str], kinds: list[str]) -> None:
    """COPY (binary) into a temporary copy of the table, then one upsert that only touches changed rows."""
    columns = key + fields
    staging = f"{table}_staging"
    buffer = io.BytesIO(pgcopy.encode(frame, kinds))
    names = ", ".join(f'"{c}"' for c in columns)
    changed = " OR ".join(f't."{f}" IS DISTINCT FROM EXCLUDED."{f}"' for f in fields)
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE TEMP TABLE "{staging}" ON COMMIT DROP AS SELECT {names} FROM "{table}" WITH NO DATA')
        cursor.cursor.copy_expert(f'COPY "{staging}" ({names}) FROM STDIN WITH (FORMAT binary)', buffer)
        cursor.execute(
            f'INSERT INTO "{table}" AS t ({names}) SELECT {names} FROM "{staging}" '
            f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET "
            + ", ".join(f'"{f}" = EXCLUDED."{f}"' for f in fields)
            + f" WHERE {changed}"
        )
        cursor.execute(f'DROP TABLE "{staging}"')


def _executemany_upsert(table: str, frame: pd.DataFrame, key: list[str], fields: list[str]) -> None:
    """One INSERT .. ON CONFLICT DO UPDATE per row through executemany (SQLite has no COPY)."""
    columns = key + fields
    names = ", ".join(f'"{c}"' for c in columns)
    changed = " OR ".join(f'"{table}"."{f}" IS NOT excluded."{f}"' for f in fields)
    sql = (
        f'INSERT INTO "{table}" ({names}, "id") VALUES ({", ".join(["%s"] * len(columns))}, NULL) '
        f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET "
        + ", ".join(f'"{f}" = excluded."{f}"' for f in fields)
        + f" WHERE {changed}"
    )
    rows = frame.astype(object).where(frame.notna(), None).itertuples(index=False, name=None)
    with connection.cursor() as cursor:
        cursor.executemany(sql, list(rows))
