"""Helpers every self-assessment page shares: fetching a PCT's assessment for a person, and the edit guard."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from . import access
from .choices import OrgKind
from .models import Assessment, Cycle
from .selectors import assessment_if_started
from .services import assessment_get_or_start
from .workflow import closed_reason, cycle_closed, may_change


class AssessmentLocked(PermissionDenied):
    """A change to a self-assessment that is no longer a draft."""


class NotStarted(Http404):
    """Someone who may only read opened the self-assessment of a PCT that has not started one.

    Reading never creates the draft: a DH analyst or SHA reader opening the task list would otherwise move the PCT
    from "not started" to "draft" in every count. The 404 page says what happened (`templates/404.html`).
    """

    def __init__(self, organisation, cycle):
        super().__init__(f"{organisation.name} has not started its {cycle.code} self-assessment.")
        self.organisation, self.cycle = organisation, cycle


class StaleEdit(Exception):
    """A save based on a version someone else has replaced since the form was loaded."""

    def __init__(self, current):
        super().__init__("Someone else saved this since you opened it.")
        self.current = current


def assessment_for_user(user, cycle_code: str, org_code: str, action: str = access.VIEW) -> Assessment:
    """The PCT's assessment in the cycle for a page: 404 when the PCT is unseen, 403 when the action is not allowed.

    Only the PCT's own people (not a superuser) create its draft by opening it, and only before the cycle's deadline;
    anyone else, or after the deadline, gets NotStarted.
    """
    organisation = access.organisation_for(user, org_code, action)
    if organisation.kind != OrgKind.PCT:
        raise Http404("Only primary care trusts have a self-assessment.")
    cycle = get_object_or_404(Cycle.objects.select_related("previous"), code=cycle_code)
    assessment = assessment_if_started(organisation, cycle)
    if assessment is None and access.may_start_assessment(user, organisation) and not cycle_closed(cycle):
        return assessment_get_or_start(organisation=organisation, cycle=cycle)  # the PCT's own people start the draft
    if assessment is None:
        raise NotStarted(organisation, cycle)
    assessment.organisation, assessment.cycle = organisation, cycle
    return assessment


def lock_for_edit(assessment: Assessment, by) -> Assessment:
    """Lock the assessment row for a change by `by` (inside a transaction); refuse unless allowed and in draft.

    Edits and the submit transition take the same row lock, so no edit can slip in after a submission.
    """
    assert transaction.get_connection().in_atomic_block, "lock_for_edit needs a transaction"
    access.require(by, access.EDIT, assessment.organisation)
    locked = Assessment.objects.select_for_update().select_related("organisation", "cycle").get(pk=assessment.pk)
    reason = closed_reason(locked)
    if reason:
        raise AssessmentLocked(reason)
    return locked


def may_edit(user, assessment: Assessment) -> bool:
    """Whether the page should offer its form (the services check again on save): a draft before the cycle's
    deadline or within the SHA's extension (`assurance.workflow.may_change`), to someone who may edit it."""
    return may_change(assessment) and access.may_edit(user, assessment.organisation, assessment.state)


def answer_page(
    request, *, assessment: Assessment, make_form, save, template: str, context: dict, done_url: str, parts=None
):
    """The page of one answer (a competency, a governance area): show its form, save it, or refuse the save.

    `make_form(data)` builds the bound (or, with None, the initial) form; `save(cleaned_data)` calls the service.
    A stale save re-shows the person's own text, with the saved version beside it, and takes the newer version
    number so that saving again is a deliberate choice. A save after submission or the cycle's deadline is refused
    with the reason above the form, which keeps what was typed. `parts()`, called only when the page is shown, gives
    what other apps add to it (`assurance.discovery.page_parts`).
    """
    status, stale, refused = 200, None, False
    if request.method == "POST":
        access.require(request.user, access.EDIT, assessment.organisation)
        form = make_form(request.POST)
        if form.is_valid():
            try:
                save(form.cleaned_data)
            except AssessmentLocked as locked:
                status, refused = 409, True  # said above the form, which keeps what was typed
                form.add_error(None, str(locked))
            except StaleEdit as error:
                stale, status = error.current, 409
                data = request.POST.copy()
                data["version"] = str(stale.version)
                form = make_form(data)
                form.is_valid()
                form.add_error(None, "Someone else saved this since you opened it: compare the two versions below")
            else:
                messages.success(request, "Your changes have been saved.")
                return redirect(done_url)
    else:
        form = make_form(None)
    editable = may_edit(request.user, assessment)
    latest = stale.history.select_related("history_user").first() if stale else None
    context = {**context, **(parts() if parts else {}), "assessment": assessment, "form": form, "editable": editable}
    context["stale"] = stale
    context["refused"] = refused
    context["stale_by"] = latest.history_user if latest else None
    return render(request, template, context, status=status)
