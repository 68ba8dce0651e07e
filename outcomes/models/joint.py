"""Joint working with councils: outcomes a PCT shares with partner councils, and pooled budgets."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from outcomes.choices import LegalBasis


class JointOutcome(models.Model):
    """A priority outcome a PCT shares with one of its partner councils (for example a local area agreement target)."""

    outcome = models.ForeignKey("outcomes.PriorityOutcome", on_delete=models.CASCADE, related_name="joint_with")
    council = models.ForeignKey("assurance.Organisation", on_delete=models.CASCADE, related_name="joint_outcomes")
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    marked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["council__name", "outcome__indicator__name"]
        constraints = [models.UniqueConstraint(fields=["outcome", "council"], name="jointoutcome_unique_council")]

    def __str__(self) -> str:
        return f"{self.outcome} with {self.council_id}"


class JointOutcomeComment(models.Model):
    """A council partner's comment on a joint outcome."""

    joint_outcome = models.ForeignKey(JointOutcome, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Comment {self.pk} on {self.joint_outcome_id}"


class PooledBudget(models.Model):
    """Money a PCT and one or more councils put into one pot, and the outcomes it is meant to improve."""

    name = models.CharField(max_length=200)
    partners = models.ManyToManyField("assurance.Organisation", related_name="pooled_budgets")
    legal_basis = models.CharField(max_length=12, choices=LegalBasis.choices)
    services = models.TextField(help_text="The services the pooled budget pays for")
    outcomes = models.ManyToManyField(
        "outcomes.Indicator", blank=True, related_name="pooled_budgets", help_text="What the money is meant to improve"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PooledBudgetContribution(models.Model):
    """What one partner puts into a pooled budget in one financial year, in pounds."""

    budget = models.ForeignKey(PooledBudget, on_delete=models.CASCADE, related_name="contributions")
    partner = models.ForeignKey("assurance.Organisation", on_delete=models.CASCADE, related_name="+")
    year = models.CharField(max_length=7, help_text="Financial year, e.g. 2009-10")
    amount = models.DecimalField(max_digits=14, decimal_places=2, validators=[MinValueValidator(0)])

    class Meta:
        ordering = ["year", "partner__name"]
        constraints = [
            models.UniqueConstraint(fields=["budget", "partner", "year"], name="contribution_unique_partner_year"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="contribution_amount_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.partner_id} {self.year}: £{self.amount}"
