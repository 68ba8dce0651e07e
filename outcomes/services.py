"""Writes of the outcomes app: importing values, storing scorecards, and a PCT's choice of outcomes."""

import logging
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import numpy as np
import pandas as pd
from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from assurance import access
from assurance.importing import ImportResult
from assurance.models import Assessment, Cycle, Organisation
from assurance.retry import TRANSIENT  # errors worth another attempt; any other ends an import job as failed
from assurance.workflow import closed_reason

from . import importing, scorecard, selectors, storage, valuestore
from .choices import ImportStatus
from .jobchannel import JobChannel
from .models import (
    PLAN_YEARS,
    ImportJob,
    Indicator,
    IndicatorValue,
    PriorityOutcome,
    ScorecardRun,
    ScorecardRunPart,
)
from .periods import cycle_financial_year, start_years
from .signals import scorecards_stored

logger = logging.getLogger(__name__)
BUSY = "busy"
STORE_LOCK = 0x53434F52  # "SCOR": runs of the computation in parts store their results in turn


def import_values(
    file,
    filename: str | None = None,
    *,
    source: str = "",
    progress: Callable[[int], None] | None = None,
    recompute: bool = True,
) -> ImportResult:
    """Import a CSV or Excel file of indicator values: all of it in one transaction, or nothing at all."""
    report = progress or (lambda percent: None)
    content, filename = _bytes_of(file, filename)
    df, errors = importing.read_table(
        content, filename, max_rows=settings.IMPORT_MAX_ROWS, max_unpacked=settings.IMPORT_MAX_UNPACKED_MB * 2**20
    )
    report(10)
    if df is not None:
        errors = importing.validate(
            df,
            indicator_codes=set(Indicator.objects.values_list("code", flat=True)),
            org_codes=set(Organisation.objects.values_list("code", flat=True)),
            units=dict(Indicator.objects.values_list("code", "unit")),
            limit=settings.IMPORT_MAX_PROBLEMS,
        )
    report(40)
    if errors:
        return ImportResult(errors=errors)
    result = _write(importing.clean(df), source=source or f"Imported from {filename}", progress=report)
    if recompute:
        transaction.on_commit(_queue_compute)
    report(100)
    return result


def _bytes_of(file, filename: str | None) -> tuple[bytes, str]:
    """Accept a path, an uploaded file or bytes with a name."""
    if isinstance(file, (str, Path)):
        return Path(file).read_bytes(), filename or Path(file).name
    if isinstance(file, bytes):
        return file, filename or "upload.csv"
    return file.read(), filename or getattr(file, "name", None) or "upload.csv"


@transaction.atomic
def _write(df: pd.DataFrame, *, source: str, progress: Callable[[int], None]) -> ImportResult:
    """Create new rows, update changed ones, and count the unchanged: a few statements for the whole file."""
    indicators = dict(Indicator.objects.values_list("code", "pk"))
    organisations = dict(Organisation.objects.values_list("code", "pk"))
    frame = df.assign(
        indicator_id=df["indicator_code"].map(indicators),
        organisation_id=df["org_code"].map(organisations),
        period_start_year=start_years(df["period"]),
    )
    progress(50)
    created, updated, unchanged = valuestore.write(frame, source=source[:200], progress=progress)
    return ImportResult(created=created, updated=updated, unchanged=unchanged)


def _queue_compute() -> None:
    from .tasks import compute_scorecards

    compute_scorecards.delay()


def import_job_start(*, user, upload) -> ImportJob:
    """Record an uploaded file and queue its import once the record is committed."""
    access.require(user, access.MANAGE_DATA, Organisation.objects.get(code=scorecard.ENGLAND_CODE))
    name = importing.printable(upload.name, longest=200)
    job = ImportJob.objects.create(created_by=user, file_name=name, content=upload.read())
    transaction.on_commit(lambda: _queue_import(job.pk))
    return job


def _queue_import(job_id: int) -> None:
    from .tasks import run_import

    run_import.delay(job_id)


