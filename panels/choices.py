"""Choices of the panels app: report states and the level scale."""

from django.db import models

LEVELS = [(n, f"Level {n}") for n in range(1, 5)]

# Members whose provisional levels differ by this much or more are highlighted in the workspace.
WIDE_SPREAD = 2


class ReportState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SIGNED_OFF = "signed_off", "Signed off"
