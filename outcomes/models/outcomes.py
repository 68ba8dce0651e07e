"""A PCT's chosen priority outcomes for a cycle, each with a baseline and a five-year trajectory."""

from django.db import models

PLAN_YEARS = 5


class PriorityOutcome(models.Model):
    """One indicator a PCT has chosen as a priority outcome, with its baseline and yearly aims."""

    assessment = models.ForeignKey("assurance.Assessment", on_delete=models.CASCADE, related_name="outcomes")
    indicator = models.ForeignKey("outcomes.Indicator", on_delete=models.PROTECT, related_name="+")
    baseline = models.FloatField(null=True, blank=True)
    baseline_period = models.CharField(max_length=7, blank=True)
    trajectory = models.JSONField(default=list, blank=True, help_text="Aimed-for value in each of the plan years")
    joint = models.BooleanField(default=False, help_text="Shared with a local authority partner")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["indicator__data_pack_area", "indicator__name"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "indicator"], name="priorityoutcome_unique_indicator")
        ]

    def __str__(self) -> str:
        return f"{self.assessment} {self.indicator_id}"

    @property
    def is_complete(self) -> bool:
        return self.baseline is not None and len(self.trajectory) == PLAN_YEARS and None not in self.trajectory
