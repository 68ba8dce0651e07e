"""A PCT's development plan: the panel's recommendations (fixed when the report is signed off) and the actions the
PCT takes on each, with their status, progress notes, SHA comments and evidence."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from .choices import STATUS_TAG, NoteKind, Priority, Status


class Recommendation(models.Model):
    """One of the panel's recommendations to a PCT in a cycle, about one competency, one governance area, or the PCT
    as a whole. A draft until the chair signs off the report, then fixed to that report version."""

    assessment = models.ForeignKey("assurance.Assessment", on_delete=models.CASCADE, related_name="recommendations")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    competency = models.ForeignKey(
        "competencies.Competency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    area = models.ForeignKey(
        "governance.GovernanceArea", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    priority = models.CharField(max_length=6, choices=Priority.choices, default=Priority.MEDIUM)
    report = models.ForeignKey(
        "panels.Report",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="structured_recommendations",
        help_text="The signed-off report version that made it part of the plan (empty while a draft)",
    )
    version = models.PositiveIntegerField(default=1, help_text="Optimistic concurrency")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["assessment", "number"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(competency__isnull=False, area__isnull=False), name="recommendation_one_item"
            )
        ]

    def __str__(self) -> str:
        return f"Recommendation {self.number}: {self.text[:60]}"

    @property
    def concerns(self) -> str:
        if self.competency_id:
            return f"Competency {self.competency.number}: {self.competency.short_name}"
        if self.area_id:
            return self.area.name
        return "The PCT as a whole"

    @property
    def is_fixed(self) -> bool:
        return self.report_id is not None


class Action(models.Model):
    """What the PCT will do about a recommendation: an owner at the PCT, a due date, a measure of success, and its
    status as it goes."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.PROTECT, related_name="actions")
    text = models.TextField("What will be done")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="development_actions")
    due_date = models.DateField()
    measure = models.TextField("Measure of success")
    status = models.CharField(max_length=11, choices=Status.choices, default=Status.NOT_STARTED)
    dropped_reason = models.TextField(blank=True)
    evidence = models.ManyToManyField("evidence.Evidence", blank=True, related_name="development_actions")
    version = models.PositiveIntegerField(default=1, help_text="Optimistic concurrency: checked and bumped on save")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[evidence])

    class Meta:
        ordering = ["recommendation__number", "due_date", "pk"]

    def __str__(self) -> str:
        return f"Action on recommendation {self.recommendation.number}: {self.text[:60]}"

    @property
    def status_tag(self) -> str:
        return STATUS_TAG[self.status]


class ActionNote(models.Model):
    """A progress note by the PCT, or a comment by the SHA lead, on one action."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(max_length=8, choices=NoteKind.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on action {self.action_id}"


class BoardSignOff(models.Model):
    """The PCT board meeting that approved the self-assessment and trajectories: needed before the PCT submits."""

    assessment = models.OneToOneField("assurance.Assessment", on_delete=models.CASCADE, related_name="board_sign_off")
    meeting_date = models.DateField()
    minute_reference = models.CharField(max_length=100)
    minute = models.ForeignKey(
        "evidence.Evidence",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The minute, from the PCT's evidence (removing the document leaves the sign-off incomplete)",
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(default=1, help_text="Optimistic concurrency: checked and bumped on save")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Board sign-off of {self.assessment}: {self.meeting_date}, minute {self.minute_reference}"

    @property
    def is_complete(self) -> bool:
        return bool(self.meeting_date and self.minute_reference.strip() and self.minute_id)
