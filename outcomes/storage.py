"""Bulk writes of scorecard results: one upsert per table, so a rerun changes nothing.

On PostgreSQL the rows go through a binary COPY (outcomes.pgcopy) into a temporary table and one
INSERT .. ON CONFLICT DO UPDATE that skips rows whose numbers are unchanged; elsewhere (SQLite) through the same
upsert, one executemany.
"""

import io
import re

import pandas as pd
from django.conf import settings
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
# A run has one table for its organisation results, made at its start as a copy of the stored table without its
# indexes; each part copies its rows into it, and its benchmarks into a small table of its own (UNLOGGED: a crash
# loses only a run that is recomputed anyway). A part writes in its own transaction with its record: a part whose
# worker dies leaves nothing, and is done again. Storing the run, in one transaction, upserts the benchmarks and
# either swaps the run's table in for the stored one (a run of every result: ``replace_staged``) or upserts from it
# (a run of one cycle), then drops the run's tables.


def stage_tables(run_id: int, part: int) -> tuple[str, str]:
    """The staging tables a part writes: its benchmarks', and its run's organisation results' (integers only)."""
    return f"outcomes_stage_{int(run_id)}_{int(part)}_b", results_table(run_id)


def results_table(run_id: int) -> str:
    return f"outcomes_stage_{int(run_id)}_o"


def stage_begin(run_id: int) -> None:
    """Make the run's table of organisation results: the stored table's columns, generated column, defaults, checks
    and identity, without its indexes (built once, when the run is stored)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f'CREATE TABLE "{results_table(run_id)}" '
            f'(LIKE "{OrganisationBenchmark._meta.db_table}" INCLUDING ALL EXCLUDING INDEXES)'
        )


def stage(run_id: int, part: int, benchmarks: pd.DataFrame, organisations: pd.DataFrame) -> None:
    """Write the part's results: its benchmarks' table anew, its organisation results added to the run's table
    (PostgreSQL; the caller holds the transaction)."""
    frames = (benchmarks, organisations)
    for (model, key, fields), frame, table in zip(_tables(), frames, stage_tables(run_id, part), strict=True):
        columns = key + [f for f in fields if f not in key]
        kinds = [pgcopy.column_type(model._meta.get_field(c.removesuffix("_id")).db_type(connection)) for c in columns]
        names = ", ".join(f'"{c}"' for c in columns)
        with connection.cursor() as cursor:
            if model is Benchmark:
                cursor.execute(f'DROP TABLE IF EXISTS "{table}"')
                cursor.execute(
                    f'CREATE UNLOGGED TABLE "{table}" AS SELECT {names} FROM "{model._meta.db_table}" WITH NO DATA'
                )
            if not frame.empty:
                buffer = io.BytesIO(pgcopy.encode(frame[columns], kinds))
                cursor.cursor.copy_expert(f'COPY "{table}" ({names}) FROM STDIN WITH (FORMAT binary)', buffer)


def store_staged(run_id: int, parts: list[int], *, organisations: bool = True) -> None:
    """Upsert the run's staged results into the stored tables (without ``organisations``: the benchmarks alone), in
    the caller's transaction, as ``store`` does."""
    sources = [(_tables()[0], stage_tables(run_id, number)[0]) for number in parts]
    if organisations:
        sources.append((_tables()[1], results_table(run_id)))
    for (model, key, fields), table in sources:
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
    """Store a run that computed every result, in the caller's transaction: the benchmarks upserted as
    ``store_staged`` does; the run's table of organisation results, once indexed, takes the stored table's place.

    The parts wrote that table side by side, and building its indexes in one pass costs a fifth of upserting
    millions of rows into an indexed table (docs/scaling.md): this keeps short the one step of a run that workers
    cannot share. The table gets the stored one's index, constraint and sequence names; readers see the old table
    until the caller commits, then the new one (PostgreSQL looks the name up again for a query that waited on the
    swap's lock). Results of indicators that have no values any more go with the old table, as a computation of
    every value should leave.
    """
    table, fresh = OrganisationBenchmark._meta.db_table, results_table(run_id)
    store_staged(run_id, parts, organisations=False)
    with connection.cursor() as cursor:
        indexes = _indexes(cursor, table)
        for number, (_name, _constraint, definition) in enumerate(indexes):
            cursor.execute(_on_table(definition, fresh, f"{fresh}_{number}"))
        cursor.execute(f'ANALYZE "{fresh}"')
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
        (sequence,) = cursor.fetchone()
        # Readers queue behind the drop's lock while it waits: wait briefly, else fail (the task retries later).
        cursor.execute("SET LOCAL lock_timeout = %s", [f"{int(settings.SCORECARD_SWAP_LOCK_TIMEOUT_MS)}ms"])
        cursor.execute(f'DROP TABLE "{table}"')
        cursor.execute(f'ALTER TABLE "{fresh}" RENAME TO "{table}"')
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
        (fresh_sequence,) = cursor.fetchone()
        if sequence and fresh_sequence:
            cursor.execute(f"ALTER SEQUENCE {fresh_sequence} RENAME TO {sequence.split('.')[-1]}")
        for number, (name, constraint, _definition) in enumerate(indexes):
            index = f"{fresh}_{number}"
            if constraint:
                cursor.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {constraint} USING INDEX "{index}"')
            else:
                cursor.execute(f'ALTER INDEX "{index}" RENAME TO "{name}"')


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
    """The runs that have staging tables, each with the numbers of its parts that have written theirs (PostgreSQL)."""
    found: dict[int, set[int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(r"SELECT tablename FROM pg_tables WHERE tablename ~ '^outcomes_stage_[0-9]+_([0-9]+_b|o)$'")
        for (name,) in cursor.fetchall():
            run_id, part = name.split("_")[2:4]
            found.setdefault(int(run_id), set()).update([int(part)] if part != "o" else [])
    return {run_id: sorted(parts) for run_id, parts in found.items()}


def drop_staged(run_id: int, parts: list[int]) -> None:
    """Drop a run's staging tables (those that exist): its parts' and its table of organisation results."""
    with connection.cursor() as cursor:
        for table in [*(stage_tables(run_id, number)[0] for number in parts), results_table(run_id)]:
            cursor.execute(f'DROP TABLE IF EXISTS "{table}"')


def _tables() -> tuple[tuple, tuple]:
    return (
        (Benchmark, BENCHMARK_KEY, BENCHMARK_FIELDS),
        (OrganisationBenchmark, ORGANISATION_KEY, ORGANISATION_FIELDS),
    )
