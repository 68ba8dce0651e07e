"""The panels app's part of the home pages: a hook module (docs/architecture.md, "Hook modules").

The core's home view (`assurance/views.py::home`) cannot import this app, so it asks each app's `home.py` for what
its part of a role's home page shows; the template (`templates/assurance/home_sha.html`) includes ours.
"""

from django.urls import reverse

from assurance import access

from . import selectors


def context(user, kind: str, organisation, cycle) -> dict:
    """On an SHA's home page: the member's upcoming review days, and the set-up link for the SHA lead."""
    if kind != "sha":
        return {}
    setup = None
    if organisation is not None and cycle is not None and access.can(user, access.SET_UP_PANEL, organisation):
        setup = reverse("panels:setup", kwargs={"sha_code": organisation.code, "cycle_code": cycle.code})
    days = selectors.upcoming_review_days(user)
    seated = bool(days) or selectors.sits_on_a_panel(user)
    return {"review_days": days, "panel_setup_url": setup, "seated": seated}
