"""Writes of joint working: marking outcomes as joint, council comments, and pooled budgets."""

from django.db import transaction

from assurance import access
from assurance.choices import OrgKind
from assurance.models import Organisation, Partnership
from assurance.workflow import is_editable

from . import pooled
from .models import JointOutcome, JointOutcomeComment, PooledBudget, PooledBudgetContribution, PriorityOutcome

COMMENT_MAX = 2000


class JointRefused(Exception):
    """A joint-working change the rules do not allow; the message says why."""


def partner_councils(pct: Organisation):
    """The councils a PCT partners, by name."""
    return Organisation.objects.filter(pct_partnerships__pct=pct).order_by("name")


@transaction.atomic
def joint_outcome_set(*, outcome: PriorityOutcome, councils: list[Organisation], by) -> PriorityOutcome:
    """Share a priority outcome with exactly these partner councils (none: the outcome is the PCT's alone)."""
    outcome = PriorityOutcome.objects.select_for_update().select_related("assessment__organisation").get(pk=outcome.pk)
    pct = outcome.assessment.organisation
    access.require(by, access.EDIT, pct)
    if not is_editable(outcome.assessment.state):
        raise JointRefused("The self-assessment has been submitted: its outcomes can no longer be changed.")
    partners = set(Partnership.objects.filter(pct=pct).values_list("council_id", flat=True))
    strangers = [c.name for c in councils if c.pk not in partners]
    if strangers:
        raise JointRefused(f"{', '.join(strangers)} is not a partner council of {pct.name}.")
    wanted = {c.pk for c in councils}
    dropped = outcome.joint_with.exclude(council_id__in=wanted)
    commented = sorted({j.council.name for j in dropped.filter(comments__isnull=False).select_related("council")})
    if commented:
        raise JointRefused(f"{', '.join(commented)} has commented on this outcome, so it stays joint with them.")
    dropped.delete()
    kept = set(outcome.joint_with.values_list("council_id", flat=True))
    JointOutcome.objects.bulk_create(
        [JointOutcome(outcome=outcome, council_id=pk, marked_by=by) for pk in wanted - kept]
    )
    outcome.joint = bool(wanted)
    outcome.save(update_fields=["joint", "updated_at"])
    return outcome


def joint_comment_add(*, joint: JointOutcome, text: str, by) -> JointOutcomeComment:
    """A council partner's comment on a joint outcome of its council."""
    access.require(by, access.COMMENT_JOINT, joint.council)
    text = text.strip()
    if not text:
        raise JointRefused("Enter a comment")
    if len(text) > COMMENT_MAX:
        raise JointRefused(f"A comment must be {COMMENT_MAX} characters or fewer")
    return JointOutcomeComment.objects.create(joint_outcome=joint, text=text, author=by)


@transaction.atomic
def pooled_budget_create(
    *, pct: Organisation, name: str, legal_basis: str, services: str, councils, outcomes, contributions, by
) -> PooledBudget:
    """Record a pooled budget of a PCT and its partner councils; refuse it whole when anything is wrong.

    `contributions` is a list of (partner code, financial year, amount in pounds as text).
    """
    access.require(by, access.EDIT, pct)
    problems = pooled.partner_problems(pcts=1 if pct.kind == OrgKind.PCT else 0, councils=len(councils))
    partners = set(partner_councils(pct).values_list("pk", flat=True))
    problems += [f"{c.name} is not a partner council of {pct.name}" for c in councils if c.pk not in partners]
    codes = {pct.code} | {c.code for c in councils}
    problems += pooled.contribution_problems(contributions, codes)
    if problems:
        raise JointRefused("; ".join(problems))
    budget = PooledBudget.objects.create(
        name=name.strip(), legal_basis=legal_basis, services=services.strip(), created_by=by
    )
    budget.partners.set([pct, *councils])
    budget.outcomes.set(outcomes)
    by_code = {pct.code: pct, **{c.code: c for c in councils}}
    PooledBudgetContribution.objects.bulk_create(
        PooledBudgetContribution(budget=budget, partner=by_code[code], year=year, amount=pooled.to_pounds(amount))
        for code, year, amount in contributions
    )
    return budget
