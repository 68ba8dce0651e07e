"""Bulk writes of scorecard results: one upsert per table, so a rerun changes nothing.

On PostgreSQL the rows go through a binary COPY (outcomes.pgcopy) into a temporary table and one
INSERT .. ON CONFLICT DO UPDATE that skips rows whose numbers are unchanged; elsewhere (SQLite) through the same
upsert, one executemany.
"""

import io
import re

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


# --- A computation in parts (outcomes.services.scorecard_part_compute / scorecard_run_store) -----------------------
#
# Each part of a run copies its results into two staging tables of its own (UNLOGGED: nothing to replay after a
# crash, and a crash loses only a run that is recomputed anyway), created, filled and recorded in the part's
# transaction: a part whose worker dies leaves nothing, and doing it again replaces its tables. Storing the run
# upserts every part's tables into the stored ones in one transaction, then drops them.


def stage_tables(run_id: int, part: int) -> tuple[str, str]:
    """The names of a part's staging tables (benchmarks, organisation results); built from integers only."""
    return f"outcomes_stage_{int(run_id)}_{int(part)}_b", f"outcomes_stage_{int(run_id)}_{int(part)}_o"


def stage(run_id: int, part: int, benchmarks: pd.DataFrame, organisations: pd.DataFrame) -> None:
    """Replace the part's staging tables by these results (PostgreSQL; the caller holds the transaction)."""
    frames = (benchmarks, organisations)
    for (model, key, fields), frame, table in zip(_tables(), frames, stage_tables(run_id, part), strict=True):
        columns = key + [f for f in fields if f not in key]
        kinds = [pgcopy.column_type(model._meta.get_field(c.removesuffix("_id")).db_type(connection)) for c in columns]
        names = ", ".join(f'"{c}"' for c in columns)
        with connection.cursor() as cursor:
            cursor.execute(f'DROP TABLE IF EXISTS "{table}"')
            cursor.execute(
                f'CREATE UNLOGGED TABLE "{table}" AS SELECT {names} FROM "{model._meta.db_table}" WITH NO DATA'
            )
            if not frame.empty:
                buffer = io.BytesIO(pgcopy.encode(frame[columns], kinds))
                cursor.cursor.copy_expert(f'COPY "{table}" ({names}) FROM STDIN WITH (FORMAT binary)', buffer)


def store_staged(run_id: int, parts: list[int], *, tables: tuple | None = None) -> None:
    """Upsert every part's staged results into the stored tables (``tables``: some of them), in the caller's
    transaction, as ``store`` does."""
    for number in parts:
        for (model, key, fields), table in zip(tables or _tables(), stage_tables(run_id, number), strict=False):
            columns = key + [f for f in fields if f not in key]
            names = ", ".join(f'"{c}"' for c in columns)
            values = [c for c in columns if c not in key]
            changed = " OR ".join(f't."{f}" IS DISTINCT FROM EXCLUDED."{f}"' for f in values)
            with connection.cursor() as cursor:
                cursor.execute(
                    f'INSERT INTO "{model._meta.db_table}" AS t ({names}) SELECT {names} FROM "{table}" '
                    f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET "
                    + ", ".join(f'"{f}" = EXCLUDED."{f}"' for f in values)
                    + f" WHERE {changed}"
                )


