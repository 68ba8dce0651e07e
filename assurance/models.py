"""Organisations, people and roles, cycles and the PCT-in-cycle workflow."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from .choices import STATE_TAG, OrgKind, Role, State


class OrganisationQuerySet(models.QuerySet):
    def pcts(self):
        return self.filter(kind=OrgKind.PCT)

    def shas(self):
        return self.filter(kind=OrgKind.SHA)


class Organisation(models.Model):
    """England, a strategic health authority, a primary care trust or a local authority."""

    code = models.CharField(max_length=9, unique=True, help_text="ODS code (PCT, SHA) or ONS code (LA, England)")
    ons_code = models.CharField(max_length=9, blank=True)
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=7, choices=OrgKind.choices, db_index=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    tier = models.CharField(max_length=40, blank=True, help_text="Local authority tier")
    social_care = models.BooleanField(default=False, help_text="Upper-tier council with social care duties")
    population = models.PositiveIntegerField(null=True, blank=True, help_text="ONS mid-2011 resident population")

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Cycle(models.Model):
    """One annual assurance cycle (a financial year) and the rules of its framework."""

    code = models.CharField(max_length=7, unique=True, help_text="Financial year, e.g. 2009-10")
    name = models.CharField(max_length=80)
    start_date = models.DateField()
    end_date = models.DateField()
    submission_deadline = models.DateField(null=True, blank=True)
    previous = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    max_outcomes = models.PositiveSmallIntegerField(default=10)
    required_outcome_groups = models.JSONField(default=list, help_text="Outcome groups every PCT must choose")
    may_publish = models.BooleanField(default=False, help_text="Whether ratings may be published nationally")
    framework_notes = models.TextField(blank=True)

    class Meta:
        ordering = ["start_date"]

    def __str__(self) -> str:
        return self.code

    @classmethod
    def current(cls) -> "Cycle | None":
        return cls.objects.filter(code=settings.CURRENT_CYCLE).first() or cls.objects.last()


class Membership(models.Model):
    """Ties a user to an organisation with one role."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    external = models.BooleanField(default=False, help_text="An external member of a panel")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organisation", "role"], name="membership_unique_role")]

    def __str__(self) -> str:
        return f"{self.user} - {self.get_role_display()} - {self.organisation.code}"


class Assessment(models.Model):
    """One PCT in one cycle: the workflow state of its assurance."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="assessments")
    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="assessments")
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT, db_index=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reopen_reason = models.TextField(blank=True)
    extended_until = models.DateField(
        null=True,
        blank=True,
        help_text="Set when the SHA reopens after the cycle's deadline: the PCT may change it until then",
    )
    is_demo = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["cycle__start_date", "organisation__name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "cycle"], name="assessment_unique_org_cycle")]

    def __str__(self) -> str:
        return f"{self.organisation.code} {self.cycle.code} ({self.get_state_display()})"

    @property
    def state_tag(self) -> str:
        return STATE_TAG[self.state]

    @property
    def closed_reason(self) -> str:
        """Why the PCT can no longer change this assessment ("" while it can): `workflow.closed_reason`."""
        from .workflow import closed_reason

        return closed_reason(self)

    # The workflow states templates ask about, so that no template compares state strings.
    @property
    def is_draft(self) -> bool:
        return self.state == State.DRAFT

    @property
    def is_submitted(self) -> bool:
        return self.state == State.SUBMITTED

    @property
    def has_report(self) -> bool:
        """Signed off by the panel: the report is there to read (reported or published)."""
        return self.state in (State.REPORTED, State.PUBLISHED)


class Partnership(models.Model):
    """A PCT and an upper-tier council with social care that serves part or all of the same population."""

    pct = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="council_partnerships",
        limit_choices_to={"kind": OrgKind.PCT},
    )
    council = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="pct_partnerships",
        limit_choices_to={"kind": OrgKind.LA, "social_care": True},
    )
    population_share = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="Percentage of the PCT's population living in the council's area (0-100)",
    )
    coterminous = models.BooleanField(default=False, help_text="The PCT and the council cover the same area")
    history = HistoricalRecords()

    class Meta:
        ordering = ["council__name", "pct__name"]
        constraints = [models.UniqueConstraint(fields=["pct", "council"], name="partnership_unique_pct_council")]

    def __str__(self) -> str:
        return f"{self.pct.code} - {self.council.code}"

    def clean(self) -> None:
        if self.pct_id and self.pct.kind != OrgKind.PCT:
            raise ValidationError({"pct": "Choose a primary care trust."})
        if self.council_id and not (self.council.kind == OrgKind.LA and self.council.social_care):
            raise ValidationError({"council": "Choose an upper-tier council with social care duties."})
