"""Recompute every stored scorecard result with DESIGN.md section 5 as it now reads, so no old label survives.

The trend test (weighted, five points, 99.8%, leave-one-out; "not tested" for overlapping rolling periods), quartiles
only from four organisations, England's value from counts ("aggregate") or none, and counts not compared all change
stored results. The computation is the pure ``outcomes.scorecard.compute``; values and ids are read, and results
written, through this migration's historical models, so later schema changes cannot break it. A database without
indicator values has nothing to recompute. National rollups catch up on their hourly run (or on the next import).
"""

import pandas as pd
from django.db import migrations

VALUE_COLUMNS = [
    "indicator_code", "org_code", "org_type", "period", "value", "numerator", "denominator", "lower_ci",
    "upper_ci", "is_synthetic",
]  # fmt: skip


def recompute(apps, schema_editor):
    from outcomes import scorecard, services, storage

    value_model = apps.get_model("outcomes", "IndicatorValue")
    if not value_model.objects.exists():
        return
    indicator_model = apps.get_model("outcomes", "Indicator")
    organisation_model = apps.get_model("assurance", "Organisation")
    rows = value_model.objects.values_list(
        "indicator__code", "organisation__code", "organisation__kind", "period", "value", "numerator",
        "denominator", "lower_ci", "upper_ci", "is_synthetic",
    )  # fmt: skip
    values = pd.DataFrame.from_records(list(rows), columns=VALUE_COLUMNS)
    indicators = pd.DataFrame.from_records(
        list(indicator_model.objects.values_list("code", "polarity", "unit")), columns=["code", "polarity", "unit"]
    )
    ids = (
        dict(indicator_model.objects.values_list("code", "pk")),
        dict(organisation_model.objects.values_list("code", "pk")),
    )
    benchmarks, organisations = services.results_for_storage(scorecard.compute(values, indicators), values, ids=ids)
    models = apps.get_model("outcomes", "Benchmark"), apps.get_model("outcomes", "OrganisationBenchmark")
    storage.store(benchmarks, organisations, models=models)


class Migration(migrations.Migration):
    dependencies = [
        ("outcomes", "0005_trend_not_tested_national_aggregate"),
    ]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
