# The generated column's expression uses the integer % operator instead of Mod (numeric on PostgreSQL).
# PostgreSQL cannot alter a generated column's expression: each is dropped and added again (the table is rewritten).

from django.db import migrations

import outcomes.models.cycles

MODELS = ("benchmark", "indicatorvalue", "organisationbenchmark")


class Migration(migrations.Migration):
    dependencies = [
        ("outcomes", "0010_scorecard_runs"),
    ]

    operations = [
        operation
        for model in MODELS
        for operation in (
            migrations.RemoveField(model_name=model, name="period_financial_year"),
            migrations.AddField(
                model_name=model,
                name="period_financial_year",
                field=outcomes.models.cycles.period_financial_year_field(),
            ),
        )
    ]
