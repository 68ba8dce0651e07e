"""The panels app's parts of other apps' pages: a hook module (docs/architecture.md, "Hook modules").

Outcomes sits below panels and may not import it, so its scorecard view asks `assurance.discovery.page_parts`, which
calls the function here named after the page; the template includes our partial with the value returned.
"""

from . import selectors


def scorecard(*, user, assessment) -> dict:
    """The scorecard's table of agreed ratings and their movement, from signed-off results only."""
    return {"rating_movements": selectors.current_movements(assessment)}
