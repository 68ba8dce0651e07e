"""A Celery worker killed in the middle of storing scorecards: another worker finishes the job, exactly once.

Real parts only: Redis as the broker, worker subprocesses (`celery -A assurance worker`) on the test database, and
SIGKILL (no clean shutdown, no acknowledgement). The kill is not timed: the test arms a checkpoint
(assurance/checkpoints.py) half-way through storing, where the benchmarks are written and the organisations' results
not yet, in one transaction; the worker says when it holds there, and is killed at that point, however busy the
machine. The task is acknowledged late, so the broker still holds it when the worker dies; after the visibility
timeout (shortened to a few seconds for the test) the next worker receives it again. The stored results must then
equal those of an uninterrupted run, row for row, with no duplicates.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from tests.conftest import requires_postgres, requires_redis

tasks = pytest.importorskip("outcomes.tasks", reason="outcomes.tasks.compute_scorecards has not landed yet")

VISIBILITY_TIMEOUT = 4


def _database_url() -> str:
    db = settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Worker:
    """One `celery worker` process (solo pool: the task runs in the process that SIGKILL stops) on the test DB."""

    def __init__(self, log: Path, checkpoints: Path | None = None):
        env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "CHECKPOINT_DIR")}
        env.update(
            DATABASE_URL=_database_url(),
            CELERY_QUEUE=settings.CELERY_TASK_DEFAULT_QUEUE,
            CELERY_VISIBILITY_TIMEOUT=str(VISIBILITY_TIMEOUT),
        )
        if checkpoints is not None:  # the worker holds at the checkpoints the test arms (assurance/checkpoints.py)
            env["CHECKPOINT_DIR"] = str(checkpoints)
        self.log = log
        command = [str(Path(sys.executable).parent / "celery"), "-A", "assurance", "worker", "--pool=solo",
                   "--loglevel=INFO", "--without-mingle", "--without-gossip", "--without-heartbeat",
                   "-Q", settings.CELERY_TASK_DEFAULT_QUEUE]  # fmt: skip
        with log.open("w") as out:
            self.process = subprocess.Popen(
                command, cwd=settings.BASE_DIR, env=env, stdout=out, stderr=subprocess.STDOUT
            )

    def wait_for(self, text: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.log.read_text():
                return
            if self.process.poll() is not None:
                pytest.fail(f"worker exited:\n{self.log.read_text()}")
            time.sleep(0.05)
        pytest.fail(f"worker log never showed {text!r}:\n{self.log.read_text()}")

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


def _results() -> dict[str, list[tuple]]:
    """Every stored scorecard row (without ids), sorted: the whole result of a computation."""
    from outcomes.models import Benchmark, OrganisationBenchmark

    def rows(model):
        fields = [f.attname for f in model._meta.concrete_fields if f.attname != "id"]
        return sorted(model.objects.values_list(*fields), key=repr)

    return {"benchmarks": rows(Benchmark), "organisations": rows(OrganisationBenchmark)}


def _clear_results() -> None:
    from outcomes.models import Benchmark, OrganisationBenchmark

    OrganisationBenchmark.objects.all().delete()
    Benchmark.objects.all().delete()


def _wait_for_file(path: Path, worker: Worker, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists():
            return
        if worker.process.poll() is not None:
            pytest.fail(f"worker exited:\n{worker.log.read_text()}")
        time.sleep(0.05)
    pytest.fail(f"the worker never reached {path.name}:\n{worker.log.read_text()}")


def _wait_for_success(task_id: str, timeout: float = 120) -> None:
    from django_celery_results.models import TaskResult

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = TaskResult.objects.filter(task_id=task_id).first()
        if found and found.status == "SUCCESS":
            return
        assert not found or found.status not in ("FAILURE", "REVOKED"), found.traceback
        time.sleep(0.1)
    pytest.fail(f"task {task_id} did not succeed in {timeout} s")


@requires_postgres()
@requires_redis()
@pytest.mark.killed_worker
@pytest.mark.django_db(transaction=True)
def test_killed_worker_mid_computation_leaves_a_complete_identical_result(world_tx, tmp_path):
    from django_celery_results.models import TaskResult

    from outcomes import demo, models

    models.IndicatorValue.objects.bulk_create(demo._synthetic_values(), batch_size=5000)
    workers = []
    held = tmp_path / "checkpoints"
    held.mkdir()
    try:
        # An uninterrupted run through a worker: the reference result.
        first = Worker(tmp_path / "worker-1.log", checkpoints=held)
        workers.append(first)
        first.wait_for("ready.")
        _wait_for_success(tasks.compute_scorecards.delay().id)
        reference = _results()
        assert reference["benchmarks"] and reference["organisations"]
        _clear_results()

        # The same task again, held half-way through storing: SIGKILL the worker there, once it says it holds.
        (held / "scorecards-half-stored.hold").touch()
        task_id = tasks.compute_scorecards.delay().id
        _wait_for_file(held / "scorecards-half-stored.reached", first)
        first.kill()
        assert _results() == {"benchmarks": [], "organisations": []}, "a half-stored result was committed"
        assert not TaskResult.objects.filter(task_id=task_id, status="SUCCESS").exists()

        # Another worker, once the broker gives up on the dead one, receives the task again and completes it.
        time.sleep(VISIBILITY_TIMEOUT + 1)
        second = Worker(tmp_path / "worker-2.log")
        workers.append(second)
        second.wait_for(f"[{task_id}] received", timeout=60)
        _wait_for_success(task_id)
        assert _results() == reference

        # Redelivering it once more changes nothing and adds no row.
        again = tasks.compute_scorecards.delay().id
        _wait_for_success(again)
        assert _results() == reference
    finally:
        for worker in workers:
            worker.stop()


def _stage_tables() -> list[str]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE tablename LIKE 'outcomes\\_stage\\_%%' ORDER BY 1")
        return [name for (name,) in cursor.fetchall()]


def _waiting_on_a_lock() -> bool:
    """Whether a session of the test database waits for a lock (read outside any transaction: pg_stat_activity is
    read once per transaction)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


