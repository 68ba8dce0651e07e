"""Pages of the panels app: panel set-up, the pack, the review-day workspace and the report."""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_POST

from assurance import access as assurance_access
from assurance import pagecache
from assurance.choices import Role
from assurance.discovery import page_parts
from assurance.models import Assessment, Cycle
from assurance.workflow import TransitionRefused
from feedback import selectors as feedback_selectors

from . import access, selectors, services
from .forms import ChairForm, CommentForm, DataPackForm, PanelMemberForm, RatingsForm, ReportForm, ReviewDayForm
from .models import AgreedRating, Panel, ReportImmutable, ReviewDay


def _sha_panel(request, sha_code: str, cycle_code: str):
    """The SHA lead's panel for the cycle: read on GET (unsaved until set up), created by the first POST."""
    sha = assurance_access.organisation_for(request.user, sha_code, assurance_access.SET_UP_PANEL)
    cycle = get_object_or_404(Cycle, code=cycle_code)
    if request.method == "POST":
        return sha, cycle, services.panel_for(sha=sha, cycle=cycle, by=request.user)
    return sha, cycle, selectors.panel_of(sha, cycle) or Panel(sha=sha, cycle=cycle)


@login_required
def setup(request, sha_code: str, cycle_code: str):
    """The SHA lead seats the panel and sees each PCT's review day."""
    sha, cycle, panel = _sha_panel(request, sha_code, cycle_code)
    member_form = PanelMemberForm(request.POST if "add_member" in request.POST else None, panel=panel)
    pack_form = DataPackForm(
        request.POST if "save_data_pack" in request.POST else None, initial={"data_pack_url": panel.data_pack_url}
    )
    if member_form.is_bound and member_form.is_valid():
        try:
            seat = services.panel_member_add(panel=panel, by=request.user, **member_form.cleaned_data)
        except ValidationError as refused:
            member_form.add_error("user", refused)
        else:
            given = f" They now hold the panel member role at {sha.name}." if seat.role_given else ""
            messages.success(request, f"{_person(seat.user)} is on the panel as a member.{given}")
            return redirect(request.path)
    if pack_form.is_bound and pack_form.is_valid():
        services.panel_data_pack_save(panel=panel, by=request.user, url=pack_form.cleaned_data["data_pack_url"])
        messages.success(request, "Data pack link saved.")
        return redirect(request.path)
    members = list(panel.members.select_related("user")) if panel.pk else []
    context = {
        "sha": sha,
        "cycle": cycle,
        "panel": panel,
        "members": members,
        "chair": next((m for m in members if m.is_chair), None),
        "problems": services.panel_problems(panel),
        "pcts": selectors.review_days_of(sha, cycle),
        "member_form": member_form,
        "pack_form": pack_form,
    }
    return render(request, "panels/setup.html", context, status=400 if request.method == "POST" else 200)


def _person(user) -> str:
    return user.get_full_name() or user.username


@login_required
def member_remove(request, sha_code: str, cycle_code: str, pk: int):
    """Take a person off the panel: the GET says what will happen, the POST does it."""
    sha, cycle, panel = _sha_panel(request, sha_code, cycle_code)
    if not panel.pk:
        raise Http404("No one is on this panel yet.")
    member = get_object_or_404(panel.members.select_related("user"), pk=pk)
    if request.method == "POST":
        services.panel_member_remove(member=member, by=request.user)
        text = f"{_person(member.user)} is no longer on the panel."
        messages.success(request, text + (" The panel has no chair: choose one." if member.is_chair else ""))
        return redirect("panels:setup", sha_code=sha_code, cycle_code=cycle_code)
    context = {"sha": sha, "cycle": cycle, "member": member, "days": panel.review_days.count()}
    return render(request, "panels/member_remove.html", context)


