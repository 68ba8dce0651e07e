"""Who may read which national rollups: England for DH (and superusers), an SHA lead its own SHA with England beside it.

The national pages and API ask these; the rules of roles themselves are `assurance.access`'s.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from assurance import access
from assurance.choices import OrgKind
from assurance.codes import ENGLAND_CODE
from assurance.models import Organisation


def national_home(user) -> Organisation | None:
    """Where the user's national view starts: England for DH, the own SHA for an SHA lead, else None."""
    for membership in access.memberships(user):
        if membership.organisation.code == ENGLAND_CODE and access.can(user, access.NATIONAL, membership.organisation):
            return membership.organisation
    if user.is_superuser:
        return Organisation.objects.get(code=ENGLAND_CODE)
    for membership in access.memberships(user):
        if membership.organisation.kind == OrgKind.SHA and access.can(user, access.NATIONAL, membership.organisation):
            return membership.organisation
    return None


def scope_for(user, code: str) -> Organisation:
    """England (for anyone with national access) or an SHA the user may read rollups of; else 404 or 403."""
    if code == ENGLAND_CODE:
        if national_home(user) is None:
            raise PermissionDenied("You do not have access to national rollups.")
        return Organisation.objects.get(code=ENGLAND_CODE)
    scope = access.organisation_for(user, code, access.NATIONAL)
    if scope.kind != OrgKind.SHA:
        raise Http404("No rollups for this organisation.")
    return scope


def api_scope_codes(user, wanted: str | None) -> list[str]:
    """The scopes an API caller gets: DH all (England first), an SHA lead England and its own; narrowed by `wanted`.

    PermissionDenied without national access; Http404 when `wanted` is not among them.
    """
    home = national_home(user)
    if home is None:
        raise PermissionDenied("You do not have access to national rollups.")
    if home.code == ENGLAND_CODE:
        codes = [ENGLAND_CODE, *Organisation.objects.shas().order_by("code").values_list("code", flat=True)]
    else:
        codes = [ENGLAND_CODE, home.code]
    codes = [c for c in codes if wanted in (None, "", c)]
    if not codes:
        raise Http404("No such scope.")
    return codes
