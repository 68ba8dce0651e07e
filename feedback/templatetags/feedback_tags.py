"""Template tags of partner feedback: the SHA home page's table of partners invited and responded per PCT."""

from django import template

from assurance import access

from .. import selectors
from ..choices import PartnerType
from ..results import MIN_RESPONSES

register = template.Library()


@register.inclusion_tag("feedback/_sha_summary.html", takes_context=True)
def partner_feedback_summary(context, organisation, cycle):
    """Invited and responded partners by type for each PCT of the SHA (for those who may see its PCTs' panels)."""
    user = context["request"].user
    if organisation is None or cycle is None or not access.can(user, access.PANEL_READ, organisation):
        return {"rows": None}
    return {
        "rows": selectors.sha_summary(organisation, cycle),
        "sha": organisation,
        "types": PartnerType.choices,
        "cycle": cycle,
        "minimum": MIN_RESPONSES,
        "may_invite": access.can(user, access.SET_UP_PANEL, organisation),
    }


@register.inclusion_tag("feedback/_pct_links.html", takes_context=True)
def partner_feedback_links(context, organisation, cycle, assessment):
    """The PCT home page's links: invite partners (the lead), read what they said (once the panel has signed off)."""
    from ..access import may_invite, may_read_results

    user = context["request"].user
    if organisation is None or cycle is None:
        return {}
    return {
        "cycle": cycle,
        "pct": organisation,
        "may_invite": may_invite(user, organisation),
        "may_read": may_read_results(user, organisation, assessment),
    }
