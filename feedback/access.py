"""Who may do what with partner feedback: the one place its rules are written.

- The PCT's lead, and its SHA's assurance lead, invite partners and send reminders (`may_invite`).
- The panel side (panel members and chair, the SHA lead, DH) reads the answers at any time; the PCT's own people
  read them only once its panel has signed off the report (`may_read_results`). Nobody else, and no other SHA.
- A partner needs no account: the signed link is their key (`feedback.links`).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from assurance import access
from assurance.choices import OrgKind
from assurance.models import Assessment, Cycle, Organisation

NOT_YET = "Partner feedback is shown to the PCT once its panel has signed off the report."


def may_invite(user, pct: Organisation) -> bool:
    """The PCT lead (who may submit for it) or the SHA's assurance lead (who sets up its panel)."""
    return access.can(user, access.SUBMIT, pct) or access.can(user, access.SET_UP_PANEL, pct)


def reads_as_panel(user, pct: Organisation) -> bool:
    return access.can(user, access.PANEL_READ, pct)


def may_read_results(user, pct: Organisation, assessment: Assessment | None) -> bool:
    if reads_as_panel(user, pct):
        return True
    own = access.can(user, access.EDIT, pct)  # the PCT's lead and contributors
    return own and assessment is not None and assessment.has_report


def pct_for(user, cycle_code: str, code: str) -> tuple[Organisation, Cycle]:
    """A PCT and cycle for an invitations page: 404 when unseen or not a PCT, 403 when seen but not allowed."""
    pct = access.organisation_for(user, code, access.VIEW)
    if pct.kind != OrgKind.PCT:
        raise Http404("Partner feedback is asked about a PCT.")
    cycle = get_object_or_404(Cycle, code=cycle_code)
    if not may_invite(user, pct):
        raise PermissionDenied("Only the PCT's lead or the SHA's assurance lead invites partners.")
    return pct, cycle


def sha_for(user, cycle_code: str, code: str) -> tuple[Organisation, Cycle]:
    """An SHA and cycle for its partner feedback table: its panel side and DH (404 for anyone else)."""
    sha = access.organisation_for(user, code, access.VIEW)
    if sha.kind != OrgKind.SHA:
        raise Http404("Partner feedback is summarised for an SHA.")
    if not access.can(user, access.PANEL_READ, sha):
        raise PermissionDenied("Only the SHA's panel side reads its partner feedback.")
    return sha, get_object_or_404(Cycle, code=cycle_code)


def results_for(user, cycle_code: str, code: str) -> tuple[Organisation, Cycle, Assessment | None]:
    """A PCT, cycle and assessment whose partner feedback the user may read: 404 unseen, 403 for the PCT too early."""
    pct = access.organisation_for(user, code, access.VIEW)
    if pct.kind != OrgKind.PCT:
        raise Http404("Partner feedback is asked about a PCT.")
    cycle = get_object_or_404(Cycle, code=cycle_code)
    assessment = Assessment.objects.filter(organisation=pct, cycle=cycle).first()
    if not may_read_results(user, pct, assessment):
        if access.can(user, access.EDIT, pct):
            raise PermissionDenied(NOT_YET)
        raise Http404("No such page.")
    return pct, cycle, assessment
