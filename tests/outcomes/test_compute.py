"""The compute task stores every result in bulk, a rerun changes nothing, and the stored numbers are the pure ones."""

import math

import pytest
from django.core.management import call_command
from django.db import connection

from outcomes import scorecard, selectors, services
from outcomes.models import Benchmark, OrganisationBenchmark
from outcomes.tasks import compute_scorecards
from tests.conftest import requires_postgres

FIELDS = ["value", "lower_ci", "upper_ci", "ci_source", "comparison", "quartile", "trend", "trend_slope"]


def _snapshot():
    return sorted(OrganisationBenchmark.objects.values_list("indicator_id", "organisation_id", "period", *FIELDS))


def test_stored_results_are_the_pure_computation_field_by_field(scored):
    result = scorecard.compute(selectors.values_frame(), selectors.indicators_frame())
    assert Benchmark.objects.count() == len(result.benchmarks)
    assert OrganisationBenchmark.objects.count() == len(result.organisations)
    expected = result.organisations.set_index(["indicator_code", "org_code", "period"])
    columns = [c for c in scorecard.ORGANISATION_COLUMNS if c not in ("indicator_code", "org_code", "period")]
    stored = OrganisationBenchmark.objects.select_related("indicator", "organisation")
    for row in stored:
        want = expected.loc[(row.indicator.code, row.organisation.code, row.period)]
        for column in columns:
            assert _same(getattr(row, column), want[column]), (column, getattr(row, column), want[column])
    assert any(row.quartile is None for row in stored) is False  # every indicator here has a polarity
    assert any(row.periods_to_upper_quartile is None for row in stored)  # NULLs arrive as NULL


def _same(stored, wanted) -> bool:
    """Equal, with NaN, NA and None all meaning no value."""
    if wanted is None or wanted is scorecard.pd.NA or (isinstance(wanted, float) and math.isnan(wanted)):
        return stored is None
    if isinstance(wanted, float):
        return stored is not None and math.isclose(stored, wanted, rel_tol=1e-12, abs_tol=1e-300)
    return stored == wanted


def test_a_rerun_changes_nothing(scored):
    before = (_snapshot(), sorted(Benchmark.objects.values_list("indicator_id", "period", "q1", "q3")))
    call_command("compute_scorecards", stdout=None)
    compute_scorecards.apply()
    assert (_snapshot(), sorted(Benchmark.objects.values_list("indicator_id", "period", "q1", "q3"))) == before


@requires_postgres()
def test_a_rerun_writes_no_row_on_postgresql(scored):
    """xmin changes whenever PostgreSQL rewrites a row: the upsert skips rows whose numbers are unchanged."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, xmin::text FROM outcomes_organisationbenchmark ORDER BY id")
        before = cursor.fetchall()
        services.scorecards_compute()
        cursor.execute("SELECT id, xmin::text FROM outcomes_organisationbenchmark ORDER BY id")
        assert cursor.fetchall() == before


def test_a_changed_value_updates_its_stored_result(scored):
    from tests.outcomes.data import csv_text

    services.import_values(csv_text(["LE_BIRTH_M,5NT,2009-10,60,,,59.5,60.5"]), "fix.csv", recompute=False)
    services.scorecards_compute()
    stored = OrganisationBenchmark.objects.get(indicator__code="LE_BIRTH_M", organisation__code="5NT", period="2009-10")
    assert (stored.value, stored.comparison, stored.quartile) == (60, "worse", 4)


def test_the_task_retries_only_on_connection_errors():
    from django.db import OperationalError

    assert OperationalError in compute_scorecards.autoretry_for
    assert ValueError not in compute_scorecards.autoretry_for
    assert compute_scorecards.acks_late is True


@pytest.mark.parametrize("cycle_code", ["2008-09"])
def test_a_cycle_limits_the_periods_computed(world, cycle_code):
    from tests.outcomes.conftest import load_values

    load_values(pct_count=4, indicators=["LE_BIRTH_M"])
    OrganisationBenchmark.objects.all().delete()
    services.scorecards_compute(cycle_id=world.previous_cycle.pk)
    assert set(OrganisationBenchmark.objects.values_list("period", flat=True)) == {
        "2005-06", "2006-07", "2007-08", "2008-09"
    }  # fmt: skip


def test_deleting_an_indicator_still_deletes_its_stored_results(scored):
    """The results table has no database foreign keys (for speed); Django's cascade must still clean it."""
    indicator = services.Indicator.objects.get(code="MORT_CVD_U75")
    assert OrganisationBenchmark.objects.filter(indicator=indicator).exists()
    indicator.delete()
    assert not OrganisationBenchmark.objects.filter(indicator_id=indicator.pk).exists()


def test_the_migration_recomputes_every_stored_result_with_the_current_rules(scored):
    """Results stored under the old rules (mean of rates, three-point trends) leave no label behind."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("outcomes.migrations.0006_recompute_scorecards")
    expected = (_snapshot(), sorted(Benchmark.objects.values_list("indicator_id", "period", "national_source", "q1")))
    OrganisationBenchmark.objects.update(trend="improving", trend_slope=1.0, comparison="better", quartile=1)
    Benchmark.objects.update(national_source="mean", q1=0.0)
    migration.recompute(apps, None)
    found = (_snapshot(), sorted(Benchmark.objects.values_list("indicator_id", "period", "national_source", "q1")))
    assert found == expected
    assert "mean" not in {source for _, _, source, _ in found[1]}
