"""Cheaper database resets for the tests that commit (live server, real workers), on PostgreSQL only.

After each transactional test Django empties every table (`flush`), and `world_tx` then loads the reference data and
the personas again. Measured on this project's 65 tables (2 cores, busy): the `TRUNCATE` of all tables took about
3 s, and `load_reference` with the personas about 2.5 s, per test. Two replacements do the same in a tenth of a
second each:

- `delete_flush`: `flush` deletes the rows (`DELETE FROM` each table, foreign keys checked at commit, as Django
  declares them `DEFERRABLE INITIALLY DEFERRED`) instead of truncating: the tables are tiny, and `TRUNCATE` creates
  new files for every table and index. Sequences are reset only when a test asks (`reset_sequences`), as before.
- `Snapshot`: the rows of every table as loaded once per session (binary `COPY ... TO`), written back into the
  emptied tables after a flush (`COPY ... FROM`) instead of running the loaders again: the same rows the loaders
  wrote.
"""

import io

from django.db import connection, transaction
from django.db.backends.postgresql.operations import DatabaseOperations

EMPTY_BINARY_COPY = 21  # bytes of a binary COPY with no rows (header and trailer)


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def _delete_flush_sql(self, style, tables, *, reset_sequences=False, allow_cascade=False):
    """`sql_flush` for the tests: DELETE every table's rows (deferred foreign keys), not one TRUNCATE of all."""
    if not tables:
        return []
    sql = ["SET CONSTRAINTS ALL DEFERRED;"]
    sql += [f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};" for table in tables]
    if reset_sequences:
        sequences = [{"table": table, "column": None} for table in tables]
        sql += self.sequence_reset_by_name_sql(style, sequences)
    return sql


def use_delete_flush() -> None:
    """Make Django's flush (run after each transactional test) delete rows instead of truncating tables."""
    DatabaseOperations.sql_flush = _delete_flush_sql


class Snapshot:
    """The rows of every table, taken once, to write back into the emptied tables."""

    def __init__(self):
        self.rows: dict[str, bytes] = {}

    def _tables(self) -> list[str]:
        return connection.introspection.django_table_names(only_existing=True, include_views=False)

    def take(self) -> None:
        with connection.cursor() as cursor:
            for table in self._tables():
                buffer = io.BytesIO()
                cursor.cursor.copy_expert(f"COPY {connection.ops.quote_name(table)} TO STDOUT (FORMAT binary)", buffer)
                if buffer.tell() > EMPTY_BINARY_COPY:
                    self.rows[table] = buffer.getvalue()

    def restore(self) -> None:
        """Write the rows back into the empty tables. Tables that already hold rows are left as they are: after a
        flush, Django's post_migrate handlers have created the content types and permissions again (a foreign key
        to one of the snapshot's would fail at commit, not pass unseen)."""
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            for table, data in self.rows.items():
                cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {connection.ops.quote_name(table)})")
                if cursor.fetchone()[0]:
                    continue
                copy = f"COPY {connection.ops.quote_name(table)} FROM STDIN (FORMAT binary)"
                cursor.cursor.copy_expert(copy, io.BytesIO(data))
