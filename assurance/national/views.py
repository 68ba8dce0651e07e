"""Pages of the national app: the rollup dashboard, CSV downloads, publication, and public report cards."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from assurance import access
from assurance.csvfile import csv_response
from assurance.models import Cycle

from . import access as national_access
from . import selectors, services
from .choices import RollupKind
from .forms import PublishForm, WithdrawForm


def _cycle(code: str) -> Cycle:
    return get_object_or_404(Cycle, code=code)


def _methods_url() -> str:
    """The outcomes app's methods page: how each figure is computed."""
    return reverse("outcomes:methods")


@login_required
def dashboard(request, cycle: str):
    """DH sees England with its SHAs to drill into; an SHA lead is sent to its own SHA, with England beside it."""
    home = national_access.national_home(request.user)
    if home is None:
        access.require(request.user, access.NATIONAL, selectors.england())  # raises: no national access
    cycle_obj = _cycle(cycle)
    if home.code != selectors.ENGLAND_CODE:
        return redirect("national:sha", cycle=cycle_obj.code, code=home.code)
    context = selectors.dashboard(cycle_obj, home)
    context["may_publish"] = access.can(request.user, access.MANAGE_DATA, home)
    context["methods_url"] = _methods_url()
    return render(request, "national/dashboard.html", context)


@login_required
def sha(request, cycle: str, code: str):
    """One SHA's rollups with England's beside them, and its PCTs (each linking to its report)."""
    scope = national_access.scope_for(request.user, code)
    if scope.code == selectors.ENGLAND_CODE:
        return redirect("national:dashboard", cycle=cycle)
    context = selectors.dashboard(_cycle(cycle), scope, beside=selectors.england())
    context["drill_up"] = national_access.national_home(request.user).code == selectors.ENGLAND_CODE
    context["methods_url"] = _methods_url()
    return render(request, "national/sha.html", context)


@login_required
def download(request, cycle: str, code: str, kind: str):
    """One stored rollup table as CSV, with the same columns as the table on the page."""
    scope = national_access.scope_for(request.user, code)
    if kind not in RollupKind.values:
        raise Http404("No such table.")
    cycle_obj = _cycle(cycle)
    header, rows = selectors.csv_rows(cycle_obj, scope, kind)
    return csv_response(f"{cycle_obj.code}-{scope.code}-{kind}.csv", rows, header=header)


@login_required
def publication(request, cycle: str):
    """DH publishes a cycle (now or from an embargo time) and sees the publication record."""
    access.require(request.user, access.MANAGE_DATA, selectors.england())
    cycle_obj = _cycle(cycle)
    status = selectors.publication_status(cycle_obj)
    seen = _seen(status["open_publication"])
    form = PublishForm(request.POST if request.method == "POST" else None, initial={"seen": seen})
    if request.method == "POST" and form.is_valid():
        try:
            services.cycle_publish(
                cycle=cycle_obj, by=request.user, visible_from=form.cleaned_data.get("visible_from"),
                seen=form.cleaned_data["seen"] or services.UNCHECKED,
            )  # fmt: skip
        except services.AlreadyDone as done:
            messages.info(request, str(done))
            return redirect("national:publication", cycle=cycle_obj.code)
        except services.PublicationRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"{cycle_obj.code} is published. Rollups and report cards are being updated.")
            return redirect("national:publication", cycle=cycle_obj.code)
    context = status | {"form": form, "withdraw_form": WithdrawForm(initial={"seen": seen})}
    return render(request, "national/publication.html", context, status=400 if form.errors else 200)


def _seen(publication) -> str:
    """What the publication page shows, sent back by its forms: a second click then finds it out of date."""
    return str(publication.pk) if publication else services.NOT_PUBLISHED


@login_required
@require_POST
def withdraw(request, cycle: str):
    """DH withdraws a cycle's publication, giving a reason."""
    access.require(request.user, access.MANAGE_DATA, selectors.england())
    cycle_obj = _cycle(cycle)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.cycle_withdraw(
                cycle=cycle_obj, by=request.user, reason=form.cleaned_data["reason"],
                seen=form.cleaned_data["seen"] or services.UNCHECKED,
            )  # fmt: skip
        except services.AlreadyDone as done:
            messages.info(request, str(done))
            return redirect("national:publication", cycle=cycle_obj.code)
        except services.PublicationRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"The publication of {cycle_obj.code} is withdrawn.")
            return redirect("national:publication", cycle=cycle_obj.code)
    status = selectors.publication_status(cycle_obj)
    seen = _seen(status["open_publication"])
    context = status | {"form": PublishForm(initial={"seen": seen}), "withdraw_form": form}
    return render(request, "national/publication.html", context, status=400)


def report_card_index(request, cycle: str):
    """The published PCTs of a cycle, by SHA and alphabetically (never ranked). Public."""
    groups = selectors.public_index(cycle)
    if not groups:
        raise Http404("No published report cards.")
    return render(request, "national/report_card_index.html", {"cycle": cycle, "groups": groups})


def report_card(request, cycle: str, org_code: str):
    """One published PCT's report card. Public; anything unpublished or unknown is the same 404."""
    card = selectors.public_card(cycle, org_code)
    if card is None:
        raise Http404("No such report card.")
    context = {"card": card.card, "computed_at": card.computed_at, "methods_url": _methods_url()}
    return render(request, "national/report_card.html", context)
