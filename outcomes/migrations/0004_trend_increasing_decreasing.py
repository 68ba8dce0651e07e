"""Trends of indicators without polarity name their direction: "increasing" or "decreasing" when significant.

Stored results keep their slope and p-value, so the rows labelled "no significant change" before are relabelled here
without recomputing (the same rule as outcomes.trends.label: p < 0.05).
"""

from django.db import migrations, models

CHOICES = [
    ("improving", "Improving"), ("worsening", "Worsening"), ("increasing", "Increasing"),
    ("decreasing", "Decreasing"), ("no significant change", "No significant change"),
    ("not enough data", "Not enough data"),
]  # fmt: skip


def relabel(apps, schema_editor):
    results = apps.get_model("outcomes", "OrganisationBenchmark").objects.filter(
        indicator__polarity="none", trend="no significant change", trend_p_value__lt=0.05
    )
    results.filter(trend_slope__gt=0).update(trend="increasing")
    results.filter(trend_slope__lt=0).update(trend="decreasing")


def unlabel(apps, schema_editor):
    results = apps.get_model("outcomes", "OrganisationBenchmark").objects
    results.filter(trend__in=["increasing", "decreasing"]).update(trend="no significant change")


class Migration(migrations.Migration):
    dependencies = [
        ("outcomes", "0003_joint_outcomes_pooled_budgets"),
    ]

    operations = [
        migrations.AlterField(
            model_name="organisationbenchmark",
            name="trend",
            field=models.CharField(choices=CHOICES, max_length=22),
        ),
        migrations.RunPython(relabel, unlabel),
    ]
