"""Benchmark the scorecard computed in parts by real Celery worker processes: one, then two.

Run: ``.venv/bin/python -m benchmarks scorecard_workers`` (``make bench`` runs it with the others). It needs Redis
(``REDIS_URL``) and PostgreSQL. Keys, for the size ``BENCH_WORKERS_SIZE`` (default ``100x``: 15,200 organisations
x 40 indicators x 10 periods, about 6 million values):

- ``scorecard.workers_1.seconds_<size>``: from queueing ``compute_scorecards`` to its result stored, with one
  worker process (``celery worker --concurrency 1``): reading the values, computing, staging and storing;
- ``scorecard.workers_2.seconds_<size>``: the same with two worker processes (``--concurrency 2``);
- ``scorecard.workers_speedup_<size>``: the first over the second;
- ``scorecard.workers_<n>.store_seconds_<size>``: of that, the final store of every part (serial: one transaction),
  and ``scorecard.workers_<n>.part_seconds_<size>``: the slowest part, both as the worker logged them;
- ``scorecard.workers_loadavg_<size>``: the machine's one-minute load average before and after each run (other
  work on the machine makes the figures noisy: read them beside it).

The values are written once into the benchmark's own database (``BENCH_WORKERS_DATABASE_NAME``, default
``assurance_bench_workers``: not the pages benchmark's, which that one drops afterwards) and kept for later runs;
the stored results are emptied before each run, so each stores every row, as the first computation after an import
does. ``SCORECARD_PARTS`` (default 8) splits the work.
"""

import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import bench_scorecard, bench_scorecard_store

HERE = Path(__file__).resolve().parent
SIZE = os.environ.get("BENCH_WORKERS_SIZE", "100x")
TIMEOUT = float(os.environ.get("BENCH_WORKERS_TIMEOUT", "1800"))
DATABASE = os.environ.get("BENCH_WORKERS_DATABASE_NAME", "assurance_bench_workers")


def run(size: str = SIZE) -> dict:
    """Return the figures (the work runs in a child process configured for the benchmark database)."""
    if not os.environ.get("REDIS_URL"):
        print("scorecard_workers skipped: no REDIS_URL", file=sys.stderr)
        return {}
    bench_scorecard_store._create_database(DATABASE)
    env = {
        **os.environ,
        "DATABASE_URL": f"{bench_scorecard_store.SERVER}/{DATABASE}",
        "DJANGO_SETTINGS_MODULE": "assurance.settings",
        "CELERY_QUEUE": f"{os.environ.get('CELERY_QUEUE', 'assurance')}_bench",
    }
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_scorecard_workers", "--child", size],
        cwd=HERE.parent, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-4000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def _child(size: str) -> dict:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    _ensure_values(size)
    seconds, load, steps = {}, {}, {}
    for workers in (1, 2):
        bench_scorecard_store._empty_results()
        before = os.getloadavg()[0]
        seconds[workers], steps[workers] = _time_with_workers(workers)
        load[workers] = [round(before, 2), round(os.getloadavg()[0], 2)]
        print(f"{workers} worker(s): {seconds[workers]:.1f} s, load {load[workers]}", file=sys.stderr, flush=True)
    bench_scorecard_store._empty_results()
    split = {
        f"scorecard.workers_{workers}.{step}_seconds_{size}": value
        for workers, found in steps.items()
        for step, value in found.items()
    }
    return {
        **split,
        f"scorecard.workers_1.seconds_{size}": round(seconds[1], 1),
        f"scorecard.workers_2.seconds_{size}": round(seconds[2], 1),
        f"scorecard.workers_speedup_{size}": round(seconds[1] / seconds[2], 2),
        f"scorecard.workers_loadavg_{size}": load,
        "scorecard.workers_parts": _parts(),
    }


def _parts() -> int:
    from django.conf import settings

    return settings.SCORECARD_PARTS


def _ensure_values(size: str) -> None:
    """The synthetic values of the size as stored indicator values (written once; a different size replaces them)."""
    import pandas as pd
    from django.db import transaction

    from assurance.models import Organisation
    from outcomes import valuestore
    from outcomes.models import Indicator, IndicatorValue
    from outcomes.periods import start_years

    values, indicators = bench_scorecard.bench_sizes((size,))[size]
    values = values[values["value"].notna()]
    if IndicatorValue.objects.count() == len(values):
        return
    bench_scorecard_store._ensure_rows(values, indicators)
    IndicatorValue.objects.all().delete()
    ids = dict(Indicator.objects.values_list("code", "pk")), dict(Organisation.objects.values_list("code", "pk"))
    frame = values.assign(
        indicator_id=values["indicator_code"].map(ids[0]),
        organisation_id=values["org_code"].map(ids[1]),
        period_start_year=start_years(values["period"]),
    )
    for column in valuestore.NUMBERS:
        frame[column] = pd.to_numeric(frame[column])
    with transaction.atomic():
        valuestore.write(frame, source="Benchmark", progress=lambda percent: None)


def _time_with_workers(workers: int) -> tuple[float, dict]:
    """Start a worker with that many processes, queue the computation, and time it to the stored result; with the
    store's and the slowest part's own seconds from the worker's log."""
    from django.conf import settings
    from django_celery_results.models import TaskResult

    from outcomes.tasks import compute_scorecards

    with tempfile.NamedTemporaryFile("w+", suffix=".log") as log:
        command = [str(Path(sys.executable).parent / "celery"), "-A", "assurance", "worker", "--pool=prefork",
                   f"--concurrency={workers}", "--loglevel=INFO", "--without-mingle", "--without-gossip",
                   "-Q", settings.CELERY_TASK_DEFAULT_QUEUE]  # fmt: skip
        process = subprocess.Popen(command, cwd=HERE.parent, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait(lambda: "ready." in Path(log.name).read_text(), process, log.name)
            started = time.perf_counter()
            task_id = compute_scorecards.delay().id
            _wait(lambda: _finished(TaskResult, task_id), process, log.name)
            return time.perf_counter() - started, _steps(Path(log.name).read_text())
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()


def _steps(log: str) -> dict:
    """The seconds Celery logged for the store and for the slowest part ("Task NAME[id] succeeded in 1.2s")."""
    found: dict[str, list[float]] = {"store": [], "part": []}
    pattern = r"outcomes\.tasks\.(store_scorecard_run|compute_scorecard_part)\[[^]]+\] succeeded in ([0-9.]+)s"
    for name, value in re.findall(pattern, log):
        found["store" if name.startswith("store") else "part"].append(float(value))
    return {step: round(max(values), 1) for step, values in found.items() if values}


def _finished(task_results, task_id: str) -> bool:
    found = task_results.objects.filter(task_id=task_id).values_list("status", "traceback").first()
    if found and found[0] in ("FAILURE", "REVOKED"):
        raise RuntimeError(found[1])
    return bool(found) and found[0] == "SUCCESS"


def _wait(check, process, log: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not check():
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"worker stopped or timed out:\n{Path(log).read_text()[-4000:]}")
        time.sleep(0.1)


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if arguments[:1] == ["--child"]:
        print(json.dumps(_child(arguments[1] if len(arguments) > 1 else SIZE)))
        sys.exit(0)
    print(json.dumps(run(), indent=2))
