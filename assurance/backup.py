"""Back up and restore the whole service: the database and the evidence files, into one folder.

PostgreSQL: `pg_dump --format=custom` and `pg_restore` (in one transaction). SQLite: an exact copy through SQLite's
online backup API (dumpdata would lose microseconds and renumber content types). Evidence files: a gzip tar of
settings.EVIDENCE_ROOT. A `manifest.json` beside them records the row count of every table and the SHA-256 of every
evidence file, and `restore` checks the result against it.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from contextlib import closing
from pathlib import Path

from django.conf import settings
from django.db import connection, connections
from django.utils import timezone

DUMP_PG = "database.dump"
DUMP_SQLITE = "database.sqlite3"
EVIDENCE_TAR = "evidence.tar.gz"
MANIFEST = "manifest.json"


class RestoreMismatch(Exception):
    """The restored database or evidence does not match the backup's manifest."""


def is_postgres() -> bool:
    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def default_folder() -> Path:
    """var/backups/<UTC timestamp>/, or under BACKUP_DIR when it is set."""
    root = Path(os.environ.get("BACKUP_DIR") or settings.BASE_DIR / "var" / "backups")
    return root / timezone.now().strftime("%Y%m%dT%H%M%SZ")


def table_counts() -> dict[str, int]:
    """Rows in every table of the default database (Django's and any other)."""
    with connection.cursor() as cursor:
        names = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for name in names:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(name)}")
            counts[name] = cursor.fetchone()[0]
    return counts


def evidence_checksums(root: Path | None = None) -> dict[str, str]:
    """SHA-256 of every file under the evidence root, by relative path."""
    root = Path(root or settings.EVIDENCE_ROOT)
    if not root.exists():
        return {}
    sums = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        sums[path.relative_to(root).as_posix()] = digest.hexdigest()
    return sums


def backup(folder: Path | None = None) -> Path:
    """Write the database, the evidence files and the manifest into a new folder; return it."""
    folder = Path(folder or default_folder())
    folder.mkdir(parents=True, exist_ok=False)
    if is_postgres():
        _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(folder / DUMP_PG)])
    else:
        _sqlite_copy(settings.DATABASES["default"]["NAME"], folder / DUMP_SQLITE)
    root = Path(settings.EVIDENCE_ROOT)
    with tarfile.open(folder / EVIDENCE_TAR, "w:gz") as archive:
        if root.exists():
            archive.add(root, arcname=".")
    manifest = {
        "created": timezone.now().isoformat(),
        "engine": "postgresql" if is_postgres() else "sqlite",
        "tables": table_counts(),
        "evidence": evidence_checksums(root),
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return folder


def restore(folder: Path) -> dict:
    """Replace the database and the evidence files with the backup's; check them against its manifest."""
    folder = Path(folder)
    manifest = json.loads((folder / MANIFEST).read_text())
    if manifest["engine"] != ("postgresql" if is_postgres() else "sqlite"):
        raise RestoreMismatch(f"This backup is of a {manifest['engine']} database; DATABASE_URL points elsewhere.")
    if is_postgres():
        _create_database_if_missing()
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", "--dbname", _dbname(),
              str(folder / DUMP_PG)])  # fmt: skip
    else:
        connections.close_all()
        _sqlite_copy(folder / DUMP_SQLITE, settings.DATABASES["default"]["NAME"])
    _restore_evidence(folder / EVIDENCE_TAR)
    connections.close_all()
    _check(manifest)
    return manifest


def _check(manifest: dict) -> None:
    counts = table_counts()
    expected = manifest["tables"]
    wrong = {name: (rows, counts.get(name)) for name, rows in expected.items() if counts.get(name) != rows}
    if wrong:
        raise RestoreMismatch(f"Row counts differ from the backup (expected, found): {wrong}")
    if evidence_checksums() != manifest["evidence"]:
        raise RestoreMismatch("Evidence files differ from the backup.")


def _restore_evidence(archive_path: Path) -> None:
    root = Path(settings.EVIDENCE_ROOT)
    root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=root.parent))
    with tarfile.open(archive_path, "r:gz") as archive:
        archive.extractall(staging, filter="data")
    if root.exists():
        shutil.rmtree(root)
    staging.rename(root)


def _sqlite_copy(source, target) -> None:
    """Copy one SQLite database into another, consistently even while the source is in use."""
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(source)) as origin, closing(sqlite3.connect(target)) as destination:
        origin.backup(destination)


def _dbname() -> str:
    return settings.DATABASES["default"]["NAME"]


def _pg_env() -> dict:
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[var] = str(db[key])
    env["PGDATABASE"] = db["NAME"]
    return env


def _run(command: list[str]) -> None:
    done = subprocess.run(command, env=_pg_env(), capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{command[0]} failed: {done.stderr.strip()}")


def _create_database_if_missing() -> None:
    """A restore onto a fresh server: create the empty database first (connecting to the maintenance database)."""
    import psycopg2
    from psycopg2 import sql

    env = _pg_env()
    params = {"dbname": "postgres", "host": env.get("PGHOST"), "port": env.get("PGPORT"), "user": env.get("PGUSER"),
              "password": env.get("PGPASSWORD")}  # fmt: skip
    admin = psycopg2.connect(**{k: v for k, v in params.items() if v})
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [_dbname()])
            if cursor.fetchone() is None:
                cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(_dbname())))
    finally:
        admin.close()
