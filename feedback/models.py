"""Partner feedback: invitations to a PCT's partners, and their one response each (docs/partner-feedback.md)."""

import secrets

from django.conf import settings
from django.db import models

from .choices import LEVELS, PartnerType


def new_nonce() -> str:
    return secrets.token_urlsafe(16)


class Invitation(models.Model):
    """One partner asked for their view of one PCT in one cycle; their link is signed and works once."""

    pct = models.ForeignKey("assurance.Organisation", on_delete=models.CASCADE, related_name="partner_invitations")
    cycle = models.ForeignKey("assurance.Cycle", on_delete=models.PROTECT, related_name="partner_invitations")
    name = models.CharField(max_length=120)
    email = models.EmailField()
    partner_type = models.CharField(max_length=10, choices=PartnerType.choices)
    nonce = models.CharField(max_length=32, default=new_nonce, editable=False, help_text="Part of the signed link")
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    invited_at = models.DateTimeField(auto_now_add=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["partner_type", "name"]
        constraints = [
            models.UniqueConstraint(fields=["pct", "cycle", "email"], name="invitation_unique_email"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_partner_type_display()}) for {self.pct_id} {self.cycle_id}"


class Response(models.Model):
    """A partner's answers, sent once through their link: one per invitation, never changed."""

    invitation = models.OneToOneField(Invitation, on_delete=models.CASCADE, related_name="response")
    submitted_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Response to {self.invitation}"


class Answer(models.Model):
    """A partner's level (or "don't know": no level) and comment on one competency."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    competency = models.ForeignKey("competencies.Competency", on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(null=True, blank=True, choices=LEVELS, help_text="None: don't know")
    comment = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "competency"], name="answer_unique_competency"),
            models.CheckConstraint(
                condition=models.Q(level__isnull=True) | models.Q(level__gte=1, level__lte=4),
                name="answer_level_1_to_4",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competency_id}: {self.level or 'do not know'}"
