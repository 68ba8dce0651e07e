"""Evidence documents a PCT uploads to support its self-assessment, stored where no web server serves them.

The tables keep the names the competencies app gave them when evidence lived there (migrations move the state only).
"""

import os
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from simple_history.models import HistoricalRecords


class EvidenceStorage(FileSystemStorage):
    """Evidence files under settings.EVIDENCE_ROOT, which no web server serves; read at use, not at import."""

    @property
    def base_location(self):
        return str(settings.EVIDENCE_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)


def evidence_storage() -> EvidenceStorage:
    return EvidenceStorage()


def evidence_path(instance: "Evidence", filename: str) -> str:
    """A stored name that reveals nothing and never collides: <PCT code>/<cycle>/<uuid><extension>."""
    assessment = instance.assessment
    suffix = Path(filename).suffix.lower()
    return f"{assessment.organisation.code}/{assessment.cycle.code}/{uuid.uuid4().hex}{suffix}"


class Evidence(models.Model):
    """A document a PCT uploads to support its self-assessment of competencies and governance areas."""

    assessment = models.ForeignKey("assurance.Assessment", on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to=evidence_path, storage=evidence_storage, max_length=200)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField(help_text="Bytes")
    document_date = models.DateField(help_text="The date the document speaks for (not the upload date)")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    competencies = models.ManyToManyField(
        "competencies.Competency",
        blank=True,
        related_name="evidence_documents",
        db_table="competencies_evidence_competencies",
    )
    governance_areas = models.ManyToManyField(
        "governance.GovernanceArea",
        blank=True,
        related_name="evidence_documents",
        db_table="competencies_evidence_governance_areas",
    )
    history = HistoricalRecords(table_name="competencies_historicalevidence")

    class Meta:
        db_table = "competencies_evidence"  # created by the competencies app, whose tables these stay
        ordering = ["-document_date", "title"]
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return f"{self.title} ({self.original_name})"
