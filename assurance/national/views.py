"""Pages of the national app: the rollup dashboard, CSV downloads, publication, and public report cards."""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from assurance import access, pagecache
from assurance.assessments import StaleEdit
from assurance.choices import OrgKind
from assurance.csvfile import csv_response
from assurance.models import Cycle, Organisation
from competencies.models import Competency

from . import access as national_access
from . import selectors, services
from .choices import RollupKind
from .forms import ModerationNoteForm, ModerationSignOffForm, PublishForm, WithdrawForm


def _cycle(code: str) -> Cycle:
    return get_object_or_404(Cycle, code=code)


def _methods_url() -> str:
    """The outcomes app's methods page: how each figure is computed."""
    return reverse("outcomes:methods")


@login_required
def dashboard(request, cycle: str):
    """DH sees England with its SHAs to drill into; an SHA lead is sent to its own SHA, with England beside it.

    Kept whole under a stamp of every row the request reads, the access rule's included (assurance/pagecache.py).
    """
    stamp = functools.partial(selectors.dashboard_stamp, request.user, cycle)
    return pagecache.serve(request, "national", stamp, lambda: _dashboard(request, cycle))


def _dashboard(request, cycle: str):
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
def areas(request, cycle: str, code: str):
    """Governance by area (green or red on every area) and mean agreed levels: this cycle beside the previous one."""
    scope = national_access.scope_for(request.user, code)
    context = selectors.area_page(_cycle(cycle), scope)
    context["drill_up"] = national_access.national_home(request.user).code == selectors.ENGLAND_CODE
    return render(request, "national/areas.html", context)


@login_required
def download(request, cycle: str, code: str, kind: str):
    """One stored rollup table as CSV, with the same columns as the table on the page."""
    scope = national_access.scope_for(request.user, code)
    if kind not in RollupKind.values:
        raise Http404("No such table.")
    cycle_obj = _cycle(cycle)
    header, rows = selectors.csv_rows(cycle_obj, scope, kind)
    return csv_response(f"{cycle_obj.code}-{scope.code}-{kind}.csv", rows, header=header)


def _publication_page(request, cycle: Cycle, *, form=None, withdraw_form=None, status: int = 200):
    """The publication page: where each signed-off PCT stands, the publish and withdraw forms, the history."""
    context = selectors.publication_status(cycle)
    published = context["plan"]["published"]
    context["form"] = form or PublishForm()
    context["withdraw_form"] = withdraw_form or WithdrawForm(published=published)
    return render(request, "national/publication.html", context, status=status)


@login_required
def publication(request, cycle: str):
    """DH sees where each PCT stands and the publication history; posting the publish form asks for confirmation."""
    access.require(request.user, access.MANAGE_DATA, selectors.england())
    cycle_obj = _cycle(cycle)
    if request.method != "POST":
        return _publication_page(request, cycle_obj)
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            services.publication_allowed(cycle_obj)
            plan = selectors.publication_plan(cycle_obj)
            if not plan["ready"]:
                raise services.PublicationRefused(services.nothing_ready(cycle_obj, plan))
        except services.PublicationRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            visible_from = form.cleaned_data.get("visible_from")
            context = {"cycle": cycle_obj, "plan": plan, "form": form, "visible_from": visible_from}
            return render(request, "national/publish_confirm.html", context)
    return _publication_page(request, cycle_obj, form=form, status=400)


@login_required
@require_POST
def publish_confirm(request, cycle: str):
    """DH confirms: the PCTs the confirmation page listed are published (a second click is told it is done)."""
    access.require(request.user, access.MANAGE_DATA, selectors.england())
    cycle_obj = _cycle(cycle)
    if not request.POST.getlist("pct"):
        messages.info(request, "Nothing was published: continue from this page to see what will be published.")
        return redirect("national:publication", cycle=cycle_obj.code)
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            publication = services.cycle_publish(
                cycle=cycle_obj, by=request.user, visible_from=form.cleaned_data.get("visible_from"),
                pct_codes=request.POST.getlist("pct"),
            )  # fmt: skip
        except services.AlreadyDone as done:
            messages.info(request, str(done))
            return redirect("national:publication", cycle=cycle_obj.code)
        except services.PublicationRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            count = publication.pcts.count()
            when = "now" if not publication.is_embargoed else f"from {_moment(publication.visible_from)}"
            messages.success(
                request, f"{count} {cycle_obj.code} report card{'s' if count != 1 else ''} published: public {when}."
            )
            return redirect("national:publication", cycle=cycle_obj.code)
    return _publication_page(request, cycle_obj, form=form, status=400)


