"""Pages of a PCT's self-assessment workflow: the task list, submission, reopening and the activity."""

from itertools import groupby

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse

from . import access, activity, checklist
from .assessments import assessment_for_user, may_edit
from .choices import Action
from .services import assessment_reopen, assessment_transition
from .workflow import TransitionRefused, extension_after_reopening, may_change, may_reopen


class ReopenForm(forms.Form):
    """Why the SHA reopens a submission: the PCT sees it."""

    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        label="Why are you reopening this self-assessment?",
        help_text="The PCT will see this, and its people are told by email.",
        error_messages={"required": "Enter the reason for reopening"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.textarea("reason", label_size=Size.MEDIUM), Submit("reopen", "Reopen self-assessment")
        )


def _task_url(assessment) -> str:
    return reverse("assessment", args=[assessment.cycle.code, assessment.organisation.code])


def _sections(items) -> list[tuple[str, list]]:
    return [(section, list(group)) for section, group in groupby(items, key=lambda item: item.section)]


def _context(request, assessment) -> dict:
    items = checklist.collect(assessment)
    user, organisation = request.user, assessment.organisation
    return {
        "assessment": assessment,
        "sections": _sections(items),
        "missing": checklist.incomplete(items),
        "completed_count": len(items) - len(checklist.incomplete(items)),
        "task_count": len(items),
        "editable": may_edit(user, assessment),
        "may_submit": may_change(assessment) and access.can(user, access.SUBMIT, organisation),
        "may_reopen": may_reopen(assessment) and access.can(user, access.REOPEN, organisation),
        "who_submits": "" if access.can(user, access.SUBMIT, organisation) else access.ask_the_pct_lead(organisation),
    }


@login_required
def task_list(request, cycle: str, code: str):
    """The PCT's self-assessment task list (GOV.UK task list pattern) with its state."""
    assessment = assessment_for_user(request.user, cycle, code)
    return render(request, "assurance/assessment.html", _context(request, assessment))


@login_required
def submit(request, cycle: str, code: str):
    """The PCT lead checks what is missing and submits the self-assessment to the SHA."""
    organisation = access.organisation_for(request.user, code)  # 404 for a PCT the user cannot see
    if not access.can(request.user, access.SUBMIT, organisation):
        raise PermissionDenied(access.ask_the_pct_lead(organisation))
    assessment = assessment_for_user(request.user, cycle, code, access.SUBMIT)
    context = _context(request, assessment)
    if request.method == "POST":
        if context["missing"]:
            messages.error(request, "The self-assessment cannot be submitted until every task is completed.")
        else:
            try:
                assessment_transition(assessment=assessment, action=Action.SUBMIT, by=request.user)
            except TransitionRefused as refused:
                messages.error(request, str(refused))
            else:
                messages.success(request, "The self-assessment has been submitted to the SHA.")
                return redirect(_task_url(assessment))
        return redirect(request.path)
    return render(request, "assurance/assessment_submit.html", context)


@login_required
def reopen(request, cycle: str, code: str):
    """The SHA assurance lead reopens a submitted self-assessment, with a reason the PCT sees."""
    assessment = assessment_for_user(request.user, cycle, code, access.REOPEN)
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assessment_reopen(assessment=assessment, by=request.user, reason=form.cleaned_data["reason"])
        except TransitionRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, f"{assessment.organisation.name}'s self-assessment has been reopened.")
            return redirect(_task_url(assessment))
    context = {"assessment": assessment, "form": form, "may_reopen": may_reopen(assessment)}
    context["extension_until"] = extension_after_reopening(assessment)
    return render(request, "assurance/assessment_reopen.html", context)


@login_required
def activity_log(request, cycle: str, code: str):
    """Who changed what in the self-assessment, when, from what to what."""
    assessment = assessment_for_user(request.user, cycle, code)
    entries = activity.collect(assessment)
    return render(request, "assurance/assessment_activity.html", {"assessment": assessment, "entries": entries})
