"""The development app's parts of other apps' pages: a hook module (docs/architecture.md, "Hook modules").

Those apps sit below this one and may not import it, so their views ask `assurance.discovery.page_parts(page, ...)`,
which calls the function here named after the page; the templates include our partials
(`templates/development/_*.html`) with the values returned. Every read is a selector's.
"""

from assurance import access as assurance_access
from assurance import pagecache

from . import access, selectors
from .models import Action, Recommendation


def competency(*, user, assessment, competency) -> dict:
    """Beside a competency: last cycle's agreed level and the recommendations on it."""
    return {"last_cycle": selectors.carried(assessment, competency=competency)}


def governance_area(*, user, assessment, area) -> dict:
    """Beside a governance area: last cycle's agreed rating and the recommendations on it."""
    return {"last_cycle": selectors.carried(assessment, area=area)}


def workspace(*, user, assessment) -> dict:
    """The review-day workspace: what became of last cycle's recommendations."""
    previous = selectors.previous_assessment(assessment)
    return {"last_cycle_plan": {"recommendations": selectors.carried_all(previous), "previous": previous}}


def pack(*, user, assessment) -> dict:
    """The panel's pack: the board's sign-off of the self-assessment, and what became of last cycle's plan."""
    return {"board_sign_off": selectors.board_sign_off(assessment), **workspace(user=user, assessment=assessment)}


def _recommendations(user, assessment, report) -> dict:
    """The report's structured recommendations. The chair gets the link to write them while they are open; readers
    of a signed-off version the plan's link."""
    chair = user is not None and (
        access.recommendations_open(assessment) == ""
        and assurance_access.can(user, assurance_access.RATE_AGREED, assessment.organisation)
    )
    signed_off = report is not None and report.is_signed_off
    recs = selectors.report_recommendations(assessment, report)
    return {"report_recommendations": {"recs": recs, "chair": chair, "plan": user is not None and signed_off}}


def report(*, user, assessment, report) -> dict:
    """The report page: its structured recommendations."""
    return _recommendations(user, assessment, report)


def report_pdf(*, user, assessment, report) -> dict:
    """The report's PDF: its recommendations and, for a signed-off version, the plan as it stands as an annex."""
    annex = selectors.plan(assessment) if report is not None and report.is_signed_off else {"recommendations": []}
    return {**_recommendations(user, assessment, report), "plan_annex": annex}


def workspace_rows() -> list[pagecache.Rows]:
    """The rows `workspace` reads, for its stamp: the PCT's (code %(code)s) recommendations and their actions, in
    every cycle."""
    recommendations = f"assessment_id IN ({pagecache.pct_assessments()})"
    return [
        pagecache.Rows(Recommendation, recommendations),
        pagecache.Rows(Action, f"recommendation_id IN ({pagecache.select(Recommendation, recommendations)})"),
    ]
