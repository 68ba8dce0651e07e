"""Template tag: the link from a competency page to the PCT's joint strategic needs assessment."""

from django import template

from competencies import jsna

register = template.Library()

NEEDS_COMPETENCY = 2  # "Work with community partners": the JSNA is evidence for it


@register.inclusion_tag("competencies/_needs_assessment_link.html")
def needs_assessment_link(competency, organisation) -> dict:
    """For competency 2 only: the PCT's joint needs assessment, or an invitation to record one."""
    if competency.number != NEEDS_COMPETENCY:
        return {"show": False}
    return {"show": True, "organisation": organisation, "current": jsna.latest_for_pct(organisation)}
