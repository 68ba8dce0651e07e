"""Who may do what to a development plan: the only place these rules are written (docs/development-plans.md).

- Reading a plan follows the report's rules (`panels.access.assessment_for_report`): the panel and its observers
  (SHA lead, DH), and the PCT itself once a version is signed off. Anyone else gets 404.
- The panel chair writes the recommendations while the report is a draft.
- The PCT lead creates and edits actions; the PCT's contributors and lead update status and progress.
- The SHA lead comments on actions.
- Nothing changes while the panel is revising its report (a corrected version is a draft).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404

from assurance import access
from assurance.choices import PCT_ROLES, State
from assurance.models import Membership
from panels import access as panel_access
from panels.choices import ReportState

MANAGE, UPDATE, COMMENT = "manage", "update", "comment"


@dataclass(frozen=True)
class Rights:
    """What one person may do to one plan, and why the plan cannot change now ("" when it can)."""

    manage: bool  # create and edit actions (the PCT lead)
    update: bool  # change status, progress notes and evidence (the PCT's lead and contributors)
    comment: bool  # comment on actions (the SHA lead)
    locked: str = ""

    def may(self, what: str) -> bool:
        return getattr(self, what) and not self.locked


def rights(user, assessment) -> Rights:
    organisation = assessment.organisation
    return Rights(
        manage=access.can(user, access.SUBMIT, organisation),
        update=access.can(user, access.EDIT, organisation),
        comment=access.can(user, access.SET_UP_PANEL, organisation),
        locked=locked_reason(assessment),
    )


def locked_reason(assessment) -> str:
    """Why the plan cannot change now: no signed-off report yet, or the panel is revising it."""
    reports = list(assessment.reports.order_by("-version").values_list("version", "state"))
    if not any(state == ReportState.SIGNED_OFF for _, state in reports):
        return "The panel has not signed off its report yet: the plan starts from its recommendations."
    if reports[0][1] == ReportState.DRAFT:
        return (
            f"The panel is revising its report (version {reports[0][0]} is a draft): the plan cannot change "
            "until the new version is signed off."
        )
    return ""


def plan_for(user, cycle_code: str, org_code: str):
    """The assessment whose plan the user may read, and the user's rights on it: 404 when unseen.

    The PCT reads its plan once a report version is signed off (as it reads the report)."""
    assessment, seat = panel_access.assessment_for_report(user, cycle_code, org_code)
    if seat is None and not assessment.reports.filter(state=ReportState.SIGNED_OFF).exists():
        raise Http404("The panel has not signed off a report for this PCT in this cycle.")
    return assessment, rights(user, assessment)


def require(user, assessment, what: str) -> Rights:
    """Raise PermissionDenied unless the user may `what` the plan now (a locked plan refuses everyone)."""
    found = rights(user, assessment)
    if not getattr(found, what):
        raise PermissionDenied(
            {
                MANAGE: "Only the PCT lead creates and edits actions.",
                UPDATE: "Only the PCT's own people update an action's status and progress.",
                COMMENT: "Only the SHA's assurance lead comments on actions.",
            }[what]
        )
    if found.locked:
        raise PlanLocked(found.locked)
    return found


class PlanLocked(PermissionDenied):
    """A change to a plan that cannot change now (the reason is the message)."""


def recommendations_open(assessment) -> str:
    """Why the recommendations cannot be written now ("" when they can): while the review is open, or while a
    corrected report version is a draft."""
    if assessment.state == State.IN_REVIEW:
        return ""
    if assessment.state in (State.REPORTED, State.PUBLISHED) and (
        assessment.reports.filter(state=ReportState.DRAFT).exists()
    ):
        return ""
    return "Recommendations are written while the review is open or while a corrected report version is a draft."


def require_chair(user, assessment) -> None:
    if not access.can(user, access.RATE_AGREED, assessment.organisation):
        raise PermissionDenied("Only the panel chair writes the recommendations.")


def is_pct_user(user, organisation) -> bool:
    """Whether the person belongs to the PCT (an action's owner must)."""
    return Membership.objects.filter(user=user, organisation=organisation, role__in=PCT_ROLES).exists()


def pct_people(organisation):
    """The people who may own the PCT's actions."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(memberships__organisation=organisation, memberships__role__in=PCT_ROLES)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def plans_of_sha(user, sha_code: str):
    """The SHA whose PCTs' plans the user reads: its lead, panel and DH (404 otherwise)."""
    return access.organisation_for(user, sha_code, access.PANEL_READ)
