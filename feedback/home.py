"""The partner feedback app's part of the home pages: a hook module (docs/architecture.md, "Hook modules").

A PCT's home page links to inviting partners (its lead) and to what they said (once the panel has signed off); an
SHA's shows the table of partners invited and responded per PCT, for those who may see its PCTs' panels. The
templates include our partials (`templates/feedback/_pct_links.html`, `_sha_summary.html`) with these values.
"""

from django.utils import timezone

from assurance import access

from . import selectors
from .access import may_invite, may_read_results
from .choices import PartnerType
from .links import expired
from .results import MIN_RESPONSES


def links(user, pct, cycle, assessment) -> dict:
    """The links a PCT's page offers about partner feedback in a cycle (none without a cycle)."""
    if pct is None or cycle is None:
        return {}
    return {
        "may_invite": may_invite(user, pct),
        "invitations_open": not expired(cycle.submission_deadline, timezone.localdate()),
        "may_read": may_read_results(user, pct, assessment),
    }


def context(user, kind: str, organisation, cycle, assessment=None) -> dict:
    if kind == "pct":
        return {"partner_feedback_links": links(user, organisation, cycle, assessment)}
    if kind != "sha":
        return {}
    if organisation is None or cycle is None or not access.can(user, access.PANEL_READ, organisation):
        return {"partner_feedback_summary": None}
    return {
        "partner_feedback_summary": {
            "rows": selectors.sha_summary(organisation, cycle),
            "types": PartnerType.choices,
            "minimum": MIN_RESPONSES,
            "may_invite": access.can(user, access.SET_UP_PANEL, organisation),
        }
    }
