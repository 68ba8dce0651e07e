"""A scorecard computation split into parts (groups of indicators) that workers compute side by side.

Each part stages its results in tables of its own; the run's last step copies every part's results into the stored
tables in one transaction, so a page reads the previous complete result or the new one, never a mix.
"""

from django.db import models


class ScorecardRun(models.Model):
    """One computation of every scorecard, in ``parts`` groups of indicators."""

    cycle = models.ForeignKey("assurance.Cycle", on_delete=models.CASCADE, null=True, related_name="+")
    parts = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    stored_at = models.DateTimeField(null=True, help_text="When its results replaced the stored ones")
    superseded = models.BooleanField(default=False, help_text="A later run was stored first: this one was dropped")

    class Meta:
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"scorecard run {self.pk} ({self.parts} parts)"


class ScorecardRunPart(models.Model):
    """One group of indicators of a run: staged once its results are in its staging tables (committed)."""

    run = models.ForeignKey(ScorecardRun, on_delete=models.CASCADE, related_name="part_set")
    number = models.PositiveSmallIntegerField()
    indicator_ids = models.JSONField()
    staged_at = models.DateTimeField(null=True)
    rows = models.PositiveIntegerField(default=0)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["run", "number"]
        constraints = [models.UniqueConstraint(fields=["run", "number"], name="scorecardrunpart_unique_number")]

    def __str__(self) -> str:
        return f"part {self.number} of run {self.run_id}"
