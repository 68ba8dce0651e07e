"""The scorecard computed in parts (groups of indicators, one task each) stores exactly what one process stores;
readers see the previous complete result until every part is stored at once; a part that stops leaves nothing."""

from datetime import timedelta

import pytest
from celery.contrib.testing.worker import start_worker
from django.db import connection
from django.utils import timezone

from outcomes import demo, services, storage
from outcomes.models import Benchmark, IndicatorValue, OrganisationBenchmark, ScorecardRun, ScorecardRunPart
from outcomes.signals import scorecards_stored
from outcomes.tasks import compute_scorecards
from tests.conftest import requires_postgres, requires_redis

pytestmark = requires_postgres()


def stored_rows() -> dict[str, list[tuple]]:
    """Every stored scorecard row (every column but the id), sorted: the whole result of a computation."""

    def rows(model):
        fields = [f.attname for f in model._meta.concrete_fields if f.attname != "id"]
        return sorted(model.objects.values_list(*fields), key=repr)

    return {"benchmarks": rows(Benchmark), "organisations": rows(OrganisationBenchmark)}


def clear_results() -> None:
    OrganisationBenchmark.objects.all().delete()
    Benchmark.objects.all().delete()


def staging_tables() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE tablename LIKE 'outcomes\\_stage\\_%%' ORDER BY 1")
        return [name for (name,) in cursor.fetchall()]


def one_process_reference() -> dict[str, list[tuple]]:
    """The demo values' result computed in one process (the path parts must match), then the tables emptied."""
    IndicatorValue.objects.bulk_create(demo._synthetic_values(), batch_size=5000)
    services.scorecards_compute()
    reference = stored_rows()
    assert len(reference["benchmarks"]) > 100 and len(reference["organisations"]) > 10_000
    clear_results()
    return reference


def test_indicators_split_into_groups_of_about_equal_work():
    counts = {1: 100, 2: 90, 3: 50, 4: 50, 5: 40, 6: 10}
    groups = services.split_indicators(counts, 3)
    assert sorted(i for group in groups for i in group) == [1, 2, 3, 4, 5, 6]
    loads = sorted(sum(counts[i] for i in group) for group in groups)
    assert loads == [100, 110, 130]  # largest first, each to the lightest group
    assert services.split_indicators({1: 5, 2: 5}, 8) == [[1], [2]]  # no empty group
    assert services.split_indicators({}, 8) == []
    assert services.split_indicators({1: 5, 2: 5}, 0) == [[1, 2]]  # at least one group


def test_parts_store_every_row_as_one_process_does(world, settings, django_capture_on_commit_callbacks):
    reference = one_process_reference()
    settings.SCORECARD_PARTS, settings.SCORECARD_PART_MIN_VALUES = 5, 1
    sent = []
    scorecards_stored.connect(lambda **kwargs: sent.append(kwargs["sender"]), weak=False, dispatch_uid="test_parts")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            summary = compute_scorecards.apply().get()
    finally:
        scorecards_stored.disconnect(dispatch_uid="test_parts")
    assert "from 5 parts" in summary
    assert stored_rows() == reference
    assert sent == [services.scorecard_run_store]  # once, after every part is stored
    assert staging_tables() == []  # dropped once stored
    run = ScorecardRun.objects.get()
    assert run.stored_at is not None and run.part_set.filter(staged_at__isnull=False).count() == 5


def test_a_small_computation_is_not_split(world, settings, django_capture_on_commit_callbacks):
    IndicatorValue.objects.bulk_create(demo._synthetic_values(), batch_size=5000)
    values = IndicatorValue.objects.count()
    settings.SCORECARD_PARTS, settings.SCORECARD_PART_MIN_VALUES = 8, values // 2 + 1
    assert services.scorecard_run_start() is None  # fewer than twice the least values of a part: one process
    with django_capture_on_commit_callbacks(execute=True):
        assert "organisation results" in compute_scorecards.apply().get()
    assert not ScorecardRun.objects.exists() and OrganisationBenchmark.objects.exists()
    settings.SCORECARD_PART_MIN_VALUES = values // 3
    assert services.scorecard_run_start().parts == 3
    assert services.scorecard_run_start(parts=2).parts == 2  # asked for: as asked


def test_readers_see_the_previous_result_until_every_part_is_stored(world):
    """No timing: the parts are run one by one, and the stored tables are read between them."""
    IndicatorValue.objects.bulk_create(demo._synthetic_values(), batch_size=5000)
    services.scorecards_compute()
    before = stored_rows()
    changed = IndicatorValue.objects.filter(organisation__kind="PCT", value__isnull=False).order_by("pk")[:1].get()
    IndicatorValue.objects.filter(pk=changed.pk).update(value=changed.value * 1.5)

    run = services.scorecard_run_start(parts=4)
    parts = list(run.part_set.order_by("number"))
    for part in parts[:-1]:
        services.scorecard_part_compute(part_id=part.pk)
        assert stored_rows() == before  # staged, not stored: pages read the previous complete result
    with pytest.raises(services.PartsMissing):
        services.scorecard_run_store(run_id=run.pk)  # one part is missing: nothing is stored
    assert stored_rows() == before
    services.scorecard_part_compute(part_id=parts[-1].pk)
    services.scorecard_run_store(run_id=run.pk)
    after = stored_rows()
    assert after != before

    clear_results()
    services.scorecards_compute()
    assert stored_rows() == after  # the new complete result is the one-process result of the new values


