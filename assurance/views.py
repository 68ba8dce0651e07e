"""Pages of the assurance app: role home pages and organisation summaries."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import defaults
from django.views.decorators.http import require_GET, require_http_methods
from rest_framework.authtoken.models import Token

from . import access, selectors, services
from .assessments import NotStarted
from .choices import OrgKind, Role
from .discovery import hook_modules, page_parts
from .models import Cycle


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
        context["assessment"] = selectors.assessment_if_started(organisation, cycle)
    elif kind == "la":
        partnerships = selectors.partnerships_of_council(organisation)
        context["partnerships"] = partnerships
        context["published"] = selectors.published_cards(cycle, [p.pct for p in partnerships])
    elif kind in ("sha", "dh"):
        rows = selectors.pct_states(cycle, sha=organisation if kind == "sha" else None)
        context.update(rows=rows, counts=selectors.state_counts(rows))
        context["may_see_dashboard"] = cycle is not None and access.can(request.user, access.NATIONAL, organisation)
        leads = (m.role == Role.SHA_LEAD and m.organisation == organisation for m in context["roles"])
        context["leads_sha"] = kind == "sha" and any(leads)  # the national view's links
    for module in hook_modules("home"):  # each app's part of the page (panels: the upcoming review days)
        context.update(module.context(request.user, kind, organisation, cycle, assessment=context.get("assessment")))
    return render(request, f"assurance/home_{kind}.html", context)


@login_required
def organisation_detail(request, code: str):
    """An organisation's summary: its assessment in each cycle."""
    organisation = access.organisation_for(request.user, code)
    assessments = list(organisation.assessments.select_related("cycle"))
    context = {"organisation": organisation, "assessments": assessments}
    context |= page_parts("organisation", user=request.user, organisation=organisation, assessments=assessments)
    if organisation.kind == OrgKind.LA:  # the council's partnership page (its app's URL, by name)
        context["partnership_url"] = reverse("partnerships:council", args=[organisation.code])
    return render(request, "assurance/organisation.html", context)


def accessibility(request):
    """The accessibility statement."""
    return render(request, "assurance/accessibility.html")


@login_required
@require_http_methods(["GET", "POST"])
def api_token(request):
    """A DH analyst's own API token: create (the key is shown once), replace or revoke it."""
    if not access.may_hold_api_token(request.user):
        raise PermissionDenied("Only DH analysts can create API tokens.")
    new_key = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            if services.revoke_api_token(user=request.user):
                messages.success(request, "Your API token has been revoked. Programs using it can no longer connect.")
            return redirect("api-token")
        new_key = services.issue_api_token(user=request.user).key
    token = Token.objects.filter(user=request.user).first()
    return render(request, "assurance/api_token.html", {"token": token, "new_key": new_key})


@require_GET
def health(request):
    """Liveness for load balancers and the benchmarks' floor: a fixed answer, no database or template."""
    return HttpResponse("ok", content_type="text/plain")


def not_found(request, exception):
    """The 404 page; for a self-assessment not started yet it says so and links to the PCT."""
    if isinstance(exception, NotStarted):
        return render(request, "404.html", {"not_started": exception}, status=404)
    if request.path.startswith("/api/"):  # an API client gets JSON, as the schema documents
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)
