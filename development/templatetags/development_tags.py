"""Template tags through which the development plan shows on other apps' pages (home pages, the report, the
competency and governance pages, the panel's pack and workspace) without those apps importing this one: the
templates load these tags, as the SHA home page loads the panels' upcoming review days."""

from django import template

from assurance import access as assurance_access
from assurance.choices import OrgKind

from .. import access, selectors
from ..models import BoardSignOff, Recommendation

register = template.Library()


@register.inclusion_tag("development/_home_pct.html", takes_context=True)
def pct_plan_links(context, organisation, cycle):
    """The PCT home page: links to its plans from this and the last cycle's panel."""
    if organisation is None or cycle is None or organisation.kind != OrgKind.PCT:
        return {"plans": []}
    cycles = [c for c in (cycle.previous, cycle) if c is not None]
    plans = [
        c
        for c in cycles
        if Recommendation.objects.filter(assessment__organisation=organisation, assessment__cycle=c).exists()
        or organisation.assessments.filter(cycle=c, reports__state="signed_off").exists()
    ]
    return {"plans": plans, "organisation": organisation}


@register.inclusion_tag("development/_flag.html")
def pct_overdue_flag(organisation):
    """The PCT home page's warning of actions overdue by more than 30 days."""
    if organisation is None or organisation.kind != OrgKind.PCT:
        return {"flagged": 0}
    return {"flagged": selectors.flagged_count([organisation]), "what": "development plan action"}


@register.inclusion_tag("development/_home_sha.html", takes_context=True)
def sha_plan_links(context, organisation, cycle):
    """The SHA home page: links to its PCTs' plans and the count of actions overdue by more than 30 days."""
    user = context["request"].user
    readable = organisation is not None and assurance_access.can(user, assurance_access.PANEL_READ, organisation)
    if cycle is None or not readable:
        return {"cycles": []}
    cycles = [c for c in (cycle.previous, cycle) if c is not None]
    pcts = organisation.children.filter(kind=OrgKind.PCT)
    return {"cycles": cycles, "sha": organisation, "flagged": selectors.flagged_count(pcts)}


@register.inclusion_tag("development/_carried.html")
def last_cycle(assessment, competency=None, area=None):
    """Beside a competency or governance area: last cycle's agreed rating and the recommendations on it."""
    return {"carried": selectors.carried(assessment, competency=competency, area=area), "assessment": assessment}


@register.inclusion_tag("development/_carried_all.html")
def last_cycle_plan(assessment):
    """The panel's pack and workspace: what became of last cycle's recommendations."""
    previous = selectors.previous_assessment(assessment)
    return {"recommendations": selectors.carried_all(assessment), "previous": previous, "assessment": assessment}


@register.inclusion_tag("development/_report_recommendations.html", takes_context=True)
def report_recommendations(context, assessment, report):
    """The report's structured recommendations: those fixed by this version or earlier; on a draft, the drafts too.
    The chair gets the link to write them while they are open; readers of a signed-off version the plan's link."""
    request = context.get("request")
    user = request.user if request else None
    chair = bool(user) and (
        access.recommendations_open(assessment) == ""
        and assurance_access.can(user, assurance_access.RATE_AGREED, assessment.organisation)
    )
    recs = Recommendation.objects.filter(assessment=assessment).select_related("competency", "area", "report")
    if report is not None and report.is_signed_off:
        recs = recs.filter(report__version__lte=report.version)
    plan = bool(user) and report is not None and report.is_signed_off
    return {"recs": list(recs), "assessment": assessment, "chair": chair, "plan": plan}


@register.inclusion_tag("development/_board_sign_off.html")
def board_sign_off(assessment):
    """The panel's pack: the board meeting that approved the self-assessment, and its minute."""
    return {"sign_off": BoardSignOff.objects.filter(assessment=assessment).select_related("minute").first()}


@register.inclusion_tag("development/_plan_annex.html")
def plan_annex(assessment, report):
    """The report PDF's annex: the development plan as it stands, for a signed-off version."""
    if report is None or not report.is_signed_off:
        return {"recommendations": []}
    found = selectors.plan(assessment)
    return {"recommendations": found["recommendations"], "counts": found["counts"], "assessment": assessment}