def test_a_part_that_stops_mid_way_leaves_nothing_and_is_redone(world, monkeypatch):
    reference = one_process_reference()
    run = services.scorecard_run_start(parts=3)
    first, second, third = run.part_set.order_by("number")
    services.scorecard_part_compute(part_id=first.pk)
    staged_first = sorted(staging_tables())

    def stage_then_stop(run_id, part, benchmarks, organisations):
        real_stage(run_id, part, benchmarks, organisations)  # its tables are written ...
        raise MemoryError("the worker stops here")  # ... and it stops before its transaction commits

    real_stage = storage.stage
    monkeypatch.setattr(storage, "stage", stage_then_stop)
    with pytest.raises(MemoryError):
        services.scorecard_part_compute(part_id=second.pk)
    monkeypatch.undo()
    second.refresh_from_db()
    assert second.staged_at is None and sorted(staging_tables()) == staged_first  # nothing of it is left
    assert stored_rows() == {"benchmarks": [], "organisations": []}

    for part in (second, third):
        services.scorecard_part_compute(part_id=part.pk)
    assert "already done" in services.scorecard_part_compute(part_id=first.pk)  # a second delivery: nothing again
    services.scorecard_run_store(run_id=run.pk)
    assert stored_rows() == reference
    assert ScorecardRunPart.objects.get(pk=first.pk).attempts == 2
    assert ScorecardRunPart.objects.get(pk=second.pk).attempts == 2


def test_an_older_run_stored_after_a_newer_one_is_dropped(world):
    IndicatorValue.objects.bulk_create(demo._synthetic_values(), batch_size=5000)
    older, newer = services.scorecard_run_start(parts=2), services.scorecard_run_start(parts=2)
    for run in (newer, older):
        for part in run.part_set.all():
            services.scorecard_part_compute(part_id=part.pk)
    services.scorecard_run_store(run_id=newer.pk)
    result = stored_rows()
    assert "superseded" in services.scorecard_run_store(run_id=older.pk)
    assert stored_rows() == result and staging_tables() == []
    assert "already stored" in services.scorecard_run_store(run_id=newer.pk)


def test_staging_tables_left_behind_are_dropped_at_the_next_run(world, settings):
    IndicatorValue.objects.bulk_create(demo._synthetic_values(), batch_size=5000)
    dropped, abandoned, running = (services.scorecard_run_start(parts=2) for _ in range(3))
    for run in (dropped, abandoned, running):
        services.scorecard_part_compute(part_id=run.part_set.get(number=0).pk)
    ScorecardRun.objects.filter(pk=dropped.pk).update(superseded=True)  # its part wrote after it was dropped
    ScorecardRun.objects.filter(pk=abandoned.pk).update(created_at=timezone.now() - timedelta(hours=25))
    assert set(storage.staged_runs()) == {dropped.pk, abandoned.pk, running.pk}
    fresh = services.scorecard_run_start(parts=2)
    # a run still under way keeps its tables; a new one has its table of results, and no part has written yet
    assert storage.staged_runs() == {running.pk: [0], fresh.pk: []}
    assert ScorecardRun.objects.get(pk=abandoned.pk).superseded


@requires_redis()
@pytest.mark.django_db(transaction=True)
def test_parts_on_a_real_worker_store_every_row_as_one_process_does(world_tx, settings):
    from django_celery_results.models import TaskResult

    from tests.outcomes.test_worker import _wait_for

    reference = one_process_reference()
    settings.SCORECARD_PARTS, settings.SCORECARD_PART_MIN_VALUES = 4, 1
    with start_worker(
        compute_scorecards.app, queues=[settings.CELERY_TASK_DEFAULT_QUEUE], perform_ping_check=False, pool="solo"
    ):
        task_id = compute_scorecards.delay().id
        done = _wait_for(lambda: TaskResult.objects.filter(task_id=task_id, status="SUCCESS").first(), seconds=120)
    assert "from 4 parts" in done.result
    assert stored_rows() == reference
    assert set(TaskResult.objects.values_list("task_name", flat=True)) >= {
        "outcomes.tasks.compute_scorecard_part", "outcomes.tasks.store_scorecard_run",
    }  # fmt: skip
    assert staging_tables() == []


