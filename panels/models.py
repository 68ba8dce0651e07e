"""Panels and their members, review days, provisional and agreed ratings, reports and their versions."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from assurance.models import Assessment, Cycle, Organisation
from competencies.models import Competency
from governance.choices import Rag
from governance.models import GovernanceArea

from .choices import LEVELS, ReportState


class Panel(models.Model):
    """An SHA's assurance panel for one cycle."""

    sha = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="panels")
    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="panels")
    data_pack_url = models.URLField(blank=True, help_text="Where the SHA's data pack for this cycle is published")

    class Meta:
        ordering = ["cycle__start_date", "sha__name"]
        constraints = [models.UniqueConstraint(fields=["sha", "cycle"], name="panel_unique_sha_cycle")]

    def __str__(self) -> str:
        return f"{self.sha.name} panel {self.cycle.code}"


class PanelMember(models.Model):
    """A named person on a panel: its chair, an SHA member or an external member."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="panel_seats")
    is_chair = models.BooleanField(default=False)
    external = models.BooleanField(default=False, help_text="From outside the SHA")

    class Meta:
        ordering = ["-is_chair", "user__last_name", "user__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "user"], name="panel_member_unique"),
            models.UniqueConstraint(fields=["panel"], condition=models.Q(is_chair=True), name="panel_one_chair"),
        ]

    def __str__(self) -> str:
        return f"{self.user.get_full_name() or self.user.username} ({self.panel})"


class ReviewDay(models.Model):
    """The day a panel meets one PCT's board to review its assessment."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="review_days")
    assessment = models.OneToOneField(Assessment, on_delete=models.PROTECT, related_name="review_day")
    date = models.DateField()
    place = models.CharField(max_length=200)
    attendees = models.TextField(blank=True, help_text="The PCT's attendees, one a line")
    factual_accuracy_until = models.DateField(
        null=True, blank=True, help_text="The PCT lead may comment on the signed-off report until this date"
    )
    outcomes_commentary = models.TextField(blank=True)
    commentary_version = models.PositiveIntegerField(default=0, help_text="Optimistic concurrency")

    class Meta:
        ordering = ["date", "assessment__organisation__name"]

    def __str__(self) -> str:
        return f"{self.assessment.organisation.name} review day {self.date:%d %B %Y}"


class RatedItem(models.Model):
    """A rating of one competency (level) or one governance area (RAG)."""

    competency = models.ForeignKey(Competency, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    area = models.ForeignKey(GovernanceArea, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(null=True, blank=True, choices=LEVELS)
    rag = models.CharField(max_length=5, choices=Rag.choices, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        item = self.competency or self.area
        return f"{item}: {self.level or self.rag or '-'}"

    @property
    def item_key(self) -> str:
        return f"c{self.competency_id}" if self.competency_id else f"g{self.area_id}"

    def clean(self):
        if (self.competency_id is None) == (self.area_id is None):
            raise ValidationError("A rating is of one competency or one governance area.")


def _one_item_check(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(competency__isnull=False, area__isnull=True)
        | models.Q(competency__isnull=True, area__isnull=False),
        name=name,
    )


class ProvisionalRating(RatedItem):
    """One panel member's own rating and notes of one item before the review day."""

    review_day = models.ForeignKey(ReviewDay, on_delete=models.CASCADE, related_name="provisional_ratings")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    notes = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()  # who rated what, when: every change and clearing is kept

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["review_day", "member", "competency"],
                condition=models.Q(competency__isnull=False),
                name="provisional_unique_competency",
            ),
            models.UniqueConstraint(
                fields=["review_day", "member", "area"],
                condition=models.Q(area__isnull=False),
                name="provisional_unique_area",
            ),
            _one_item_check("provisional_one_item"),
        ]


class AgreedRating(RatedItem):
    """The panel's agreed rating of one competency or governance area, recorded by the chair."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="agreed_ratings")
    rationale = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(default=1, help_text="Optimistic concurrency: checked and bumped on save")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "competency"],
                condition=models.Q(competency__isnull=False),
                name="agreed_unique_competency",
            ),
            models.UniqueConstraint(
                fields=["assessment", "area"], condition=models.Q(area__isnull=False), name="agreed_unique_area"
            ),
            _one_item_check("agreed_one_item"),
        ]


class ReportImmutable(Exception):
    """A signed-off report version cannot change: make a new version instead."""


class Report(models.Model):
    """One version of the panel's written report on a PCT; signed off, it never changes."""

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="reports")
    version = models.PositiveSmallIntegerField(default=1)
    state = models.CharField(max_length=10, choices=ReportState.choices, default=ReportState.DRAFT)
    strengths = models.TextField(blank=True)
    areas_for_development = models.TextField(blank=True)
    potential_for_improvement = models.TextField(blank=True)
    recommendations = models.TextField(blank=True)
    outcomes_summary = models.TextField(blank=True)
    ratings_snapshot = models.JSONField(default=dict, blank=True, help_text="The agreed ratings at sign-off")
    partner_quotes = models.JSONField(
        default=list,
        blank=True,
        help_text="Partners' comments the report quotes, chosen by the chair among those the pack shows: "
        '[{"competency": number, "name": ..., "partner_type": label, "text": ...}]',
    )
    previous = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="next")
    changes = models.TextField(blank=True, help_text="What this version changed from the previous one")
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    revision = models.PositiveIntegerField(default=1, help_text="Optimistic concurrency of the draft")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["assessment", "-version"]
        constraints = [models.UniqueConstraint(fields=["assessment", "version"], name="report_unique_version")]

    def __str__(self) -> str:
        return f"{self.assessment} report v{self.version} ({self.get_state_display()})"

    def save(self, *args, **kwargs):
        """Refuse to change a version already signed off in the database."""
        if self.pk and Report.objects.filter(pk=self.pk, state=ReportState.SIGNED_OFF).exists():
            raise ReportImmutable(f"Version {self.version} is signed off and cannot change: make a new version.")
        super().save(*args, **kwargs)

    @property
    def is_signed_off(self) -> bool:
        return self.state == ReportState.SIGNED_OFF


class FactualAccuracyComment(models.Model):
    """The PCT lead's comment on the factual accuracy of a signed-off report version."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created"]

    def __str__(self) -> str:
        return f"Comment on {self.report} by {self.author}"
