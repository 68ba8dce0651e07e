"""Governance areas of a cycle's framework and a PCT's red/amber/green self-declaration of each."""

from django.db import models
from simple_history.models import HistoricalRecords

from assurance.models import Cycle

from .choices import Rag


class GovernanceArea(models.Model):
    """A governance area (or, from 2009-10, an item within an area) rated red, amber or green."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="governance_areas")
    area = models.CharField(max_length=40, help_text="Strategy, Finance or Board")
    item = models.CharField(max_length=120, blank=True, help_text="The item within the area, where rated apart")
    evidence = models.TextField(blank=True, help_text="The plans and controls that evidence it")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["cycle", "order"]
        constraints = [models.UniqueConstraint(fields=["cycle", "area", "item"], name="governance_area_unique")]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return f"{self.area}: {self.item}" if self.item else self.area

    @property
    def is_area(self) -> bool:
        """The rating of a whole area (strategy, finance, board): the one that counts. An item (from 2009-10) only
        informs its area's rating."""
        return not self.item


class GovernanceDeclaration(models.Model):
    """A PCT's red/amber/green self-declaration for one governance area in one cycle."""

    assessment = models.ForeignKey(
        "assurance.Assessment", on_delete=models.CASCADE, related_name="governance_declarations"
    )
    area = models.ForeignKey(GovernanceArea, on_delete=models.PROTECT, related_name="declarations")
    rag = models.CharField(max_length=5, choices=Rag.choices, blank=True)
    commentary = models.TextField(blank=True)
    completed = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1, help_text="Optimistic concurrency: checked and bumped on save")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["assessment", "area__order"]
        constraints = [models.UniqueConstraint(fields=["assessment", "area"], name="governance_declaration_unique")]

    def __str__(self) -> str:
        return f"{self.assessment} - {self.area.name}: {self.rag or '-'}"
