"""Competencies of a cycle's framework and their level descriptors."""

from django.db import models

from assurance.models import Cycle


class Competency(models.Model):
    """One of the organisational competencies a cycle rates on levels 1-4."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="competencies")
    number = models.PositiveSmallIntegerField()
    short_name = models.CharField(max_length=80)
    title = models.TextField(blank=True, help_text="Published long title, where known")
    description = models.TextField()

    class Meta:
        ordering = ["cycle", "number"]
        verbose_name_plural = "competencies"
        constraints = [models.UniqueConstraint(fields=["cycle", "number"], name="competency_unique_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.short_name} ({self.cycle.code})"


class LevelDescriptor(models.Model):
    """What a competency looks like at one level (1 = early, 4 = world class)."""

    competency = models.ForeignKey(Competency, on_delete=models.CASCADE, related_name="descriptors")
    level = models.PositiveSmallIntegerField(choices=[(n, f"Level {n}") for n in range(1, 5)])
    text = models.TextField()
    illustrative = models.BooleanField(default=True, help_text="Written for the product; not official wording")

    class Meta:
        ordering = ["competency", "level"]
        constraints = [models.UniqueConstraint(fields=["competency", "level"], name="descriptor_unique_level")]

    def __str__(self) -> str:
        return f"{self.competency.short_name} level {self.level}"


class CompetencyAssessment(models.Model):
    """A PCT's self-assessment of one competency in one cycle: its level, narrative and status."""

    assessment = models.ForeignKey(
        "assurance.Assessment", on_delete=models.CASCADE, related_name="competency_assessments"
    )
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="self_assessments")
    level = models.PositiveSmallIntegerField(null=True, blank=True, choices=[(n, f"Level {n}") for n in range(1, 5)])
    narrative = models.TextField(blank=True, help_text="Why this level, and what the PCT will do next")
    completed = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1, help_text="Optimistic concurrency: checked and bumped on save")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["assessment", "competency__number"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "competency"], name="competency_assessment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.assessment} - {self.competency.short_name}: {self.level or '-'}"