@requires_postgres()
@requires_redis()
@pytest.mark.killed_worker
@pytest.mark.django_db(transaction=True)
def test_worker_killed_while_writing_a_part_keeps_the_other_parts_and_its_part_is_redone(world_tx, tmp_path):
    """No timing: the test holds the name of the second part's staging table in an open transaction, so the worker
    stops exactly there (its part computed, its results being written) until it is killed."""
    import psycopg2
    from django_celery_results.models import TaskResult

    from outcomes import demo, models, services, storage

    models.IndicatorValue.objects.bulk_create(demo._synthetic_values(), batch_size=5000)
    services.scorecards_compute()
    reference = _results()
    _clear_results()

    run = services.scorecard_run_start(parts=3)
    first, second, third = run.part_set.order_by("number")
    blocker = psycopg2.connect(_database_url())  # a transaction of its own, left open
    with blocker.cursor() as cursor:
        cursor.execute(f'CREATE TABLE "{storage.stage_tables(run.pk, second.number)[0]}" (held integer)')
    workers = []
    try:
        killed = Worker(tmp_path / "worker-1.log")
        workers.append(killed)
        killed.wait_for("ready.")
        body_id = tasks.parts_chord(run).apply_async().id
        deadline = time.monotonic() + 120
        while not (models.ScorecardRunPart.objects.filter(pk=first.pk, staged_at__isnull=False).exists()
                   and _waiting_on_a_lock()):  # fmt: skip
            assert time.monotonic() < deadline, killed.log.read_text()
            time.sleep(0.1)
        killed.kill()
        blocker.rollback()

        # The first part's results stay staged; nothing of the second is left; pages still read the old result.
        staged = {part.number: part for part in run.part_set.all()}
        assert staged[first.number].staged_at is not None and staged[second.number].staged_at is None
        assert _stage_tables() == sorted(storage.stage_tables(run.pk, first.number))
        assert _results() == {"benchmarks": [], "organisations": []}
        assert not TaskResult.objects.filter(task_id=body_id).exists()

        time.sleep(VISIBILITY_TIMEOUT + 1)  # the broker then hands the dead worker's message to the next worker
        second_worker = Worker(tmp_path / "worker-2.log")
        workers.append(second_worker)
        _wait_for_success(body_id)
        assert _results() == reference
        attempts = dict(run.part_set.values_list("number", "attempts"))
        assert attempts == {first.number: 1, second.number: 2, third.number: 1}  # only the killed part again
        assert _stage_tables() == []
    finally:
        blocker.close()
        for worker in workers:
            worker.stop()
