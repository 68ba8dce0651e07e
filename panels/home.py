"""The panels app's part of the home pages: a hook module (docs/architecture.md, "Hook modules").

The core's home view (`assurance/views.py::home`) cannot import this app, so it asks each app's `home.py` for what
its part of a role's home page shows; the template (`templates/assurance/home_sha.html`) includes ours.
"""

from django.urls import reverse

from assurance import access

from . import selectors


def context(user, kind: str, organisation, cycle, assessment=None) -> dict:
    """On an SHA's home page: the upcoming review days (a member's own panels', or for the SHA lead, who runs the days
    without sitting on the panel, every one of the SHA's panel in the cycle), the set-up link for the SHA lead, and
    the SHA's differences between self-ratings and panel ratings for those who read the panel's material."""
    if kind != "sha":
        return {}
    setup = differences = None
    known = organisation is not None and cycle is not None
    kwargs = {"sha_code": getattr(organisation, "code", ""), "cycle_code": getattr(cycle, "code", "")}
    if known and access.can(user, access.SET_UP_PANEL, organisation):
        setup = reverse("panels:setup", kwargs=kwargs)
    if known and access.can(user, access.PANEL_READ, organisation):
        differences = reverse("panels:differences", kwargs=kwargs)
    days = selectors.upcoming_review_days(user)
    if setup and not days:
        days = selectors.upcoming_review_days_of(organisation, cycle)
    return {
        "review_days": days,
        "panel_setup_url": setup,
        "differences_url": differences,
        "seated": bool(days) or selectors.sits_on_a_panel(user),
        "runs_days": bool(setup),
    }