def table_shape(table: str) -> dict:
    """Names and definitions of the table's indexes and constraints, and its id sequence: what migrations rely on."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s ORDER BY 1", [table])
        indexes = cursor.fetchall()
        cursor.execute(
            "SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass "
            "ORDER BY 1",
            [table],
        )
        constraints = cursor.fetchall()
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
        sequence = cursor.fetchone()[0]
        cursor.execute(
            "SELECT attname, pg_get_expr(adbin, adrelid) FROM pg_attribute LEFT JOIN pg_attrdef "
            "ON adrelid = attrelid AND adnum = attnum WHERE attrelid = %s::regclass AND attnum > 0 "
            "AND NOT attisdropped ORDER BY attname",
            [table],
        )
        columns = cursor.fetchall()
    return {"indexes": indexes, "constraints": constraints, "sequence": sequence, "columns": columns}


def test_a_run_of_every_result_replaces_the_table_with_one_of_the_same_shape(world):
    """A full run writes a new table and swaps it in: same indexes, constraints, generated column and sequence
    names (so later migrations find them), the upsert of one process still works on it, and results of an
    indicator whose values are gone go with the old table."""
    reference = one_process_reference()
    table = OrganisationBenchmark._meta.db_table
    shape = table_shape(table)
    stale = OrganisationBenchmark.objects.create(
        indicator=IndicatorValue.objects.first().indicator, organisation=IndicatorValue.objects.first().organisation,
        period="1990-91", period_start_year=1990, org_type="PCT", comparison="similar", trend="not_tested",
    )  # fmt: skip
    run = services.scorecard_run_start(parts=3)
    for part in run.part_set.all():
        services.scorecard_part_compute(part_id=part.pk)
    services.scorecard_run_store(run_id=run.pk)
    assert stored_rows() == reference  # the stale row of 1990-91 is gone: nothing computed it
    assert not OrganisationBenchmark.objects.filter(pk=stale.pk).exists()
    assert table_shape(table) == shape
    assert staging_tables() == []
    services.scorecards_compute()  # one process: the upsert on the unique constraint of the new table
    assert stored_rows() == reference
    assert OrganisationBenchmark.objects.create(
        indicator=stale.indicator, organisation=stale.organisation, period="1990-91", period_start_year=1990,
        org_type="PCT", comparison="similar", trend="not_tested",
    ).pk  # fmt: skip  # ids still come from the table's sequence


def test_a_run_of_one_cycle_upserts_what_one_process_stores_for_it(world):
    """A run bounded to a cycle leaves the other rows alone: its results are upserted from the run's table."""
    IndicatorValue.objects.bulk_create(demo._synthetic_values(), batch_size=5000)
    cycle = world.previous_cycle
    services.scorecards_compute(cycle_id=cycle.pk)
    reference = stored_rows()
    clear_results()
    kept = OrganisationBenchmark.objects.create(
        indicator=IndicatorValue.objects.first().indicator, organisation=IndicatorValue.objects.first().organisation,
        period="1990-91", period_start_year=1990, org_type="PCT", comparison="similar", trend="not_tested",
    )  # fmt: skip
    run = services.scorecard_run_start(cycle_id=cycle.pk, parts=3)
    for part in run.part_set.all():
        services.scorecard_part_compute(part_id=part.pk)
    services.scorecard_run_store(run_id=run.pk)
    assert OrganisationBenchmark.objects.filter(pk=kept.pk).exists()  # not computed by this run, and kept
    kept.delete()
    assert stored_rows() == reference and staging_tables() == []


def test_a_swap_that_cannot_have_the_table_soon_fails_whole_and_can_be_stored_later(world, settings):
    """A reader holding the stored table (a backup's pg_dump does, throughout) would keep the swap waiting, and the
    pages behind it: past SCORECARD_SWAP_LOCK_TIMEOUT_MS the store fails with an error its task retries, leaving
    the previous result and the run's tables as they were; once the reader is gone, storing again succeeds."""
    import psycopg2
    from django.db import OperationalError

    from assurance.retry import TRANSIENT

    reference = one_process_reference()
    services.scorecards_compute()
    before = stored_rows()
    run = services.scorecard_run_start(parts=2)
    for part in run.part_set.all():
        services.scorecard_part_compute(part_id=part.pk)
    settings.SCORECARD_SWAP_LOCK_TIMEOUT_MS = 200
    db = connection.settings_dict
    reader = psycopg2.connect(
        dbname=db["NAME"], user=db["USER"], password=db["PASSWORD"], host=db["HOST"], port=db["PORT"]
    )
    with connection.cursor() as cursor:  # were the swap to wait without a limit, this test fails rather than hangs
        cursor.execute("SET statement_timeout = '20s'")
    try:
        with reader.cursor() as cursor:  # a transaction left open with the stored table read: its lock is held
            cursor.execute(f'SELECT count(*) FROM "{OrganisationBenchmark._meta.db_table}"')
        with pytest.raises(OperationalError, match="lock timeout") as failed:
            services.scorecard_run_store(run_id=run.pk)
        assert isinstance(failed.value, TRANSIENT)  # the store task retries it
        assert stored_rows() == before and not ScorecardRun.objects.get(pk=run.pk).stored_at
    finally:
        reader.rollback()
        reader.close()
        with connection.cursor() as cursor:
            cursor.execute("RESET statement_timeout")
    services.scorecard_run_store(run_id=run.pk)
    assert stored_rows() == reference and staging_tables() == []
