"""Choices of the development app: a recommendation's priority and an action's status."""

from django.db import models


class Priority(models.TextChoices):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


class Status(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


STATUS_TAG = {
    Status.NOT_STARTED: "govuk-tag--grey",
    Status.ON_TRACK: "govuk-tag--blue",
    Status.AT_RISK: "govuk-tag--orange",
    Status.DONE: "govuk-tag--green",
    Status.DROPPED: "govuk-tag--red",
}
OPEN_STATUSES = (Status.NOT_STARTED, Status.ON_TRACK, Status.AT_RISK)
# An open action this many days past its due date is flagged on the PCT's and the SHA's home pages.
FLAG_OVERDUE_DAYS = 30


class NoteKind(models.TextChoices):
    PROGRESS = "progress", "Progress note"
    COMMENT = "comment", "SHA comment"
