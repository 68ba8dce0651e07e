"""Bulk writes of imported indicator values: a few statements for a whole file, however many of its rows changed.

The rows go into a temporary table (a binary COPY on PostgreSQL, one executemany on SQLite), then one UPDATE ... FROM
changes the stored rows whose numbers differ (or that were synthetic) and one INSERT ... SELECT adds the rows not
stored yet. A re-import of changed rows costs what a first import costs, instead of a statement per row. The caller
holds the transaction, so the import stays all-or-nothing; on PostgreSQL imports take turns (a transaction-level
advisory lock), so two at once never race on the same new row.
"""

import io
from collections.abc import Callable

import pandas as pd
from django.db import connection
from django.utils import timezone

from . import pgcopy
from .models import IndicatorValue

KEY = ["indicator_id", "organisation_id", "period"]
NUMBERS = ["value", "numerator", "denominator", "lower_ci", "upper_ci"]
COLUMNS = [*KEY, "period_start_year", *NUMBERS]
STAGE = "outcomes_import_stage"
LOCK = 0x494D5054  # "IMPT": the advisory lock that makes imports take turns


def write(frame: pd.DataFrame, *, source: str, progress: Callable[[int], None]) -> tuple[int, int, int]:
    """Store the frame's rows (columns COLUMNS, numbers NaN when blank): (created, updated, unchanged).

    Must run inside a transaction; progress is told 60, 75 and 90 as the statements complete.
    """
    table = IndicatorValue._meta.db_table
    postgres = connection.vendor == "postgresql"
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        if postgres:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK])
            _stage_copy(cursor, table, frame[COLUMNS])
        else:
            _stage_executemany(cursor, table, frame[COLUMNS])
        progress(60)
        differs = " OR ".join(
            f't."{n}" IS DISTINCT FROM s."{n}"' if postgres else f't."{n}" IS NOT s."{n}"' for n in NUMBERS
        )
        matches = " AND ".join(f't."{k}" = s."{k}"' for k in KEY)
        cursor.execute(
            f'UPDATE "{table}" AS t SET '
            + ", ".join(f'"{n}" = s."{n}"' for n in NUMBERS)
            + f', "is_synthetic" = %s, "source" = %s, "updated_at" = %s FROM "{STAGE}" AS s '
            f'WHERE {matches} AND ({differs} OR t."is_synthetic")',
            [False, source, now],
        )
        updated = cursor.rowcount
        progress(75)
        names, selected = ", ".join(f'"{c}"' for c in COLUMNS), ", ".join(f's."{c}"' for c in COLUMNS)
        cursor.execute(
            f'INSERT INTO "{table}" ({names}, "is_synthetic", "source", "updated_at") '
            f'SELECT {selected}, %s, %s, %s FROM "{STAGE}" AS s '
            f'WHERE NOT EXISTS (SELECT 1 FROM "{table}" AS t WHERE {matches})',
            [False, source, now],
        )
        created = cursor.rowcount
        cursor.execute(f'DROP TABLE "{STAGE}"')
    progress(90)
    return created, updated, len(frame) - created - updated


def _stage_copy(cursor, table: str, frame: pd.DataFrame) -> None:
    """A temporary table shaped like the stored one, filled by one binary COPY."""
    names = ", ".join(f'"{c}"' for c in COLUMNS)
    kinds = [
        pgcopy.column_type(IndicatorValue._meta.get_field(c.removesuffix("_id")).db_type(connection)) for c in COLUMNS
    ]
    cursor.execute(f'CREATE TEMP TABLE "{STAGE}" ON COMMIT DROP AS SELECT {names} FROM "{table}" WITH NO DATA')
    buffer = io.BytesIO(pgcopy.encode(frame, kinds))
    cursor.cursor.copy_expert(f'COPY "{STAGE}" ({names}) FROM STDIN WITH (FORMAT binary)', buffer)


def _stage_executemany(cursor, table: str, frame: pd.DataFrame) -> None:
    """The same temporary table on SQLite, filled by one executemany."""
    names = ", ".join(f'"{c}"' for c in COLUMNS)
    cursor.execute(f'CREATE TEMP TABLE "{STAGE}" AS SELECT {names} FROM "{table}" WHERE 0')
    rows = frame.astype(object).where(frame.notna(), None).itertuples(index=False, name=None)
    cursor.executemany(f'INSERT INTO "{STAGE}" ({names}) VALUES ({", ".join(["%s"] * len(COLUMNS))})', list(rows))
