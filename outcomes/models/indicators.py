"""The indicator library and the values of each indicator for each organisation and period."""

from django.db import models

from outcomes.choices import Polarity, ValueType

from .cycles import CycleBoundedQuerySet, period_financial_year_field


class IndicatorQuerySet(models.QuerySet):
    def for_org_type(self, org_type: str):
        """Indicators published for an organisation type (PCT or LA)."""
        return self.filter(org_types__icontains=org_type)


class Indicator(models.Model):
    """One indicator of the library (fixtures/indicators.csv), with the code exactly as published."""

    code = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    unit = models.CharField(max_length=20, help_text="%, per 1000, per 100000, years, count, ratio or GBP")
    polarity = models.CharField(max_length=6, choices=Polarity.choices)
    data_pack_area = models.CharField(max_length=80, db_index=True)
    org_types = models.CharField(max_length=20, help_text="Organisation types with values, e.g. PCT;LA")
    outcome_group = models.CharField(
        max_length=40, blank=True, help_text="Nationally required outcome group, e.g. life expectancy"
    )
    linked_national_indicator = models.CharField(max_length=20, blank=True)
    source = models.CharField(max_length=200, blank=True, help_text="Where the real values come from")
    value_type = models.CharField(
        max_length=26, choices=ValueType.choices, blank=True, help_text="Decides intervals and the funnel"
    )
    definition = models.TextField(blank=True, help_text="What the indicator measures, in plain words")
    numerator_definition = models.CharField(max_length=300, blank=True, help_text="What is counted")
    denominator_definition = models.CharField(max_length=300, blank=True, help_text="Out of what (the population)")
    multiplier = models.FloatField(
        null=True, blank=True, help_text="Numerator over denominator times this gives the value (100 for a %)"
    )
    interval_method = models.CharField(max_length=200, blank=True, help_text="How its 95% intervals are found")
    caveats = models.TextField(blank=True, help_text="What to bear in mind when reading it")
    approx_england_value = models.FloatField(null=True, blank=True, help_text="Seeds synthetic demo values only")
    has_real_data = models.BooleanField(default=False, help_text="Real published values are loaded")

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["data_pack_area", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def has_funnel(self) -> bool:
        """A funnel plot applies to proportions and crude rates: their spread depends only on the denominator."""
        return self.value_type in (ValueType.PROPORTION, ValueType.CRUDE_RATE)

    @property
    def org_type_list(self) -> list[str]:
        return [t for t in self.org_types.split(";") if t]


class IndicatorValue(models.Model):
    """The value of one indicator for one organisation in one period, as imported."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    organisation = models.ForeignKey("assurance.Organisation", on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=7, help_text="YYYY or YYYY-YY")
    period_start_year = models.PositiveSmallIntegerField()
    period_financial_year = period_financial_year_field()
    value = models.FloatField()
    numerator = models.FloatField(null=True, blank=True)
    denominator = models.FloatField(null=True, blank=True)
    lower_ci = models.FloatField(null=True, blank=True)
    upper_ci = models.FloatField(null=True, blank=True)
    is_synthetic = models.BooleanField(default=False, help_text="Made-up demonstration value")
    source = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CycleBoundedQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "organisation", "period_start_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "organisation", "period"], name="indicatorvalue_unique_org_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.organisation_id} {self.period}: {self.value}"
