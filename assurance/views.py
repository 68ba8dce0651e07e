"""Pages of the assurance app: role home pages and organisation summaries."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from . import access, selectors
from .models import Cycle
from .partnerships import partnerships_of_council


@login_required
def home(request):
    """Send each person to the home page made for their role."""
    kind = access.home_kind(request.user)
    if kind is None:
        return render(request, "assurance/no_membership.html", status=403)
    cycle = Cycle.current()
    organisation = access.primary_organisation(request.user)
    context = {"cycle": cycle, "organisation": organisation, "roles": access.memberships(request.user)}
    if kind == "pct":
        context["assessment"] = selectors.assessment_of(organisation, cycle)
    elif kind == "la":
        context["partnerships"] = partnerships_of_council(organisation)
    elif kind in ("sha", "dh"):
        rows = selectors.pct_states(cycle, sha=organisation if kind == "sha" else None)
        context.update(rows=rows, counts=selectors.state_counts(rows))
    return render(request, f"assurance/home_{kind}.html", context)


@login_required
def organisation_detail(request, code: str):
    """An organisation's summary: its assessment in each cycle."""
    organisation = access.organisation_for(request.user, code)
    assessments = organisation.assessments.select_related("cycle")
    return render(request, "assurance/organisation.html", {"organisation": organisation, "assessments": assessments})


def accessibility(request):
    """The accessibility statement."""
    return render(request, "assurance/accessibility.html")