@login_required
def panel_chair(request, sha_code: str, cycle_code: str):
    """Change (or choose) the chair: choose a member, read what will happen, confirm. Adding a member never does."""
    sha, cycle, panel = _sha_panel(request, sha_code, cycle_code)
    data = request.POST if request.method == "POST" else (request.GET if "user" in request.GET else None)
    form = ChairForm(data, panel=panel)
    chair = panel.members.select_related("user").filter(is_chair=True).first() if panel.pk else None
    context = {"sha": sha, "cycle": cycle, "panel": panel, "form": form, "chair": chair}
    if form.is_bound and form.is_valid():
        new = form.cleaned_data["user"]
        if request.method == "POST":
            try:
                change = services.panel_chair_change(
                    panel=panel, user=new, current_chair_id=form.cleaned_data["current"] or None, by=request.user
                )
            except ValidationError as refused:
                form.add_error(None, refused)
            else:
                text = f"{_person(new)} now chairs the panel."
                if change.old:
                    text += f" {_person(change.old.user)} stays on the panel as a member."
                messages.success(request, text)
                return redirect("panels:setup", sha_code=sha_code, cycle_code=cycle_code)
        else:
            context |= {
                "new": new,
                "current": chair.user_id if chair else 0,
                "role_given": not selectors.holds_role(new, sha, Role.PANEL_CHAIR),
            }
            return render(request, "panels/chair_confirm.html", context)
    status = 400 if form.errors else 200
    return render(request, "panels/chair.html", context, status=status)


