"""Who may do what to which organisation: the one place that answers it (docs/architecture.md, "Roles and access").

Every view and API endpoint asks `can()` or narrows a queryset with `visible_organisations()`. An organisation
the user may not see answers 404; one the user may see but not act on answers 403.
"""

from functools import reduce
from operator import or_

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from .choices import PCT_ROLES, SHA_ROLES, OrgKind, Role
from .workflow import is_editable

VIEW = "view"  # read an organisation's assessment, scorecard and evidence
EDIT = "edit"  # change a draft self-assessment, outcome choices and evidence
SUBMIT = "submit"  # submit the self-assessment to the SHA; comment on the draft report
REOPEN = "reopen"  # reopen a submission
SET_UP_PANEL = "set_up_panel"  # seat the SHA's panel, set review days and the data pack
PANEL_READ = "panel_read"  # read the panel's own material (provisional ratings, notes)
RATE_PROVISIONAL = "rate_provisional"  # record one's own provisional ratings
RATE_AGREED = "rate_agreed"  # record agreed ratings, write and sign off the report
NATIONAL = "national"  # read rollups (England for DH, own SHA for an SHA lead)
MANAGE_DATA = "manage_data"  # import indicator data, edit the framework, publish
COMMENT_JOINT = "comment_joint"  # comment on the joint outcomes a council shares with its PCTs

# Which roles grant an action, and over which organisations relative to the membership's own.
#   "own": the membership's organisation itself; "children": the PCTs under an SHA; "all": everything.
RULES: dict[str, dict[str, tuple[str, ...]]] = {
    VIEW: {
        Role.PCT_CONTRIBUTOR: ("own",),
        Role.PCT_LEAD: ("own",),
        Role.PANEL_MEMBER: ("own", "children"),
        Role.PANEL_CHAIR: ("own", "children"),
        Role.SHA_LEAD: ("own", "children"),
        Role.DH_ANALYST: ("all",),
        Role.LA_PARTNER: ("own",),
    },
    EDIT: {Role.PCT_CONTRIBUTOR: ("own",), Role.PCT_LEAD: ("own",)},
    SUBMIT: {Role.PCT_LEAD: ("own",)},
    REOPEN: {Role.SHA_LEAD: ("own", "children")},
    SET_UP_PANEL: {Role.SHA_LEAD: ("own", "children")},
    PANEL_READ: {
        Role.PANEL_MEMBER: ("own", "children"),
        Role.PANEL_CHAIR: ("own", "children"),
        Role.SHA_LEAD: ("own", "children"),
        Role.DH_ANALYST: ("all",),
    },
    RATE_PROVISIONAL: {Role.PANEL_MEMBER: ("children",), Role.PANEL_CHAIR: ("children",)},
    RATE_AGREED: {Role.PANEL_CHAIR: ("children",)},
    NATIONAL: {Role.SHA_LEAD: ("own",), Role.DH_ANALYST: ("all",)},
    MANAGE_DATA: {Role.DH_ANALYST: ("all",)},
    COMMENT_JOINT: {Role.LA_PARTNER: ("own",)},
}


def memberships(user) -> list:
    """The user's memberships, fetched once per request object."""
    if not user or not user.is_authenticated:
        return []
    cached = getattr(user, "_assurance_memberships", None)
    if cached is None:
        cached = list(user.memberships.select_related("organisation"))
        user._assurance_memberships = cached
    return cached


def roles(user) -> set[str]:
    """The set of role names the user holds anywhere."""
    return {m.role for m in memberships(user)}


def _scope_q(action: str, user) -> Q | None:
    """A Q over Organisation for the organisations on which `user` may perform `action`; None for none."""
    if user.is_authenticated and user.is_superuser:
        return Q()
    parts = []
    for membership in memberships(user):
        for scope in RULES[action].get(membership.role, ()):
            if scope == "all":
                return Q()
            if scope == "own":
                parts.append(Q(pk=membership.organisation_id))
            elif scope == "children":
                parts.append(Q(parent_id=membership.organisation_id, kind=OrgKind.PCT))
    return reduce(or_, parts) if parts else None


def _in_scope(action: str, user, organisation, *, by_membership: bool = False) -> bool:
    if user.is_authenticated and user.is_superuser and not by_membership:
        return True
    for membership in memberships(user):
        for scope in RULES[action].get(membership.role, ()):
            if scope == "all" or (scope == "own" and organisation.pk == membership.organisation_id):
                return True
            if scope == "children" and organisation.parent_id == membership.organisation_id:
                return organisation.kind == OrgKind.PCT
    return False


def can(user, action: str, organisation) -> bool:
    """May `user` perform `action` on `organisation`?"""
    if action not in RULES:
        raise ValueError(f"Unknown action {action!r}")
    return _in_scope(action, user, organisation)


