"""Template tag: the councils a scorecard outcome is shared with, and the link to change them."""

from django import template

from assurance import access
from outcomes.models import JointOutcome

register = template.Library()


def _joint_councils(context, assessment_id: int) -> dict[int, list]:
    """The partner councils of each joint outcome of the assessment: one query per page, however many outcomes."""
    key = ("joint_outcomes", assessment_id)
    if key not in context.render_context:
        councils: dict[int, list] = {}
        for joint in JointOutcome.objects.filter(outcome__assessment_id=assessment_id).select_related("council"):
            councils.setdefault(joint.outcome_id, []).append(joint.council)
        context.render_context[key] = councils
    return context.render_context[key]


@register.inclusion_tag("outcomes/_joint_outcome.html", takes_context=True)
def joint_outcome_panel(context, outcome) -> dict:
    """The partner councils of a joint outcome, with a link to share it for those who may edit the PCT.

    The scorecard's `organisation` and `cycle` name the PCT; the sharing page itself refuses changes once the
    self-assessment is submitted, so no extra query for the state is made here.
    """
    pct = context["organisation"]
    return {
        "outcome": outcome,
        "councils": _joint_councils(context, outcome.assessment_id).get(outcome.pk, []),
        "pct": pct,
        "cycle_code": context["cycle"].code,
        "can_edit": access.can(context["request"].user, access.EDIT, pct),
    }
