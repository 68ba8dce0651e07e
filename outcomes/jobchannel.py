"""An import job's own database connection, beside the one that writes the values.

On PostgreSQL the import writes every value in one transaction (all or nothing), so progress saved through that
connection stays invisible until the end. The job's channel is a second connection in autocommit: what it saves is
seen at once. It also holds the job's lock (a session-level advisory lock), which says that a worker is running the
job: a second delivery of the same task finds it taken and waits, and the lock goes when the connection does, also
when the worker dies. On SQLite (the embedded default, imports run in the request) the channel is the connection
itself and there is no lock.
"""

from django.db import DEFAULT_DB_ALIAS, connections

from .choices import ImportStatus
from .models import ImportJob

LOCK_CLASS = 0x494D504A  # "IMPJ": the advisory-lock class of import jobs; the job's id is the object


class JobChannel:
    """Progress and the lock of one import job (use it as a context manager: leaving closes the connection)."""

    def __init__(self, job_id: int):
        self.job_id = job_id
        default = connections[DEFAULT_DB_ALIAS]
        self.separate = default.vendor == "postgresql"
        self.connection = type(default)(dict(default.settings_dict), default.alias) if self.separate else default

    def __enter__(self) -> "JobChannel":
        return self

    def __exit__(self, *exc) -> None:
        if self.separate:
            self.connection.close()

    def claim(self) -> bool:
        """Whether this worker may run the job now: no other one holds its lock (kept until the channel closes)."""
        if not self.separate:
            return True
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [LOCK_CLASS, self.job_id])
            return bool(cursor.fetchone()[0])

    def report(self, percent: int) -> None:
        """Save the job's progress where every connection sees it now (a finished job is left alone)."""
        with self.connection.cursor() as cursor:
            cursor.execute(
                f'UPDATE "{ImportJob._meta.db_table}" SET "progress" = %s, "status" = %s '
                'WHERE "id" = %s AND "status" IN (%s, %s)',
                [percent, ImportStatus.RUNNING, self.job_id, ImportStatus.QUEUED, ImportStatus.RUNNING],
            )
