"""Import jobs end in a state that says what happened, whatever the file or the worker did (issue 14, findings 3,
4 and 13): refused with a bounded list of problems, failed with a message, never running forever, never twice."""

import io

import pytest
from django.db import DEFAULT_DB_ALIAS, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from outcomes import services
from outcomes.choices import ImportStatus
from outcomes.jobchannel import LOCK_CLASS
from outcomes.models import ImportJob, IndicatorValue
from outcomes.tasks import run_import
from tests.conftest import requires_postgres, requires_redis
from tests.outcomes.data import csv_text
from tests.outcomes.test_import import GOOD, _upload
from tests.outcomes.test_import_limits import _workbook


def _job(content: bytes, name: str = "values.csv", **fields) -> ImportJob:
    return ImportJob.objects.create(file_name=name, content=content, **fields)


def _run(job: ImportJob) -> ImportJob:
    run_import.apply(args=[job.pk])
    job.refresh_from_db()
    return job


def test_a_nul_byte_in_a_cell_refuses_the_file_with_a_row_message(world, django_capture_on_commit_callbacks):
    content = csv_text([GOOD[0], "LE_BIRTH_M,5H\x00Q,2009-10,74.5,,,,"])
    job = _upload(world, content, "nul.csv", django_capture_on_commit_callbacks)
    assert job.status == ImportStatus.REFUSED
    assert {
        "row": 3, "column": "org_code", "message": "Contains a control character (U+0000), which no value may hold: "
        "remove it",
    } in job.errors  # fmt: skip
    assert IndicatorValue.objects.count() == 0


def test_any_error_while_importing_ends_the_job_as_failed_with_a_safe_message(world, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("internal detail \x00 that must not be shown")

    monkeypatch.setattr(services, "_write", broken)
    job = _run(_job(csv_text(GOOD)))
    assert (job.status, job.finished_at is not None) == (ImportStatus.FAILED, True)
    [error] = job.errors
    assert error["message"].startswith("The import stopped with an unexpected error; nothing was imported.")
    assert "internal detail" not in error["message"]
    page = world.client_for("dh_analyst").get(reverse("outcomes:import_status", kwargs={"pk": job.pk}))
    assert "The import failed: nothing was imported" in page.content.decode()


def test_an_import_whose_worker_kept_dying_fails_instead_of_running_again(world, settings):
    """A worker killed for memory puts its task back (late acknowledgement): each start is counted on the job, and
    past IMPORT_MAX_ATTEMPTS the job is failed with a message instead of crash-looping the worker."""
    settings.IMPORT_MAX_ATTEMPTS = 3
    job = _run(_job(csv_text(GOOD), status=ImportStatus.RUNNING, progress=40, attempts=3))
    assert (job.status, job.attempts) == (ImportStatus.FAILED, 4)
    assert job.errors[0]["message"].startswith("The import was started 3 times and stopped before the end each time")
    assert IndicatorValue.objects.count() == 0


def test_an_attempt_within_the_limit_runs_the_import(world, settings):
    settings.IMPORT_MAX_ATTEMPTS = 3
    job = _run(_job(csv_text(GOOD), status=ImportStatus.RUNNING, attempts=2))
    assert (job.status, job.attempts, job.created) == (ImportStatus.DONE, 3, 2)


@requires_postgres()
def test_a_second_delivery_while_another_worker_runs_the_job_does_not_import_twice(world):
    """The broker hands the task out again once its visibility timeout passes, even though the first worker is still
    importing: the job's lock (held here by another connection, as by that worker) turns the second one away."""
    job = _job(csv_text(GOOD))
    default = connections[DEFAULT_DB_ALIAS]
    other = type(default)(dict(default.settings_dict), default.alias)
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s, %s)", [LOCK_CLASS, job.pk])
        assert services.import_job_run(job_id=job.pk) == services.BUSY
        job.refresh_from_db()
        assert (job.status, job.attempts) == (ImportStatus.QUEUED, 0)
    finally:
        other.close()  # as when that worker dies: the lock goes with its connection
    assert services.import_job_run(job_id=job.pk) == "2 created, 0 updated, 0 unchanged"


def test_a_file_with_thousands_of_problems_stores_the_first_few_hundred_and_the_count(world, settings):
    settings.IMPORT_MAX_PROBLEMS = 300
    rows = [f"NOPE,5NT,{1000 + i},x,,,," for i in range(5000)]
    job = _run(_job(csv_text(rows)))
    assert (job.status, len(job.errors), job.problem_count, job.more_problems) == (
        ImportStatus.REFUSED, 300, 10_000, 9_700,
    )  # fmt: skip
    assert job.errors[0] == {"row": 2, "column": "indicator_code", "message": "Unknown indicator code 'NOPE'"}
    page = world.client_for("dh_analyst").get(reverse("outcomes:import_status", kwargs={"pk": job.pk}))
    text = page.content.decode()
    assert "10000 problems: the first 300 are listed below" in text
    assert "and 9700 more problems, not listed" in text
    assert text.count('<tr class="govuk-table__row">') == 1 + 300 + 1


