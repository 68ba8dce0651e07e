"""Competencies of a cycle's framework, a PCT's self-assessment of each, and its joint needs assessment."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from assurance.models import Cycle


class Competency(models.Model):
    """One of the organisational competencies a cycle rates on levels 1-4."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="competencies")
    number = models.PositiveSmallIntegerField()
    short_name = models.CharField(max_length=80)
    title = models.TextField(blank=True, help_text="Published long title, where known")
    description = models.TextField()
    partner_feedback = models.BooleanField(
        default=False, help_text="The cycle's framework asks the PCT's partners to rate this competency"
    )
    holds_joint_needs_assessment = models.BooleanField(
        default=False, help_text="The competency the PCT's joint strategic needs assessment is evidence for"
    )

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
    history = HistoricalRecords()

    class Meta:
        ordering = ["assessment", "competency__number"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "competency"], name="competency_assessment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.assessment} - {self.competency.short_name}: {self.level or '-'}"


class JointNeedsAssessment(models.Model):
    """A joint strategic needs assessment a PCT records with its partner councils: its date, document and needs."""

    pct = models.ForeignKey("assurance.Organisation", on_delete=models.CASCADE, related_name="joint_needs_assessments")
    councils = models.ManyToManyField("assurance.Organisation", related_name="+", help_text="Partner councils")
    title = models.CharField(max_length=200)
    assessment_date = models.DateField(help_text="The date the assessment speaks for")
    document = models.ForeignKey(
        "evidence.Evidence",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The published JSNA",
    )
    needs = models.JSONField(default=list, help_text="The needs it names, one per item")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[councils])

    class Meta:
        ordering = ["-assessment_date"]

    def __str__(self) -> str:
        return f"{self.title} ({self.pct_id}, {self.assessment_date})"
