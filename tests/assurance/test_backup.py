"""`make backup` / `make restore` round-trip a demo database and its evidence files, checked table by table."""

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from tests.conftest import requires_postgres


def _manage(*args: str, env: dict) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, f"manage.py {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _environment(database_url: str, evidence: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(DATABASE_URL=database_url, EVIDENCE_ROOT=str(evidence), LOG_LEVEL="ERROR")
    return env


def _write_evidence(root: Path) -> None:
    """Binary files in nested folders, as evidence uploads are stored, plus whatever the demo data put there."""
    for index, name in enumerate(["5NT/2009-10/board-minutes.pdf", "5NT/2009-10/jsna.xlsx", "5HQ/plan.docx"]):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(hashlib.sha256(str(index).encode()).digest() * 2000 + os.urandom(1000))


def _checksums(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _round_trip(database_url: str, tmp_path: Path, snapshot, drop) -> None:
    evidence = tmp_path / "evidence"
    env = _environment(database_url, evidence)
    _manage("migrate", "--no-input", "-v0", env=env)
    _manage("load_demo", env=env)
    _write_evidence(evidence)
    before, files_before = snapshot(), _checksums(evidence)
    assert before["assurance_assessment"][0] > 0 and before["auth_user"][0] > 0, "demo data loaded"

    _manage("backup", "--folder", str(tmp_path / "backup"), env=env)
    drop()
    for path in sorted(evidence.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    evidence.rmdir()
    output = _manage("restore", str(tmp_path / "backup"), env=env)

    assert "checked" in output
    after = snapshot()
    assert after.keys() == before.keys()
    differing = [table for table in before if before[table] != after[table]]
    assert differing == [], f"tables whose rows differ after restore: {differing}"
    assert _checksums(evidence) == files_before


@requires_postgres()
def test_postgres_round_trip_keeps_every_row_and_evidence_file(tmp_path):
    import psycopg2
    from psycopg2 import sql

    db = settings.DATABASES["default"]
    name = f"{db['NAME']}_backup"
    server = {"host": db["HOST"] or None, "port": db["PORT"] or None, "user": db["USER"] or None}
    server = {k: v for k, v in server.items() if v} | ({"password": db["PASSWORD"]} if db.get("PASSWORD") else {})

    def admin(statement):
        connection = psycopg2.connect(dbname="postgres", **server)
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(sql.SQL(statement).format(sql.Identifier(name)))
        connection.close()

    def snapshot() -> dict[str, tuple[int, str]]:
        """Row count and an MD5 of the ordered rows of every table in the scratch database."""
        connection = psycopg2.connect(dbname=name, **server)
        with connection.cursor() as cursor:
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
            tables = [row[0] for row in cursor.fetchall()]
            result = {}
            for table in tables:
                query = "SELECT count(*), coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM {} t"
                cursor.execute(sql.SQL(query).format(sql.Identifier(table)))
                result[table] = cursor.fetchone()
        connection.close()
        return result

    userinfo = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    url = f"postgres://{userinfo}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"
    admin("DROP DATABASE IF EXISTS {} WITH (FORCE)")
    admin("CREATE DATABASE {}")
    try:
        _round_trip(url, tmp_path, snapshot, drop=lambda: admin("DROP DATABASE {} WITH (FORCE)"))
        assert (tmp_path / "backup" / "database.dump").stat().st_size > 0
    finally:
        admin("DROP DATABASE IF EXISTS {} WITH (FORCE)")


def test_sqlite_round_trip_keeps_every_row_and_evidence_file(tmp_path):
    path = tmp_path / "assurance.sqlite3"

    def snapshot() -> dict[str, tuple[int, str]]:
        connection = sqlite3.connect(path)
        tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        result = {}
        for table in tables:
            rows = sorted(repr(row) for row in connection.execute(f'SELECT * FROM "{table}"'))
            result[table] = (len(rows), hashlib.md5("|".join(rows).encode()).hexdigest())
        connection.close()
        return result

    _round_trip(f"sqlite:///{path}", tmp_path, snapshot, drop=path.unlink)
    assert (tmp_path / "backup" / "database.sqlite3").stat().st_size > 0


def test_restore_refuses_a_folder_that_is_not_a_backup(tmp_path):
    env = _environment(f"sqlite:///{tmp_path / 'x.sqlite3'}", tmp_path / "evidence")
    done = subprocess.run(
        [sys.executable, "manage.py", "restore", str(tmp_path)], cwd=settings.BASE_DIR, env=env, capture_output=True
    )
    assert done.returncode != 0
    assert b"is not a backup folder" in done.stderr