def import_job_run(*, job_id: int) -> str:
    """Run one queued import, saving progress as it goes and the counts or problems at the end.

    Every way it can end is recorded on the job: done, refused (with the problems) or failed (with a message). A
    task delivered again (its worker killed, say for memory, before acknowledging it) starts again at most
    IMPORT_MAX_ATTEMPTS times in all; a delivery while another worker still runs the job returns BUSY, and the task
    asks again later.
    """
    with JobChannel(job_id) as channel:
        if not channel.claim():
            return BUSY
        job = ImportJob.objects.defer("content").get(pk=job_id)
        if job.is_finished:
            return f"job {job_id} already {job.status}"  # a redelivered task must not import twice
        ImportJob.objects.filter(pk=job_id).update(attempts=F("attempts") + 1, status=ImportStatus.RUNNING)
        attempts = job.attempts + 1
        if attempts > settings.IMPORT_MAX_ATTEMPTS:
            return _fail(
                job_id, f"The import was started {attempts - 1} times and stopped before the end each time (the "
                "worker running it stopped, perhaps for lack of memory). It will not be tried again; nothing was "
                "imported. Check the file's size, or split it, and upload it again.",
            )  # fmt: skip
        try:
            content = ImportJob.objects.values_list("content", flat=True).get(pk=job_id)
            result = import_values(bytes(content), job.file_name, progress=channel.report)
        except TRANSIENT:
            if attempts < settings.IMPORT_MAX_ATTEMPTS:
                raise  # the task tries again later
            logger.exception("import job %s failed", job_id)
            return _fail(job_id, _failure_message(job_id))
        except Exception:
            logger.exception("import job %s failed", job_id)
            return _fail(job_id, _failure_message(job_id))
        ImportJob.objects.filter(pk=job_id).update(  # still holding the lock: no second delivery starts meanwhile
            status=ImportStatus.REFUSED if result.refused else ImportStatus.DONE,
            progress=100,
            created=result.created,
            updated=result.updated,
            unchanged=result.unchanged,
            errors=[_error_json(e) for e in result.errors],
            problem_count=result.problem_count,
            finished_at=timezone.now(),
        )
    return result.summary() if not result.refused else f"refused: {result.problem_count} problems"


def _failure_message(job_id: int) -> str:
    return (
        f"The import stopped with an unexpected error; nothing was imported. Try again, and if it happens again "
        f"tell the service desk the import number ({job_id})."
    )


def _fail(job_id: int, message: str) -> str:
    """Record the job as failed with a message a person can act on."""
    ImportJob.objects.filter(pk=job_id).update(
        status=ImportStatus.FAILED, errors=[{"row": None, "column": None, "message": message}], problem_count=1,
        finished_at=timezone.now(),
    )  # fmt: skip
    return f"failed: {message}"


def scorecards_compute(*, cycle_id: int | None = None) -> str:
    """Compute benchmarks from all stored values (only the cycle's periods if given) and store them.

    A period's results read only that period and earlier ones, so computing for a cycle stores the same numbers for
    its periods as computing everything. Once stored and committed, ``scorecards_stored`` tells the apps that read
    the results (national rollups).
    """
    cycle = None if cycle_id is None else Cycle.objects.get(pk=cycle_id)
    values = selectors.values_frame(cycle=cycle)
    summary = "no values"
    if not values.empty:
        result = scorecard.compute(values, selectors.indicators_frame())
        benchmarks, organisations = results_for_storage(result, values)
        storage.store(benchmarks, organisations)
        summary = f"{len(benchmarks)} benchmarks, {len(organisations)} organisation results"
    transaction.on_commit(lambda: scorecards_stored.send(sender=scorecards_compute, cycle_id=cycle_id))
    return summary


# --- The computation in parts, side by side on workers (outcomes.tasks.compute_scorecards) ----------------------


class PartsMissing(Exception):
    """A run asked to store before every part was staged (a part's message was delivered twice, say)."""