def replace_staged(run_id: int, parts: list[int]) -> None:
    """Store a run that computed every result: the benchmarks upserted as ``store_staged`` does, the organisation
    results written into a new table that then takes the stored table's place, in the caller's transaction.

    Building a table and its indexes afresh costs a fifth of upserting millions of rows into indexed ones (measured
    in docs/scaling.md), and this is the one step of a run that cannot be shared between workers. The new table is
    the stored one's copy (columns, generated column, defaults, checks, identity) with the same index and constraint
    names; readers see the old table until the caller commits, then the new one (PostgreSQL resolves the name again
    for a query that waited on the swap's lock). Rows of indicators that have no values any more go with the old
    table, as a computation of every value should leave.
    """
    model, key, fields = _tables()[1]
    table = model._meta.db_table
    fresh = f"{table}_next"
    columns = ", ".join(f'"{c}"' for c in key + [f for f in fields if f not in key])
    staged = " UNION ALL ".join(f'SELECT {columns} FROM "{stage_tables(run_id, n)[1]}"' for n in parts)
    with connection.cursor() as cursor:
        store_staged(run_id, parts, tables=_tables()[:1])  # the benchmarks alone (a few hundred rows)
        cursor.execute(f'CREATE TABLE "{fresh}" (LIKE "{table}" INCLUDING ALL EXCLUDING INDEXES)')
        cursor.execute(f'INSERT INTO "{fresh}" ({columns}) {staged}')
        indexes = _indexes(cursor, table)
        for number, (_name, _constraint, definition) in enumerate(indexes):
            cursor.execute(_on_table(definition, fresh, f"{fresh}_{number}"))
        cursor.execute(f'ANALYZE "{fresh}"')
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
        (sequence,) = cursor.fetchone()
        cursor.execute(f'DROP TABLE "{table}"')
        cursor.execute(f'ALTER TABLE "{fresh}" RENAME TO "{table}"')
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
        (fresh_sequence,) = cursor.fetchone()
        if sequence and fresh_sequence:
            cursor.execute(f"ALTER SEQUENCE {fresh_sequence} RENAME TO {sequence.split('.')[-1]}")
        for number, (name, constraint, _definition) in enumerate(indexes):
            if constraint:
                index = f"{fresh}_{number}"
                cursor.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {constraint} USING INDEX "{index}"')
            else:
                cursor.execute(f'ALTER INDEX "{fresh}_{number}" RENAME TO "{name}"')


def _indexes(cursor, table: str) -> list[tuple[str, str, str]]:
    """(name, "PRIMARY KEY" / "UNIQUE" / "" for a plain index, CREATE INDEX statement) of every index of the table."""
    cursor.execute(
        """SELECT i.relname, CASE c.contype WHEN 'p' THEN 'PRIMARY KEY' WHEN 'u' THEN 'UNIQUE' ELSE '' END,
                  pg_get_indexdef(x.indexrelid)
           FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
           LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid AND c.conrelid = x.indrelid
           WHERE x.indrelid = %s::regclass ORDER BY i.relname""",
        [f'"{table}"'],
    )
    return cursor.fetchall()


def _on_table(definition: str, fresh: str, name: str) -> str:
    """An index's CREATE statement (``pg_get_indexdef``) for the same index on the new table, named ``name`` for now."""
    return re.sub(r"^CREATE (UNIQUE )?INDEX \S+ ON \S+ ", rf'CREATE \1INDEX "{name}" ON "{fresh}" ', definition)


def staged_runs() -> dict[int, list[int]]:
    """The part numbers that have staging tables, by run (PostgreSQL)."""
    found: dict[int, set[int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(r"SELECT tablename FROM pg_tables WHERE tablename ~ '^outcomes_stage_[0-9]+_[0-9]+_[bo]$'")
        for (name,) in cursor.fetchall():
            run_id, part = name.split("_")[2:4]
            found.setdefault(int(run_id), set()).add(int(part))
    return {run_id: sorted(parts) for run_id, parts in found.items()}


def drop_staged(run_id: int, parts: list[int]) -> None:
    """Drop a run's staging tables (those that exist)."""
    with connection.cursor() as cursor:
        for number in parts:
            for table in stage_tables(run_id, number):
                cursor.execute(f'DROP TABLE IF EXISTS "{table}"')


def _tables() -> tuple[tuple, tuple]:
    return (
        (Benchmark, BENCHMARK_KEY, BENCHMARK_FIELDS),
        (OrganisationBenchmark, ORGANISATION_KEY, ORGANISATION_FIELDS),
    )
