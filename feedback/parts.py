"""The partner feedback app's parts of the core's pages: a hook module (docs/architecture.md, "Hook modules").

The core may not import this app, so its views ask `assurance.discovery.page_parts(page, ...)`, which calls the
function here named after the page.
"""

from .home import links


def organisation(*, user, organisation, assessments) -> dict:
    """An organisation's summary: beside each cycle's assessment, the partner feedback links (hung on the assessment
    as `partner_feedback`, for the template's loop)."""
    for assessment in assessments:
        assessment.partner_feedback = links(user, organisation, assessment.cycle, assessment)
    return {}