def scorecards_in_parts() -> bool:
    """Whether the computation runs in parts: on PostgreSQL (the staging tables); elsewhere in one process."""
    return connection.vendor == "postgresql" and settings.SCORECARD_PARTS > 1


def split_indicators(counts: dict[int, int], parts: int) -> list[list[int]]:
    """Indicator ids in at most ``parts`` groups of about the same number of values (largest first, each to the
    lightest group), every group sorted; no empty group."""
    groups: list[list[int]] = [[] for _ in range(max(1, min(parts, len(counts))))] if counts else []
    loads = [0] * len(groups)
    for indicator_id, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        lightest = loads.index(min(loads))
        groups[lightest].append(indicator_id)
        loads[lightest] += count
    return [sorted(group) for group in groups]


def scorecard_run_start(*, cycle_id: int | None = None, parts: int | None = None) -> ScorecardRun | None:
    """Record a run of the computation in parts (groups of indicators of about equal size).

    Without ``parts``: SCORECARD_PARTS, but no more than one per SCORECARD_PART_MIN_VALUES values, and None when
    that is one part (or there are no values): a small computation is quicker in one process than split.
    """
    _scorecard_runs_prune()
    cycle = None if cycle_id is None else Cycle.objects.get(pk=cycle_id)
    counts = selectors.indicator_value_counts(cycle=cycle)
    if parts is None:
        parts = min(settings.SCORECARD_PARTS, sum(counts.values()) // settings.SCORECARD_PART_MIN_VALUES)
    if parts < 2 or not counts:
        return None
    groups = split_indicators(counts, parts)
    with transaction.atomic():
        run = ScorecardRun.objects.create(cycle=cycle, parts=len(groups))
        ScorecardRunPart.objects.bulk_create(
            ScorecardRunPart(run=run, number=number, indicator_ids=group) for number, group in enumerate(groups)
        )
        storage.stage_begin(run.pk)
    return run


def _scorecard_runs_prune() -> None:
    """Drop the staging tables left behind: those of runs stored or dropped (a part still running when its run was
    dropped writes them late), and of runs never stored (a part failed for good) after SCORECARD_RUN_ABANDON_HOURS."""
    left = storage.staged_runs()
    if not left:
        return
    cutoff = timezone.now() - timedelta(hours=settings.SCORECARD_RUN_ABANDON_HOURS)
    live = ScorecardRun.objects.filter(pk__in=left, stored_at=None, superseded=False, created_at__gte=cutoff)
    for run_id in set(left) - set(live.values_list("pk", flat=True)):
        with transaction.atomic():
            storage.drop_staged(run_id, left[run_id])
            ScorecardRun.objects.filter(pk=run_id, stored_at=None).update(superseded=True)


def scorecard_part_compute(*, part_id: int) -> str:
    """Compute one part's indicators and stage their results, in one transaction: all of the part or nothing.

    The part's row stays locked meanwhile, so a second delivery of the same part waits, then finds it staged. A
    worker that dies mid-way leaves no trace of the part (its transaction ends with its connection) and the part's
    message, acknowledged only at the end, is delivered again.
    """
    ScorecardRunPart.objects.filter(pk=part_id).update(attempts=F("attempts") + 1)
    with transaction.atomic():
        part = ScorecardRunPart.objects.select_for_update(of=("self",)).select_related("run__cycle").get(pk=part_id)
        run = part.run
        if part.staged_at is not None or run.stored_at is not None or run.superseded:
            return f"part {part.number} of run {run.pk} already done"
        values = selectors.values_frame(cycle=run.cycle, indicator_ids=part.indicator_ids)
        rows = 0
        if not values.empty:
            result = scorecard.compute(values, selectors.indicators_frame())
            benchmarks, organisations = results_for_storage(result, values)
            storage.stage(run.pk, part.number, benchmarks, organisations)
            rows = len(benchmarks) + len(organisations)
        else:
            storage.stage(run.pk, part.number, *_empty_results())
        part.staged_at, part.rows = timezone.now(), rows
        part.save(update_fields=["staged_at", "rows"])
    return f"part {part.number} of run {run.pk}: {rows} rows staged"


def scorecard_run_store(*, run_id: int) -> str:
    """Store every part's staged results in one transaction, so readers go from the previous complete result to
    this one; then ``scorecards_stored``, once committed. Runs store in turn; a run older than one already stored
    for the same periods is dropped (its values may be older)."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [STORE_LOCK])
        run = ScorecardRun.objects.select_for_update().get(pk=run_id)
        numbers = list(range(run.parts))
        if run.stored_at is not None or run.superseded:
            return f"run {run.pk} already {'stored' if run.stored_at else 'superseded'}"
        staged = ScorecardRunPart.objects.filter(run=run, staged_at__isnull=False).count()
        if staged < run.parts:
            raise PartsMissing(f"run {run.pk}: {staged} of {run.parts} parts staged")
        later = ScorecardRun.objects.filter(pk__gt=run.pk, stored_at__isnull=False)
        if later.filter(Q(cycle=None) | Q(cycle=run.cycle_id)).exists():
            run.superseded = True
            run.save(update_fields=["superseded"])
            storage.drop_staged(run.pk, numbers)
            return f"run {run.pk} superseded by a later run"
        if run.cycle_id is None:  # every result computed: a new table takes the stored one's place
            storage.replace_staged(run.pk, numbers)
        else:
            storage.store_staged(run.pk, numbers)
        storage.drop_staged(run.pk, numbers)
        run.stored_at = timezone.now()
        run.save(update_fields=["stored_at"])
        rows = sum(ScorecardRunPart.objects.filter(run=run).values_list("rows", flat=True))
        cycle_id = run.cycle_id
        transaction.on_commit(lambda: scorecards_stored.send(sender=scorecard_run_store, cycle_id=cycle_id))
    return f"run {run.pk}: {rows} results stored from {run.parts} parts"


def _empty_results() -> tuple[pd.DataFrame, pd.DataFrame]:
    return (
        pd.DataFrame(columns=storage.BENCHMARK_KEY + storage.BENCHMARK_FIELDS),
        pd.DataFrame(columns=storage.ORGANISATION_KEY + storage.ORGANISATION_FIELDS),
    )


def results_for_storage(
    result: scorecard.Result, values: pd.DataFrame, *, ids: tuple[dict, dict] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Replace codes by ids (``ids``: indicator and organisation pk by code, read here when not given) and add the
    columns the stored tables need."""
    if ids is None:
        ids = dict(Indicator.objects.values_list("code", "pk")), dict(Organisation.objects.values_list("code", "pk"))
    indicators, organisations = ids
    benchmarks = result.benchmarks.assign(
        indicator_id=result.benchmarks["indicator_code"].map(indicators),
        period_start_year=start_years(result.benchmarks["period"]),
    )
    rows = result.organisations.merge(
        values[["indicator_code", "org_code", "period", "is_synthetic"]],
        on=["indicator_code", "org_code", "period"],
        how="left",
    )
    rows = rows.assign(
        indicator_id=rows["indicator_code"].map(indicators),
        organisation_id=rows["org_code"].map(organisations),
        period_start_year=start_years(rows["period"]),
        is_synthetic=rows["is_synthetic"].fillna(False).astype(bool),
    )
    return benchmarks, rows


# --- Priority outcomes ---------------------------------------------------------------------------------------


class OutcomeRefused(Exception):
    """A choice of outcomes the cycle's rules do not allow; the message says why."""


def _check_editable(assessment: Assessment, user) -> None:
    access.require(user, access.EDIT, assessment.organisation)
    reason = closed_reason(assessment)  # submitted, or past the cycle's deadline without the SHA reopening it
    if reason:
        raise OutcomeRefused(reason)


def outcomes_fingerprint(assessment: Assessment) -> str:
    """A token of the current choice, so a save over someone else's newer change is refused, not lost."""
    rows = PriorityOutcome.objects.filter(assessment=assessment).order_by("indicator_id")
    return ";".join(f"{o.indicator_id}:{o.updated_at.timestamp():.6f}" for o in rows)


def check_choice(assessment: Assessment, indicators: list[Indicator]) -> list[str]:
    """Every reason the cycle's rules refuse this set of indicators (empty when allowed)."""
    cycle, problems = assessment.cycle, []
    if len(indicators) > cycle.max_outcomes:
        problems.append(f"Choose at most {cycle.max_outcomes} priority outcomes: you chose {len(indicators)}.")
    chosen_groups = {i.outcome_group for i in indicators}
    for group in cycle.required_outcome_groups:
        if group not in chosen_groups:
            problems.append(f"Choose at least one {group} indicator: it is a nationally required outcome.")
    with_data = {i.pk for i in selectors.indicators_with_data(assessment.organisation, cycle)}
    for indicator in indicators:
        if indicator.pk not in with_data:
            problems.append(
                f"{indicator.name} has no data for {assessment.organisation.name} in the {cycle.code} cycle's periods: "
                "choose another."
            )
    return problems


@transaction.atomic
def outcomes_choose(*, assessment: Assessment, indicators: list[Indicator], by, fingerprint: str) -> None:
    """Replace the PCT's chosen outcomes, keeping the baseline and trajectory of those it keeps."""
    assessment = Assessment.objects.select_for_update().select_related("organisation", "cycle").get(pk=assessment.pk)
    _check_editable(assessment, by)
    if fingerprint != outcomes_fingerprint(assessment):
        raise OutcomeRefused("Someone else changed these outcomes while you were editing. Check them and try again.")
    problems = check_choice(assessment, indicators)
    if problems:
        raise OutcomeRefused(" ".join(problems))
    wanted = {i.pk for i in indicators}
    PriorityOutcome.objects.filter(assessment=assessment).exclude(indicator_id__in=wanted).delete()
    kept = set(PriorityOutcome.objects.filter(assessment=assessment).values_list("indicator_id", flat=True))
    baselines = _latest_values(assessment.organisation, wanted - kept, before=assessment.cycle)
    PriorityOutcome.objects.bulk_create(
        [
            PriorityOutcome(assessment=assessment, indicator_id=pk, **baselines.get(pk, {}))
            for pk in sorted(wanted - kept)
        ]
    )


def _latest_values(organisation, indicator_ids: set[int], *, before) -> dict[int, dict]:
    """The latest stored value of each indicator in a period ending before the cycle's financial year (the plan's
    first year), offered as the baseline."""
    found = {}
    values = IndicatorValue.objects.filter(
        organisation=organisation,
        indicator_id__in=indicator_ids,
        period_financial_year__lt=cycle_financial_year(before),
    )
    for value in values.order_by("period_start_year"):
        found[value.indicator_id] = {"baseline": value.value, "baseline_period": value.period}
    return found


@transaction.atomic
def outcome_set_trajectory(
    *, outcome: PriorityOutcome, baseline: float, trajectory: list[float], by, updated_at: str
) -> PriorityOutcome:
    """Record the baseline and the value aimed for in each plan year."""
    outcome = PriorityOutcome.objects.select_for_update().select_related("assessment__organisation").get(pk=outcome.pk)
    _check_editable(outcome.assessment, by)
    if updated_at != f"{outcome.updated_at.timestamp():.6f}":
        raise OutcomeRefused("Someone else changed this outcome while you were editing. Check it and try again.")
    if len(trajectory) != PLAN_YEARS or any(v is None or not np.isfinite(v) for v in trajectory):
        raise OutcomeRefused(f"Give a value for each of the {PLAN_YEARS} plan years.")
    outcome.baseline, outcome.trajectory = baseline, list(trajectory)
    outcome.save()
    return outcome


def _error_json(error: importing.RowError) -> dict:
    """A problem as JSON (row numbers may come as numpy integers; text with no control character)."""
    row = None if error.row is None else int(error.row)
    column = None if error.column is None else importing.printable(error.column)
    return {"row": row, "column": column, "message": importing.printable(error.message)}
