"""Stored scorecard results: written only by the compute task, read by pages and the API."""

from django.db import models

from outcomes.choices import Comparison, Trend

from .cycles import CycleBoundedQuerySet, period_financial_year_field


class Benchmark(models.Model):
    """National average and quartiles of one indicator in one period over one organisation type."""

    indicator = models.ForeignKey("outcomes.Indicator", on_delete=models.CASCADE, related_name="benchmarks")
    period = models.CharField(max_length=7)
    period_start_year = models.PositiveSmallIntegerField()
    period_financial_year = period_financial_year_field()
    org_type = models.CharField(max_length=7)
    national_average = models.FloatField(null=True)
    national_source = models.CharField(max_length=9, null=True, help_text="england or aggregate")  # noqa: DJ001 - null: no values
    q1 = models.FloatField(null=True)
    median = models.FloatField(null=True)
    q3 = models.FloatField(null=True)
    upper_quartile = models.FloatField(null=True, help_text="Boundary of the best-performing quarter")
    n = models.PositiveIntegerField(default=0)

    objects = CycleBoundedQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "period_start_year", "org_type"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period", "org_type"], name="benchmark_unique_period_type")
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.period} {self.org_type}"


class OrganisationBenchmark(models.Model):
    """One organisation's value of an indicator in a period, with its interval, comparison, quartile and trend."""

    # Derived rows, rewritten in bulk from values whose keys are checked: no database-level foreign-key checks
    # (they were half the time of storing; Django still cascades deletes), and no index of its own on indicator
    # (the unique constraint starts with it).
    indicator = models.ForeignKey(
        "outcomes.Indicator", on_delete=models.CASCADE, related_name="+", db_constraint=False, db_index=False
    )
    organisation = models.ForeignKey(
        "assurance.Organisation", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    period = models.CharField(max_length=7)
    period_start_year = models.PositiveSmallIntegerField()
    period_financial_year = period_financial_year_field()
    org_type = models.CharField(max_length=7)
    value = models.FloatField(null=True)
    lower_ci = models.FloatField(null=True)
    upper_ci = models.FloatField(null=True)
    ci_source = models.CharField(max_length=8, null=True, help_text="data or computed")  # noqa: DJ001 - null: no interval
    lower_ci_998 = models.FloatField(null=True)
    upper_ci_998 = models.FloatField(null=True)
    comparison = models.CharField(max_length=10, choices=Comparison.choices)
    quartile = models.PositiveSmallIntegerField(null=True, help_text="1 = best-performing quarter")
    trend = models.CharField(max_length=22, choices=Trend.choices)
    trend_slope = models.FloatField(null=True)
    trend_p_value = models.FloatField(null=True)
    gap_to_upper_quartile = models.FloatField(null=True)
    periods_to_upper_quartile = models.PositiveIntegerField(null=True)
    is_synthetic = models.BooleanField(default=False)

    objects = CycleBoundedQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "organisation", "period_start_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "organisation", "period"], name="organisationbenchmark_unique_org_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.organisation_id} {self.period}"

    @property
    def worse_and_worsening(self) -> bool:
        return self.comparison == Comparison.WORSE and self.trend == Trend.WORSENING