def _moment(when) -> str:
    local = timezone.localtime(when)
    return f"{local.day} {local:%B %Y} at {local:%H:%M}"


@login_required
@require_POST
def withdraw(request, cycle: str):
    """DH chooses report cards to withdraw and says why; the next page asks for confirmation."""
    access.require(request.user, access.MANAGE_DATA, selectors.england())
    cycle_obj = _cycle(cycle)
    published = selectors.publication_plan(cycle_obj)["published"]
    form = WithdrawForm(request.POST, published=published)
    if form.is_valid():
        chosen = set(form.cleaned_data["pct_codes"])
        context = {"cycle": cycle_obj, "form": form, "pcts": [line for line in published if line.code in chosen]}
        return render(request, "national/withdraw_confirm.html", context)
    return _publication_page(request, cycle_obj, withdraw_form=form, status=400)


@login_required
@require_POST
def withdraw_confirm(request, cycle: str):
    """DH confirms the withdrawal the confirmation page described (a second click is told it is done)."""
    access.require(request.user, access.MANAGE_DATA, selectors.england())
    cycle_obj = _cycle(cycle)
    codes = request.POST.getlist("pct")
    if not codes:
        messages.info(request, "Nothing was withdrawn: choose the report cards to withdraw again.")
        return redirect("national:publication", cycle=cycle_obj.code)
    try:
        withdrawal = services.cycle_withdraw(
            cycle=cycle_obj, by=request.user, reason=request.POST.get("reason", ""), pct_codes=codes
        )
    except services.AlreadyDone as done:
        messages.info(request, str(done))
    except services.PublicationRefused as refusal:
        messages.error(request, str(refusal))
    else:
        count = withdrawal.pcts.count()
        messages.success(request, f"{count} {cycle_obj.code} report card{'s' if count != 1 else ''} withdrawn.")
    return redirect("national:publication", cycle=cycle_obj.code)


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


# Moderation across SHAs ------------------------------------------------------------------------------------------


@login_required
def moderation(request, cycle: str):
    """DH compares every SHA's agreed levels with the rest of England's; an SHA lead is sent to its own SHA."""
    home = national_access.national_home(request.user)
    if home is None:
        access.require(request.user, access.NATIONAL, selectors.england())  # raises: no national access
    cycle_obj = _cycle(cycle)
    if home.code != selectors.ENGLAND_CODE:
        return redirect("national:moderation_sha", cycle=cycle_obj.code, code=home.code)
    context = selectors.moderation_page(cycle_obj)
    context["may_moderate"] = access.can(request.user, access.MANAGE_DATA, home)
    return render(request, "national/moderation.html", context)


@login_required
def moderation_sha(request, cycle: str, code: str):
    """One SHA's agreed levels beside the rest of England's, with DH's notes on them."""
    scope = national_access.scope_for(request.user, code)
    if scope.code == selectors.ENGLAND_CODE:
        return redirect("national:moderation", cycle=cycle)
    context = selectors.moderation_page(_cycle(cycle), scope)
    context["drill_up"] = national_access.national_home(request.user).code == selectors.ENGLAND_CODE
    context["may_moderate"] = access.can(request.user, access.MANAGE_DATA, selectors.england())
    return render(request, "national/moderation_sha.html", context)


@login_required
def moderation_download(request, cycle: str, code: str):
    """The moderation table as CSV: every SHA's (England, DH only) or one SHA's."""
    if code == selectors.ENGLAND_CODE:
        access.require(request.user, access.MANAGE_DATA, selectors.england())
        sha = None
    else:
        sha = national_access.scope_for(request.user, code)
    cycle_obj = _cycle(cycle)
    header, rows = selectors.moderation_csv(cycle_obj, sha)
    return csv_response(f"{cycle_obj.code}-{code}-moderation.csv", rows, header=header)


