"""A web upload of indicator values, kept so that its progress and result survive a page reload."""

from django.conf import settings
from django.db import models

from outcomes.choices import ImportStatus


class ImportJob(models.Model):
    """One uploaded file: who sent it, how far the import has gone, and what it found or changed."""

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    file_name = models.CharField(max_length=200)
    content = models.BinaryField(help_text="The uploaded bytes, read by the worker")
    status = models.CharField(max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="0 to 100")
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True, help_text="The first problems: row, column, message")
    problem_count = models.PositiveIntegerField(default=0, help_text="Every problem, listed or not")
    attempts = models.PositiveSmallIntegerField(default=0, help_text="Times a worker started the import")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.REFUSED, ImportStatus.FAILED)

    @property
    def is_done(self) -> bool:
        """Imported (the values are stored)."""
        return self.status == ImportStatus.DONE

    @property
    def is_failed(self) -> bool:
        """Failed while running (not a refused file): nothing was imported."""
        return self.status == ImportStatus.FAILED

    @property
    def problems_found(self) -> int:
        """Every problem found, listed or not."""
        return max(self.problem_count, len(self.errors))

    @property
    def more_problems(self) -> int:
        """Problems found but not listed (a file can hold hundreds of thousands)."""
        return self.problems_found - len(self.errors)
