"""Writes of the outcomes app: importing values, storing scorecards, and a PCT's choice of outcomes."""

import math
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
from django.db import transaction
from django.utils import timezone

from assurance import access
from assurance.importing import ImportResult
from assurance.models import Assessment, Organisation
from assurance.workflow import is_editable

from . import importing, scorecard, selectors, storage
from .choices import ImportStatus
from .models import PLAN_YEARS, ImportJob, Indicator, IndicatorValue, PriorityOutcome
from .periods import start_years
from .signals import scorecards_stored

NUMBERS = ["value", "numerator", "denominator", "lower_ci", "upper_ci"]


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
    df, errors = importing.read_table(content, filename)
    report(10)
    if df is not None:
        errors = importing.validate(
            df,
            indicator_codes=set(Indicator.objects.values_list("code", flat=True)),
            org_codes=set(Organisation.objects.values_list("code", flat=True)),
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
    return file.read(), filename or getattr(file, "name", "upload.csv")


def _same(a, b) -> bool:
    """Equal numbers, with blank equal to blank."""
    a_blank = a is None or (isinstance(a, float) and math.isnan(a))
    b_blank = b is None or (isinstance(b, float) and math.isnan(b))
    return a_blank and b_blank or (not a_blank and not b_blank and math.isclose(a, b, rel_tol=1e-12))


@transaction.atomic
def _write(df: pd.DataFrame, *, source: str, progress: Callable[[int], None]) -> ImportResult:
    """Create new rows, update changed ones, and count the unchanged."""
    indicators = dict(Indicator.objects.values_list("code", "pk"))
    organisations = dict(Organisation.objects.values_list("code", "pk"))
    df = df.assign(
        indicator_id=df["indicator_code"].map(indicators),
        organisation_id=df["org_code"].map(organisations),
        period_start_year=start_years(df["period"]),
    )
    existing = {
        (v.indicator_id, v.organisation_id, v.period): v
        for v in IndicatorValue.objects.select_for_update().filter(
            indicator_id__in=set(df["indicator_id"].tolist()), organisation_id__in=set(df["organisation_id"].tolist())
        )
    }
    progress(60)
    created, changed, unchanged = [], [], 0
    for row in df.astype(object).where(df.notna(), None).to_dict("records"):
        numbers = {name: row[name] for name in NUMBERS}
        current = existing.get((row["indicator_id"], row["organisation_id"], row["period"]))
        if current is None:
            created.append(IndicatorValue(**_value_fields(row), **numbers, source=source))
        elif all(_same(getattr(current, n), v) for n, v in numbers.items()) and not current.is_synthetic:
            unchanged += 1
        else:
            for name, value in numbers.items():
                setattr(current, name, value)
            current.is_synthetic, current.source = False, source
            changed.append(current)
    IndicatorValue.objects.bulk_create(created, batch_size=2000)
    IndicatorValue.objects.bulk_update(changed, [*NUMBERS, "is_synthetic", "source", "updated_at"], batch_size=2000)
    progress(90)
    return ImportResult(created=len(created), updated=len(changed), unchanged=unchanged)


def _value_fields(row: dict) -> dict:
    return {
        "indicator_id": row["indicator_id"],
        "organisation_id": row["organisation_id"],
        "period": row["period"],
        "period_start_year": row["period_start_year"],
    }


def _queue_compute() -> None:
    from .tasks import compute_scorecards

    compute_scorecards.delay()


def import_job_start(*, user, upload) -> ImportJob:
    """Record an uploaded file and queue its import once the record is committed."""
    access.require(user, access.MANAGE_DATA, Organisation.objects.get(code=scorecard.ENGLAND_CODE))
    job = ImportJob.objects.create(created_by=user, file_name=upload.name[:200], content=upload.read())
    transaction.on_commit(lambda: _queue_import(job.pk))
    return job


def _queue_import(job_id: int) -> None:
    from .tasks import run_import

    run_import.delay(job_id)


def import_job_run(*, job_id: int) -> str:
    """Run one queued import, saving progress as it goes and the counts or problems at the end."""
    job = ImportJob.objects.get(pk=job_id)
    if job.is_finished:
        return f"job {job_id} already {job.status}"  # a redelivered task must not import twice

    def report(percent: int) -> None:
        ImportJob.objects.filter(pk=job_id).update(progress=percent, status=ImportStatus.RUNNING)

    try:
        result = import_values(bytes(job.content), job.file_name, progress=report)
    except Exception as error:
        ImportJob.objects.filter(pk=job_id).update(
            status=ImportStatus.FAILED, errors=[{"row": None, "column": None, "message": str(error)}],
            finished_at=timezone.now(),
        )  # fmt: skip
        raise
    ImportJob.objects.filter(pk=job_id).update(
        status=ImportStatus.REFUSED if result.refused else ImportStatus.DONE,
        progress=100,
        created=result.created,
        updated=result.updated,
        unchanged=result.unchanged,
        errors=[_error_json(e) for e in result.errors],
        finished_at=timezone.now(),
    )
    return result.summary() if not result.refused else f"refused: {len(result.errors)} problems"


def scorecards_compute(*, cycle_id: int | None = None) -> str:
    """Compute benchmarks from all stored values (up to the cycle's last year if given) and store them.

    Once stored and committed, ``scorecards_stored`` tells the apps that read the results (national rollups).
    """
    max_year = None
    if cycle_id is not None:
        from assurance.models import Cycle

        max_year = Cycle.objects.get(pk=cycle_id).start_date.year
    values = selectors.values_frame(max_start_year=max_year)
    summary = "no values"
    if not values.empty:
        result = scorecard.compute(values, selectors.indicators_frame())
        benchmarks, organisations = results_for_storage(result, values)
        storage.store(benchmarks, organisations)
        summary = f"{len(benchmarks)} benchmarks, {len(organisations)} organisation results"
    transaction.on_commit(lambda: scorecards_stored.send(sender=scorecards_compute, cycle_id=cycle_id))
    return summary


def results_for_storage(result: scorecard.Result, values: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Replace codes by ids and add the columns the stored tables need."""
    indicators = dict(Indicator.objects.values_list("code", "pk"))
    organisations = dict(Organisation.objects.values_list("code", "pk"))
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
    if not is_editable(assessment.state):
        raise OutcomeRefused("The self-assessment has been submitted: its outcomes can no longer be changed.")


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
    with_data = {i.pk for i in selectors.indicators_with_data(assessment.organisation)}
    for indicator in indicators:
        if indicator.pk not in with_data:
            problems.append(f"{indicator.name} has no data for {assessment.organisation.name}: choose another.")
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
    baselines = _latest_values(assessment.organisation, wanted - kept, before_year=assessment.cycle.start_date.year)
    PriorityOutcome.objects.bulk_create(
        [
            PriorityOutcome(assessment=assessment, indicator_id=pk, **baselines.get(pk, {}))
            for pk in sorted(wanted - kept)
        ]
    )


def _latest_values(organisation, indicator_ids: set[int], *, before_year: int) -> dict[int, dict]:
    """The latest stored value of each indicator before the plan's first year, offered as the baseline."""
    found = {}
    values = IndicatorValue.objects.filter(
        organisation=organisation, indicator_id__in=indicator_ids, period_start_year__lt=before_year
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
    """A problem as JSON (row numbers may come as numpy integers)."""
    return {"row": None if error.row is None else int(error.row), "column": error.column, "message": error.message}