def may_start_assessment(user, organisation) -> bool:
    """Whether opening the PCT's self-assessment starts its draft: only for the PCT's own people (a membership that
    lets them edit it). A superuser's blanket access only reads: reading never creates an assessment."""
    return _in_scope(EDIT, user, organisation, by_membership=True)


def may_edit(user, organisation, state: str | None) -> bool:
    """Whether the user may change a PCT's self-assessment in this state (None: not started, so a draft to be)."""
    return (state is None or is_editable(state)) and can(user, EDIT, organisation)


def visible_organisations(user, queryset=None):
    """Narrow a queryset of organisations to those the user may view."""
    from .models import Organisation

    queryset = Organisation.objects.all() if queryset is None else queryset
    q = _scope_q(VIEW, user)
    return queryset.none() if q is None else queryset.filter(q)


def organisation_for(user, code: str, action: str = VIEW):
    """Fetch an organisation by code for a view: 404 when unseen, 403 when seen but the action is not allowed."""

    organisation = visible_organisations(user).filter(code=code).select_related("parent").first()
    if organisation is None:
        raise Http404("No such organisation.")
    if not can(user, action, organisation):
        raise PermissionDenied("You do not have permission to do this for this organisation.")
    return organisation


def own_holders(action: str, organisation) -> list:
    """The people who may perform `action` on `organisation` through a membership of the organisation itself (its PCT
    lead, say), by name: whom to ask when the user may not."""
    from .models import Membership  # the module reads no models at import: the settings load it early

    granting = [role for role, scopes in RULES[action].items() if "own" in scopes]
    found = Membership.objects.filter(organisation=organisation, role__in=granting, user__is_active=True)
    return sorted({m.user for m in found.select_related("user")}, key=lambda u: u.get_full_name() or u.username)


def ask_the_pct_lead(organisation) -> str:
    """Why someone who is not the PCT's lead may not submit its self-assessment, and whom to ask."""
    leads = own_holders(SUBMIT, organisation)
    if not leads:
        return f"Only the PCT lead can submit the self-assessment, and {organisation.name} has none: ask your SHA."
    names = " or ".join(f"{u.get_full_name() or u.username}" + (f" ({u.email})" if u.email else "") for u in leads)
    return f"Only the PCT lead can submit the self-assessment; ask {names}."


def require(user, action: str, organisation) -> None:
    """Raise PermissionDenied unless the user may perform the action."""
    if not can(user, action, organisation):
        raise PermissionDenied("You do not have permission to do this for this organisation.")


def home_kind(user) -> str | None:
    """Which home page the user lands on: 'pct', 'sha', 'dh', 'la', or None without a membership."""
    held = roles(user)
    if Role.DH_ANALYST in held or (user.is_authenticated and user.is_superuser and not held):
        return "dh"
    if held & SHA_ROLES:
        return "sha"
    if held & PCT_ROLES:
        return "pct"
    if Role.LA_PARTNER in held:
        return "la"
    return None


def may_hold_api_token(user) -> bool:
    """Whether the user may create their own API token (DH analysts, for programs that read the API)."""
    return Role.DH_ANALYST in roles(user)


def primary_organisation(user):
    """The organisation of the user's first membership (for home pages)."""
    found = memberships(user)
    return found[0].organisation if found else None


def partner_pcts(user, council):
    """The PCTs partnering `council` whose joint items the user may read.

    Whoever may view the council (its own partner users, DH) reads the joint items of all its PCTs; anyone else
    reads those of the PCTs they may view. Nothing else of a PCT opens to a council partner (docs/partnerships.md).
    """
    from .models import Organisation

    pcts = Organisation.objects.filter(kind=OrgKind.PCT, council_partnerships__council=council)
    return pcts if can(user, VIEW, council) else visible_organisations(user, pcts)


def council_for(user, ons_code: str):
    """Fetch a council for its partnership page: 404 unless the user may view it or one of its partner PCTs."""
    from .models import Organisation

    council = Organisation.objects.filter(kind=OrgKind.LA, code=ons_code).first()
    if council is None or not (can(user, VIEW, council) or partner_pcts(user, council).exists()):
        raise Http404("No such partnership.")
    return council


def may_read_indicator_values(user) -> bool:
    """Indicator values, benchmarks and comparisons of every organisation (compare areas, the SHA overview, indicator
    definitions, the benchmarks API): any signed-in user. They are statistics about populations, not a PCT's
    assessment, so they are not scoped to the user's organisation."""
    return bool(user.is_authenticated)


def require_indicator_reader(user) -> None:
    if not may_read_indicator_values(user):
        raise PermissionDenied("Sign in to read indicator values.")
