"""Pages of partner feedback: the invitations of a PCT, reminders, the results, and a partner's link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from assurance.csvfile import csv_response
from assurance.models import Assessment

from . import access, links, selectors, services
from .forms import InvitationForm, ResponseForm

LINK_STATUS = {links.ALTERED: 404, links.USED: 410, links.EXPIRED: 410}


def _link_for(request):
    return lambda token: request.build_absolute_uri(reverse("feedback:respond", args=[token]))


def _closed(cycle) -> bool:
    return links.expired(cycle.submission_deadline, timezone.localdate())


@login_required
@require_http_methods(["GET", "POST"])
def invitations(request, cycle: str, code: str):
    """The PCT lead (or SHA lead) invites partners and sees who has answered."""
    pct, cycle_obj = access.pct_for(request.user, cycle, code)
    form = InvitationForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                invitation = services.invitation_create(
                    pct=pct, cycle=cycle_obj, by=request.user, link_for=_link_for(request), **form.cleaned_data
                )
            except services.Refused as refusal:
                form.add_error(None, str(refusal))
            else:
                messages.success(
                    request, f"{invitation.name} has been invited: their link was sent to {invitation.email}."
                )
                return redirect(request.path)
    assessment = Assessment.objects.filter(organisation=pct, cycle=cycle_obj).first()
    context = {
        "pct": pct,
        "cycle": cycle_obj,
        "form": form,
        "counts": selectors.counts_by_type(pct, cycle_obj),
        "invitations": selectors.invitations_of(pct, cycle_obj),
        "closed": _closed(cycle_obj),
        "may_read": access.may_read_results(request.user, pct, assessment),
        "minimum": selectors.results.MIN_RESPONSES,
    }
    return render(request, "feedback/invitations.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def remind(request, cycle: str, code: str):
    """Ask first, then email every partner who has not answered their link again."""
    pct, cycle_obj = access.pct_for(request.user, cycle, code)
    waiting = [i for i in selectors.invitations_of(pct, cycle_obj) if not i.answered]
    if request.method == "POST":
        try:
            count = services.invitations_remind(pct=pct, cycle=cycle_obj, by=request.user, link_for=_link_for(request))
        except services.Refused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, f"Reminders sent to {count} partner{'s' if count != 1 else ''}.")
        return redirect("feedback:invitations", cycle=cycle, code=code)
    context = {"pct": pct, "cycle": cycle_obj, "waiting": waiting, "closed": _closed(cycle_obj)}
    return render(request, "feedback/remind.html", context)


@login_required
def results(request, cycle: str, code: str):
    """What partners said, per competency, beside the PCT's self-assessed level (the panel; the PCT after sign-off)."""
    pct, cycle_obj, assessment = access.results_for(request.user, cycle, code)
    context = {
        "pct": pct,
        "cycle": cycle_obj,
        "assessment": assessment,
        "partner_feedback": selectors.summary(pct, cycle_obj, assessment),
        "partner_counts": selectors.counts_by_type(pct, cycle_obj),
        "minimum": selectors.results.MIN_RESPONSES,
        "may_invite": access.may_invite(request.user, pct),
        "partner_csv_url": reverse("feedback:results_csv", args=[cycle_obj.code, pct.code]),
    }
    return render(request, "feedback/results.html", context)


@login_required
def results_csv(request, cycle: str, code: str):
    """The results page's tables as CSV: one row per competency and partner type (levels blank where too few)."""
    pct, cycle_obj, assessment = access.results_for(request.user, cycle, code)
    header, rows = selectors.results_rows(selectors.summary(pct, cycle_obj, assessment))
    return csv_response(f"{cycle_obj.code}-{pct.code}-partner-feedback.csv", rows, header=header)


@login_required
def sha_csv(request, cycle: str, code: str):
    """The SHA home page's table as CSV: each PCT's partners invited and responded, by type."""
    sha, cycle_obj = access.sha_for(request.user, cycle, code)
    header, rows = selectors.sha_rows(selectors.sha_summary(sha, cycle_obj))
    return csv_response(f"{cycle_obj.code}-{sha.code}-partner-feedback.csv", rows, header=header)


@require_http_methods(["GET", "POST"])
def respond(request, token: str):
    """A partner's form, reached by their link with no account: answer, check, send once."""
    state, invitation, signed = selectors.invitation_for_token(token)
    if state != links.OPEN:
        return _link_refused(request, state, invitation)
    competencies = selectors.asked_competencies(invitation.cycle)
    form = ResponseForm(
        request.POST if request.method == "POST" else None, competencies=competencies, pct_name=invitation.pct.name
    )
    context = {"invitation": invitation, "form": form}
    action = request.POST.get("action", "")
    if request.method == "POST" and form.is_valid():
        if action == "send":
            try:
                services.response_submit(signed=signed, answers=form.answers())
            except services.LinkRefused as refusal:
                return _link_refused(request, refusal.state, invitation)
            return redirect("feedback:thanks")
        if action != "change":
            return render(request, "feedback/check.html", context | {"answers": form.review()})
    return render(request, "feedback/respond.html", context, status=400 if form.errors else 200)


def _link_refused(request, state: str, invitation):
    return render(
        request,
        "feedback/link_refused.html",
        {"used": state == links.USED, "expired": state == links.EXPIRED, "invitation": invitation},
        status=LINK_STATUS[state],
    )


def thanks(request):
    return render(request, "feedback/thanks.html")