def test_the_upload_page_never_loads_the_problems_of_past_jobs(world):
    _job(b"x", errors=[{"row": 2, "column": None, "message": "m"}] * 100, status=ImportStatus.REFUSED)
    default = connections[DEFAULT_DB_ALIAS]
    with CaptureQueriesContext(default) as queries:
        response = world.client_for("dh_analyst").get(reverse("outcomes:import_upload"))
    assert response.status_code == 200
    job_queries = [q["sql"] for q in queries if "outcomes_importjob" in q["sql"]]
    assert job_queries and not any('"errors"' in sql or '"content"' in sql for sql in job_queries)


def test_a_small_workbook_that_unpacks_past_the_limit_is_refused_with_the_limit(
    world, settings, django_capture_on_commit_callbacks
):
    settings.IMPORT_MAX_UNPACKED_MB = 5
    content = _workbook(2000, padding=5000)
    job = _upload(world, content, "bomb.xlsx", django_capture_on_commit_callbacks)
    assert job.status == ImportStatus.REFUSED
    [error] = job.errors
    assert "the limit is 5 MB" in error["message"]
    assert IndicatorValue.objects.count() == 0


def test_a_file_past_the_row_limit_is_refused_with_the_limit(world, settings):
    settings.IMPORT_MAX_ROWS = 10
    job = _run(_job(csv_text([f"LE_BIRTH_M,5NT,{2000 + i},70,,,," for i in range(11)])))
    assert job.status == ImportStatus.REFUSED
    assert job.errors[0]["message"].startswith("File has more than 10 rows of values: the limit is 10 rows a file")


@requires_postgres()
@pytest.mark.django_db(transaction=True)
def test_progress_is_seen_by_others_while_the_values_are_still_being_written(world_tx, monkeypatch):
    """Each progress report made while the import's transaction is open is read back at once by a third connection
    (as the progress page's request would read it): the bar moves through the write phase, not 40 % throughout."""
    default = connections[DEFAULT_DB_ALIAS]
    observer = type(default)(dict(default.settings_dict), default.alias)
    seen = []
    real_import = services.import_values

    def observed(*args, progress, **kwargs):
        def report(percent):
            progress(percent)
            if default.in_atomic_block:
                with observer.cursor() as cursor:
                    cursor.execute("SELECT progress FROM outcomes_importjob WHERE id = %s", [job.pk])
                    seen.append((percent, cursor.fetchone()[0]))

        return real_import(*args, progress=report, **kwargs)

    monkeypatch.setattr(services, "import_values", observed)
    job = _job(csv_text(GOOD))
    try:
        job = _run(job)
    finally:
        observer.close()
    assert job.status == ImportStatus.DONE
    assert len(seen) >= 2
    assert [reported for reported, _ in seen] == [shown for _, shown in seen]


def test_the_upload_form_keeps_the_name_printable(world, django_capture_on_commit_callbacks):
    job = _upload(world, csv_text(GOOD), "values\x1b.csv", django_capture_on_commit_callbacks)
    assert "\x1b" not in job.file_name


def test_a_reimport_replaces_synthetic_values_even_when_the_numbers_are_equal(world):
    services.import_values(csv_text(GOOD), "first.csv", recompute=False)
    IndicatorValue.objects.update(is_synthetic=True)
    result = services.import_values(io.BytesIO(csv_text(GOOD)), "again.csv", recompute=False)
    assert (result.created, result.updated, result.unchanged) == (0, 2, 0)
    assert not IndicatorValue.objects.filter(is_synthetic=True).exists()
    assert set(IndicatorValue.objects.values_list("source", flat=True)) == {"Imported from again.csv"}


@requires_postgres()
@requires_redis()
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_waits_while_another_holds_the_job_then_imports_it_once(world_tx, monkeypatch):
    """On a real worker over Redis: the task delivered while the job's lock is held (another worker importing) is
    retried rather than run; once the lock goes (that worker finished or died), the next try imports, once."""
    from celery.contrib.testing.worker import start_worker
    from django.conf import settings
    from django_celery_results.models import TaskResult

    from assurance.celery import app
    from outcomes import tasks
    from tests.outcomes.test_worker import _wait_for

    monkeypatch.setattr(tasks, "IMPORT_BUSY_RETRY_SECONDS", 1)
    job = _job(csv_text(GOOD))
    default = connections[DEFAULT_DB_ALIAS]
    holder = type(default)(dict(default.settings_dict), default.alias)
    try:
        with holder.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s, %s)", [LOCK_CLASS, job.pk])
        with start_worker(app, queues=[settings.CELERY_TASK_DEFAULT_QUEUE], perform_ping_check=False, pool="solo"):
            task_id = run_import.delay(job.pk).id
            _wait_for(lambda: TaskResult.objects.filter(task_id=task_id, status="RETRY").exists())
            job.refresh_from_db()
            assert (job.status, job.attempts) == (ImportStatus.QUEUED, 0)
            holder.close()
            done = _wait_for(lambda: ImportJob.objects.filter(pk=job.pk, status=ImportStatus.DONE).first())
    finally:
        holder.close()
    assert (done.attempts, done.created, IndicatorValue.objects.count()) == (1, 2, 2)
