"""Pages of the development app: the chair's recommendations, a PCT's plan and its actions, the SHA's list."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from assurance.assessments import StaleEdit, answer_page, assessment_for_user
from assurance.csvfile import csv_response
from assurance.models import Cycle
from panels import access as panel_access

from . import access, board, exports, plans, selectors, services
from .forms import ActionForm, BoardSignOffForm, CommentForm, RecommendationForm, UpdateForm
from .models import BoardSignOff, Recommendation


def _plan_url(assessment) -> str:
    return reverse("development:plan", args=[assessment.cycle.code, assessment.organisation.code])


# The chair's recommendations --------------------------------------------------------------------------------------


def _chair(request, cycle_code, code):
    day, _ = panel_access.review_day_for(request.user, cycle_code, code, need=panel_access.CHAIR)
    return day.assessment


@login_required
def recommendations(request, cycle_code: str, code: str):
    """The chair lists the report's recommendations and adds one (each becomes part of the PCT's plan at sign-off)."""
    assessment = _chair(request, cycle_code, code)
    closed = access.recommendations_open(assessment)
    form = RecommendationForm(request.POST if request.method == "POST" else None, cycle=assessment.cycle)
    if request.method == "POST" and form.is_valid():
        try:
            services.recommendation_add(
                assessment=assessment,
                by=request.user,
                text=form.cleaned_data["text"],
                priority=form.cleaned_data["priority"],
                **form.item(),
            )
        except ValidationError as error:
            form.add_error(None if not hasattr(error, "error_dict") else None, error)
        else:
            messages.success(request, "Recommendation added.")
            return redirect(request.path)
    context = {
        "assessment": assessment,
        "drafts": selectors.recommendations(assessment, fixed=False),
        "fixed": selectors.recommendations(assessment),
        "form": form,
        "closed": closed,
    }
    return render(request, "development/recommendations.html", context, status=400 if form.errors else 200)


def _draft(assessment, pk) -> Recommendation:
    return get_object_or_404(Recommendation, assessment=assessment, pk=pk, report__isnull=True)


@login_required
def recommendation_edit(request, cycle_code: str, code: str, pk: int):
    assessment = _chair(request, cycle_code, code)
    rec = _draft(assessment, pk)
    key = f"c{rec.competency_id}" if rec.competency_id else (f"g{rec.area_id}" if rec.area_id else "")
    initial = {"text": rec.text, "concerns": key, "priority": rec.priority, "version": rec.version}
    form = RecommendationForm(
        request.POST if request.method == "POST" else None, initial=initial, cycle=assessment.cycle
    )
    done = Outcome(False, form)
    if request.method == "POST":
        done = _submit(
            form,
            lambda data: services.recommendation_save(
                recommendation=rec, by=request.user, version=data["version"] or 0, text=data["text"],
                priority=data["priority"], **form.item(),
            ),
            rebind=lambda version: _rebind(RecommendationForm, request.POST, version, cycle=assessment.cycle),
            changed="changed this recommendation",
        )  # fmt: skip
        if done.saved:
            messages.success(request, "Recommendation saved.")
            return redirect("development:recommendations", cycle_code=cycle_code, code=code)
    context = {"assessment": assessment, "recommendation": rec, "form": done.form, "stale": done.stale}
    return render(request, "development/recommendation_edit.html", context, status=done.status)


@login_required
def recommendation_remove(request, cycle_code: str, code: str, pk: int):
    """Remove a draft recommendation, after a confirmation page."""
    assessment = _chair(request, cycle_code, code)
    rec = _draft(assessment, pk)
    if request.method == "POST":
        try:
            services.recommendation_remove(recommendation=rec, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Recommendation {rec.number} removed.")
        return redirect("development:recommendations", cycle_code=cycle_code, code=code)
    return render(request, "development/recommendation_remove.html", {"assessment": assessment, "recommendation": rec})


@dataclass
class Outcome:
    """What became of a form sent: saved, or the form to show again with its refusal, its status and, after a
    stale edit, the current row to compare."""

    saved: bool
    form: object
    status: int = 200
    stale: object = None


def _submit(form, save, *, rebind=None, changed: str = "") -> Outcome:
    """Save a valid form's data through ``save`` (a service call). A refusal goes above the form: 409 for an edit
    made stale by someone else (the person's input rebound to the current version by ``rebind``) or a locked plan,
    400 for bad input."""
    if not form.is_valid():
        return Outcome(False, form, 400)
    try:
        save(form.cleaned_data)
    except StaleEdit as error:
        form = rebind(error.current.version)
        form.add_error(None, f"Someone else {changed} since you opened it: compare below")
        return Outcome(False, form, 409, error.current)
    except access.PlanLocked as locked:
        form.add_error(None, str(locked))
        return Outcome(False, form, 409)
    except ValidationError as error:
        form.add_error(None, error)
        return Outcome(False, form, 400)
    return Outcome(True, form)


def _rebind(form_class, data, version: int, **kwargs):
    """The person's own input, carrying the current version, so saving again replaces the other change knowingly."""
    data = data.copy()
    data["version"] = str(version)
    form = form_class(data, **kwargs)
    form.is_valid()
    return form


# The plan ---------------------------------------------------------------------------------------------------------


@login_required
def plan(request, cycle: str, code: str):
    """A PCT's development plan: the panel's recommendations and the actions on each."""
    assessment, rights = access.plan_for(request.user, cycle, code)
    context = {"assessment": assessment, "rights": rights, **selectors.plan(assessment)}
    return render(request, "development/plan.html", context)


@login_required
def plan_csv(request, cycle: str, code: str):
    assessment, _ = access.plan_for(request.user, cycle, code)
    return csv_response(f"development-plan-{code}-{cycle}.csv", exports.rows(assessment), exports.HEADER)


def _action(request, cycle, code, pk):
    assessment, rights = access.plan_for(request.user, cycle, code)
    action = selectors.action_of(assessment, pk)
    if action is None:
        raise Http404("No such action.")
    return assessment, rights, action


@login_required
def action_new(request, cycle: str, code: str, rec: int):
    """The PCT lead turns a recommendation into an action."""
    assessment, rights = access.plan_for(request.user, cycle, code)
    recommendation = get_object_or_404(Recommendation, assessment=assessment, pk=rec, report__isnull=False)
    if not rights.manage:
        raise PermissionDenied("Only the PCT lead creates actions.")
    form = ActionForm(request.POST if request.method == "POST" else None, organisation=assessment.organisation)
    done = Outcome(False, form)
    if request.method == "POST":
        done = _submit(
            form,
            lambda data: services.action_create(recommendation=recommendation, by=request.user, **_action_fields(data)),
        )
        if done.saved:
            messages.success(request, "Action added to the plan.")
            return redirect(_plan_url(assessment))
    context = {"assessment": assessment, "rights": rights, "recommendation": recommendation, "form": done.form}
    return render(request, "development/action_form.html", context, status=done.status)


def _action_fields(data) -> dict:
    return {name: data[name] for name in ("text", "owner", "due_date", "measure")}


@login_required
def action_edit(request, cycle: str, code: str, pk: int):
    """The PCT lead changes an action's text, owner, due date or measure."""
    assessment, rights, action = _action(request, cycle, code, pk)
    if not rights.manage:
        raise PermissionDenied("Only the PCT lead edits actions.")
    initial = {f: getattr(action, f) for f in ("text", "owner", "due_date", "measure", "version")}
    kwargs = {"organisation": assessment.organisation}
    form = ActionForm(request.POST if request.method == "POST" else None, initial=initial, **kwargs)
    done = Outcome(False, form)
    if request.method == "POST":
        done = _submit(
            form,
            lambda data: services.action_edit(
                action=action, by=request.user, version=data["version"] or 0, **_action_fields(data)
            ),
            rebind=lambda version: _rebind(ActionForm, request.POST, version, **kwargs),
            changed="changed this action",
        )
        if done.saved:
            messages.success(request, "Action saved.")
            return redirect("development:action", cycle=cycle, code=code, pk=pk)
    context = {
        "assessment": assessment,
        "rights": rights,
        "recommendation": action.recommendation,
        "action": action,
        "form": done.form,
        "stale": done.stale,
    }
    return render(request, "development/action_form.html", context, status=done.status)


def _update_form(request, assessment, action, data=None):
    initial = {
        "status": action.status,
        "dropped_reason": action.dropped_reason,
        "evidence": list(action.evidence.all()),
        "version": action.version,
    }
    return UpdateForm(data, initial=None if data else initial, organisation=assessment.organisation)


def _action_page(request, assessment, rights, action, *, update_form=None, comment_form=None, stale=None, status=200):
    from .activity import action_history

    context = {
        "assessment": assessment,
        "rights": rights,
        "action": action,
        "update_form": update_form or (_update_form(request, assessment, action) if rights.update else None),
        "comment_form": comment_form or (CommentForm() if rights.comment else None),
        "stale": stale,
        "history": action_history(action),
    }
    return render(request, "development/action.html", context, status=status)


@login_required
def action(request, cycle: str, code: str, pk: int):
    """One action: what it is, where it stands, its notes and comments, its history; the forms its reader may use."""
    assessment, rights, found = _action(request, cycle, code, pk)
    return _action_page(request, assessment, rights, found)


@login_required
@require_POST
def action_update(request, cycle: str, code: str, pk: int):
    """The PCT's people record an action's status, a progress note and its evidence."""
    assessment, rights, found = _action(request, cycle, code, pk)
    if not rights.update:
        raise PermissionDenied("Only the PCT's own people update an action.")
    done = _submit(
        _update_form(request, assessment, found, request.POST),
        lambda data: services.action_update(
            action=found, by=request.user,
            **{name: data[name] for name in ("version", "status", "dropped_reason", "note", "evidence")},
        ),
        rebind=lambda version: _rebind(UpdateForm, request.POST, version, organisation=assessment.organisation),
        changed="updated this action",
    )  # fmt: skip
    if done.saved:
        messages.success(request, "Update saved.")
        return redirect("development:action", cycle=cycle, code=code, pk=pk)
    return _action_page(request, assessment, rights, found, update_form=done.form, stale=done.stale, status=done.status)


@login_required
@require_POST
def action_comment(request, cycle: str, code: str, pk: int):
    """The SHA lead comments on an action."""
    assessment, rights, found = _action(request, cycle, code, pk)
    if not rights.comment:
        raise PermissionDenied("Only the SHA's assurance lead comments on actions.")
    done = _submit(
        CommentForm(request.POST),
        lambda data: services.action_comment(action=found, by=request.user, text=data["text"]),
    )
    if done.saved:
        messages.success(request, "Comment added.")
        return redirect("development:action", cycle=cycle, code=code, pk=pk)
    return _action_page(request, assessment, rights, found, comment_form=done.form, status=done.status)


# The SHA's list ---------------------------------------------------------------------------------------------------


@login_required
def sha_plans(request, sha_code: str, cycle_code: str):
    """Each PCT's plan from the cycle's panel: overdue, at risk and done, with a filter."""
    sha = access.plans_of_sha(request.user, sha_code)
    cycle = get_object_or_404(Cycle, code=cycle_code)
    chosen = request.GET.get("show", "")
    chosen = chosen if chosen in plans.FILTERS else ""
    rows = selectors.sha_plans(sha, cycle, chosen)
    context = {"sha": sha, "cycle": cycle, "rows": rows, "filters": plans.FILTERS, "chosen": chosen}
    return render(request, "development/sha_plans.html", context)


# The board's sign-off ---------------------------------------------------------------------------------------------


@login_required
def board_sign_off(request, cycle: str, code: str):
    """The board meeting that approved the self-assessment: recorded by the PCT, needed before it submits."""
    assessment = assessment_for_user(request.user, cycle, code)
    row = BoardSignOff.objects.filter(assessment=assessment).select_related("minute").first()
    initial = (
        {"meeting_date": row.meeting_date, "minute_reference": row.minute_reference, "minute": row.minute}
        | {"version": row.version}
        if row
        else {"version": 0}
    )

    def make_form(data):
        return BoardSignOffForm(data, initial=None if data else initial, assessment=assessment)

    def save(data):
        board.board_sign_off_save(
            assessment=assessment,
            by=request.user,
            version=data["version"] or 0,
            meeting_date=data["meeting_date"],
            minute_reference=data["minute_reference"],
            minute=data["minute"],
        )

    return answer_page(
        request,
        assessment=assessment,
        make_form=make_form,
        save=save,  # the form checks what the service checks, so a refusal here is a race: AssessmentLocked
        template="development/board_sign_off.html",
        context={"row": row},
        done_url=reverse("assessment", args=[cycle, code]),
    )