@login_required
def review_day(request, sha_code: str, cycle_code: str, code: str):
    """The SHA lead sets one PCT's review day."""
    sha, cycle, panel = _sha_panel(request, sha_code, cycle_code)
    pct = assurance_access.organisation_for(request.user, code, assurance_access.SET_UP_PANEL)
    if pct.parent_id != sha.pk:
        raise Http404("That PCT is not in this SHA.")
    assessment = Assessment.objects.filter(organisation=pct, cycle=cycle).first()  # a GET starts no draft
    instance = getattr(assessment, "review_day", None)
    form = ReviewDayForm(request.POST if request.method == "POST" else None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.review_day_set(panel=panel, pct=pct, by=request.user, **form.cleaned_data)
        messages.success(request, f"Review day for {pct.name} saved.")
        return redirect("panels:setup", sha_code=sha_code, cycle_code=cycle_code)
    context = {"sha": sha, "cycle": cycle, "pct": pct, "form": form}
    return render(request, "panels/review_day.html", context, status=400 if request.method == "POST" else 200)


@login_required
def pack(request, cycle_code: str, code: str):
    """A member's pack for one PCT, with their own provisional ratings and notes.

    A summary at the top lists the items with what the member has rated so far. Each item has its own Save button:
    it saves everything typed on the page (so nothing typed elsewhere is lost) and comes back to that item.
    """
    day, seat = access.review_day_for(request.user, cycle_code, code)
    context = selectors.pack(day, request.user, seat)
    keys = {row.key: row for row in context["rows"]}
    form = RatingsForm(request.POST if request.method == "POST" else None, rows=context["rows"])
    if request.method == "POST":
        if not seat.rates:
            raise PermissionDenied("Only members of this panel record provisional ratings.")
        if form.is_valid():
            try:
                services.provisional_ratings_save(review_day=day, by=request.user, entries=form.entries())
            except ValidationError as error:
                form.add_error(None, error)
            else:
                item = request.POST.get("save_item")
                if item in keys:
                    return redirect(f"{request.path}?saved={item}#{item}")
                messages.success(request, "Your provisional ratings are saved.")
                return redirect(request.path)
    form.bind_rows()
    saved = keys.get(request.GET.get("saved", "")) if request.method == "GET" else None
    context |= {"review_day": day, "seat": seat, "form": form, "assessment": day.assessment, "saved": saved}
    context |= feedback_selectors.panel_context(day.assessment)
    context |= page_parts("pack", user=request.user, assessment=day.assessment)  # development: board, last plan
    return render(request, "panels/pack.html", context, status=400 if form.errors else 200)


@login_required
def workspace(request, cycle_code: str, code: str):
    """The review-day workspace: self-assessed, provisional and agreed ratings side by side.

    The agreed ratings are fields only for the chair while they can be saved (the review is open, or a corrected
    report version is being drafted); otherwise they show as text, with why. A refused save shows the fields again
    with what the chair typed, and, when the review is not open yet, a button that opens it and saves them.
    """
    # The busiest page on review day: a GET is kept whole under a stamp of every row the request reads, the access
    # rule's included, so a kept page is served only while the rule would decide as it did (assurance/pagecache.py).
    stamp = functools.partial(selectors.workspace_stamp, request.user, code)
    return pagecache.serve(request, "workspace", stamp, lambda: _workspace(request, cycle_code, code))


def _workspace(request, cycle_code: str, code: str):
    day, seat = access.review_day_for(request.user, cycle_code, code)
    if request.method == "POST" and not seat.is_chair:
        raise PermissionDenied("Only the panel chair records agreed ratings.")
    rows = selectors.rows_for(day, request.user, seat, reveal_all=seat.is_chair)
    form = RatingsForm(request.POST if request.method == "POST" else None, rows=rows, agreed=True, commentary=day)
    status = 200
    if request.method == "POST":
        status = _open_then_save(request, day, form, rows)
        if status == 302:
            messages.success(request, "Agreed ratings saved.")
            return redirect(request.path)
    form.bind_rows()
    editable = seat.is_chair and services.agreed_editable(day.assessment)
    context = {
        "review_day": day,
        "assessment": day.assessment,
        "seat": seat,
        "form": form,
        "competency_rows": [r for r in rows if r.kind == "competency"],
        "governance_rows": [r for r in rows if r.kind == "governance"],
        "members": list(day.panel.members.all()),
        "editable": editable or (seat.is_chair and form.is_bound),  # a refused save keeps what was typed
        "saved_editable": editable,
        "not_yet": services.before_review_day(day, "opened"),
        **feedback_selectors.panel_context(day.assessment),
        **page_parts("workspace", user=request.user, assessment=day.assessment),  # development: last cycle's plan
    }
    return render(request, "panels/workspace.html", context, status=status)


def _open_then_save(request, day, form, rows) -> int:
    """The chair's save; with "open_review" posted (offered after a save refused because the review was not open),
    open the review first, keeping what was typed if it cannot be opened."""
    if "open_review" in request.POST and day.assessment.is_submitted:
        try:
            services.review_open(review_day=day, by=request.user)
        except TransitionRefused as refused:
            form.is_valid()
            form.add_error(None, str(refused))
            return 400
        day.assessment.refresh_from_db()
        messages.success(request, "The review is open.")
    return _save_agreed(request, day, form, rows)


def _save_agreed(request, day, form, rows) -> int:
    """Validate and save the chair's agreed ratings: 302 saved, 400 bad input, 409 someone saved first."""
    if not form.is_valid():
        return 400
    try:
        services.agreed_ratings_save(
            review_day=day, by=request.user, entries=form.entries(), commentary=form.commentary_entry()
        )
    except services.Conflict as conflict:
        _conflict_errors(form, conflict, rows, day)
        return 409
    except ValidationError as error:
        form.add_error(None, error)
        if not services.agreed_editable(day.assessment):
            form.add_error(None, "What you typed is kept below: nothing has been saved")
        return 400
    return 302


def _conflict_errors(form, conflict, rows, day) -> None:
    """Tell the chair which items someone else saved first. Their own input stays in the form, now carrying the
    current version, so saving again after reading the message replaces the other value knowingly."""
    by_key = {r.key: r for r in rows}
    form.data = form.data.copy()
    for key in conflict.keys:
        if key == "commentary":
            form.data["commentary_version"] = ReviewDay.objects.get(pk=day.pk).commentary_version
            form.add_error("commentary", "Someone else changed the outcomes commentary since you opened the page")
            continue
        row = by_key[key]
        current = AgreedRating.objects.filter(assessment=day.assessment, **services.item_fields(key)).first()
        form.data[f"ver_{key}"] = current.version if current else 0
        now = (current.level or current.get_rag_display()) if current else "not rated"
        form.add_error(
            f"v_{key}",
            f"Someone else saved the agreed rating of {row.label} since you opened the page (it is now {now}). "
            "Save again to replace it with yours",
        )


@login_required
@require_POST
def open_review(request, cycle_code: str, code: str):
    day, _ = access.review_day_for(request.user, cycle_code, code, need=access.CHAIR)
    try:
        services.review_open(review_day=day, by=request.user)
        messages.success(request, "The review is open.")
    except TransitionRefused as refused:
        messages.error(request, str(refused))
    return redirect("panels:workspace", cycle_code=cycle_code, code=code)


def _report_page(request, cycle_code: str, code: str):
    assessment, seat = access.assessment_for_report(request.user, cycle_code, code)
    versions = selectors.reports_of(assessment, signed_off_only=seat is None)
    wanted = request.GET.get("version")
    report = (
        next((r for r in versions if str(r.version) == wanted), None) if wanted else (versions[0] if versions else None)
    )
    if report is None and (wanted or seat is None):
        raise Http404("No such report version.")
    return assessment, seat, versions, report


def _report_context(user, assessment, seat, versions, report, page: str = "report") -> dict:
    day = getattr(assessment, "review_day", None) if seat else None
    ratings = report.ratings_snapshot if report and report.is_signed_off else selectors.snapshot(assessment, day)
    if report and report.is_signed_off:
        ratings = selectors.with_movement(assessment, ratings)  # signed-off results on both sides only
    return {
        "assessment": assessment,
        "seat": seat,
        "versions": versions,
        "report": report,
        "ratings": ratings,
        "scorecard": selectors.scorecard_for(assessment, report),
        "produced": timezone.now(),
        "rating_changes": selectors.rating_changes(report, ratings),
        **page_parts(page, user=user, assessment=assessment, report=report),  # development: its recommendations
    }


@login_required
def report(request, cycle_code: str, code: str):
    """A report version: the latest, or the one asked for; the PCT sees signed-off versions only."""
    assessment, seat, versions, current = _report_page(request, cycle_code, code)
    context = _report_context(request.user, assessment, seat, versions, current)
    context["comment_form"] = CommentForm() if access.may_comment(request.user, assessment, current, seat) else None
    context["comments"] = list(current.comments.select_related("author")) if current else []
    return render(request, "panels/report.html", context)


@login_required
def report_pdf(request, cycle_code: str, code: str):
    """The report version as a PDF (WeasyPrint), saying which cycle, PCT, version and date it shows."""
    from weasyprint import HTML

    assessment, seat, versions, current = _report_page(request, cycle_code, code)
    html = render_to_string(
        "panels/report_pdf.html",
        _report_context(request.user, assessment, seat, versions, current, page="report_pdf"),
        request=request,
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    version = f"-v{current.version}" if current else ""
    response["Content-Disposition"] = f'attachment; filename="report-{code}-{cycle_code}{version}.pdf"'
    return response


@login_required
def report_edit(request, cycle_code: str, code: str):
    """The chair writes the draft report version."""
    day, _ = access.review_day_for(request.user, cycle_code, code, need=access.CHAIR)
    draft = selectors.report_to_write(day.assessment)  # nothing written: version 1 is created by its first good save
    if draft.is_signed_off:
        messages.info(request, f"Version {draft.version} is signed off. Start a new version to correct it.")
        return redirect("panels:report", cycle_code=cycle_code, code=code)
    quotes = feedback_selectors.quotable_comments(day.assessment)
    initial = {name: getattr(draft, name) for name in services.REPORT_FIELDS} | {"revision": draft.revision}
    initial["partner_quotes"] = [q.key for q in quotes if q.as_dict() in draft.partner_quotes]
    form = ReportForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        corrected=bool(draft.previous_id),
        quotes=quotes,
    )
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        quote_keys = fields.pop("partner_quotes", None)
        try:
            if draft.pk is None:
                draft = services.report_current(assessment=day.assessment, by=request.user)
            services.report_save(report=draft, by=request.user, quote_keys=quote_keys, **fields)
        except services.Conflict:
            form.add_error(None, "Someone else saved this report since you opened it; reload to see their text")
        except ValidationError as refused:
            form.add_error("partner_quotes" if "partner_quotes" in form.fields else None, refused.messages[0])
        else:
            messages.success(request, "Draft report saved.")
            return redirect("panels:report", cycle_code=cycle_code, code=code)
    context = {"assessment": day.assessment, "report": draft, "form": form}
    return render(request, "panels/report_edit.html", context, status=400 if form.errors else 200)


@login_required
def report_sign_off(request, cycle_code: str, code: str):
    """Sign off the draft version: the GET says what will happen (or what stops it), the POST does it."""
    day, _ = access.review_day_for(request.user, cycle_code, code, need=access.CHAIR)
    if request.method != "POST" and not day.assessment.reports.exists():
        messages.info(request, "There is no draft report to sign off yet: write it first.")
        return redirect("panels:report", cycle_code=cycle_code, code=code)
    draft = services.report_current(assessment=day.assessment, by=request.user)
    if request.method == "POST":
        try:
            services.report_sign_off(report=draft, by=request.user)
        except (ValidationError, ReportImmutable, TransitionRefused) as refused:
            messages.error(request, " ".join(getattr(refused, "messages", [str(refused)])))
        else:
            messages.success(request, f"Version {draft.version} is signed off.")
        return redirect("panels:report", cycle_code=cycle_code, code=code)
    if draft.is_signed_off:
        messages.info(request, f"Version {draft.version} is already signed off.")
        return redirect("panels:report", cycle_code=cycle_code, code=code)
    context = {
        "assessment": day.assessment,
        "review_day": day,
        "report": draft,
        "problems": services.sign_off_problems(draft),
        "first": draft.previous_id is None,
    }
    return render(request, "panels/sign_off_confirm.html", context)


@login_required
@require_POST
def report_new_version(request, cycle_code: str, code: str):
    day, _ = access.review_day_for(request.user, cycle_code, code, need=access.CHAIR)
    try:
        services.report_new_version(assessment=day.assessment, by=request.user)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
        return redirect("panels:report", cycle_code=cycle_code, code=code)
    return redirect("panels:report_edit", cycle_code=cycle_code, code=code)


@login_required
@require_POST
def report_comment(request, cycle_code: str, code: str):
    """The PCT lead comments on the factual accuracy of the latest signed-off version."""
    assessment, seat, versions, current = _report_page(request, cycle_code, code)
    if not access.may_comment(request.user, assessment, current, seat):
        raise PermissionDenied("Factual-accuracy comments are for the PCT lead while the period is open.")
    form = CommentForm(request.POST)
    if form.is_valid():
        services.factual_comment_add(report=current, by=request.user, text=form.cleaned_data["text"])
        messages.success(request, "Your comment is sent to the panel.")
        return redirect("panels:report", cycle_code=cycle_code, code=code)
    context = _report_context(request.user, assessment, seat, versions, current) | {
        "comment_form": form,
        "comments": list(current.comments.all()),
    }
    return render(request, "panels/report.html", context, status=400)


@login_required
def differences(request, sha_code: str, cycle_code: str):
    """Across the SHA's PCTs: which competencies they over- or under-rate most against the agreed levels."""
    sha = assurance_access.organisation_for(request.user, sha_code, assurance_access.PANEL_READ)
    cycle = get_object_or_404(Cycle, code=cycle_code)
    context = {"sha": sha, "cycle": cycle, **selectors.sha_differences(sha, cycle)}
    return render(request, "panels/differences.html", context)