@login_required
def moderation_note(request, cycle: str, code: str, number: int):
    """DH records a note on one SHA's agreed levels of one competency."""
    access.require(request.user, access.MANAGE_DATA, selectors.england())
    cycle_obj = _cycle(cycle)
    sha = get_object_or_404(Organisation, code=code, kind=OrgKind.SHA)
    competency = get_object_or_404(Competency, cycle=cycle_obj, number=number)
    item = {"competency": competency, "key": number, "label": f"competency {number}", "anchor": f"competency-{number}"}
    return _moderation_note(request, cycle_obj, sha, item)


@login_required
def moderation_area_note(request, cycle: str, code: str, area: str):
    """DH records a note on one SHA's agreed ratings of one governance area (as a whole)."""
    access.require(request.user, access.MANAGE_DATA, selectors.england())
    cycle_obj = _cycle(cycle)
    sha = get_object_or_404(Organisation, code=code, kind=OrgKind.SHA)
    governance_area = selectors.moderation_area(cycle_obj, area)
    if governance_area is None:
        raise Http404("No such governance area in this cycle")
    name = governance_area.area
    item = {"area": governance_area, "key": name, "label": f"governance area {name}", "anchor": f"area-{area}"}
    return _moderation_note(request, cycle_obj, sha, item)


def _moderation_note(request, cycle_obj, sha, item: dict):
    """The note form of one SHA and one competency or area (`item`: competency or area, its key among the notes,
    its label in messages and its anchor on the moderation page)."""
    competency, area = item.get("competency"), item.get("area")
    note = selectors.moderation_notes(cycle_obj, sha.code).get((sha.code, item["key"]))
    initial = {"text": note.text if note else "", "version": note.version if note else 0}
    form = ModerationNoteForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.moderation_note_save(
                cycle=cycle_obj, sha=sha, competency=competency, area=area, text=form.cleaned_data["text"],
                by=request.user, version=form.cleaned_data["version"],
            )  # fmt: skip
        except StaleEdit as stale:
            note = stale.current
            form.add_error(
                "text",
                "Someone else saved a note here since you opened it. Their note is shown above; your text is kept "
                "below: change it if you need to and save again.",
            )
            form.data = form.data.copy()
            form.data["version"] = note.version if note else 0
        except services.ModerationRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"Note saved for {sha.name}, {item['label']}.")
            url = reverse("national:moderation", kwargs={"cycle": cycle_obj.code})
            return redirect(f"{url}#{item['anchor']}")
    page = selectors.moderation_page(cycle_obj, sha)
    field, entries = ("competency", page["competencies"]) if competency else ("area", page["areas"])
    row = next((r for entry in entries for r in entry["rows"] if r[field] == item["key"]), None)
    context = {"cycle": cycle_obj, "sha": sha, "note": note, "row": row, "form": form, "sign_off": page["sign_off"]}
    context |= {"competency": competency, "area": area, "anchor": item["anchor"]}
    return render(request, "national/moderation_note.html", context, status=400 if form.errors else 200)


@login_required
def moderation_sign_off(request, cycle: str):
    """DH signs off moderation for the cycle, after a page saying what that means (a confirmation)."""
    access.require(request.user, access.MANAGE_DATA, selectors.england())
    cycle_obj = _cycle(cycle)
    form = ModerationSignOffForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.moderation_sign_off(cycle=cycle_obj, by=request.user, notes=form.cleaned_data["notes"])
        except services.AlreadyDone as done:
            messages.info(request, str(done))
            return redirect("national:moderation", cycle=cycle_obj.code)
        except services.PublicationRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"Moderation of {cycle_obj.code} is signed off: the cycle may now be published.")
            return redirect("national:moderation", cycle=cycle_obj.code)
    context = selectors.moderation_page(cycle_obj) | {"form": form}
    return render(request, "national/moderation_sign_off.html", context, status=400 if form.errors else 200)
