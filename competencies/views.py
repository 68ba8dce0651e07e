"""Pages of the competencies app: a competency's self-assessment, and the PCT's evidence."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from assurance import access
from assurance.assessments import AssessmentLocked, answer_page, assessment_for_user, may_edit
from assurance.discovery import page_parts
from evidence.models import Evidence

from . import selectors, services
from .forms import CompetencyForm, EvidenceForm
from .models import Competency


def task_list_url(assessment) -> str:
    return reverse("assessment", args=[assessment.cycle.code, assessment.organisation.code])


@login_required
def competency(request, cycle: str, code: str, number: int):
    """A competency: its description and level descriptors, the previous cycle's level, and the PCT's answer."""
    assessment = assessment_for_user(request.user, cycle, code)
    try:
        page = selectors.competency_page(assessment, number)
    except Competency.DoesNotExist:
        raise Http404("No such competency in this cycle.") from None
    row = page["row"]
    initial = {
        "version": row.version,
        "level": row.level,
        "narrative": row.narrative,
        "completed": row.completed,
        "evidence": page["linked"],
    }

    def make_form(data):
        return CompetencyForm(data, initial=None if data else initial, assessment=assessment)

    def save(data):
        services.competency_save(
            assessment=assessment,
            competency=page["competency"],
            by=request.user,
            version=data["version"],
            level=data["level"],
            narrative=data["narrative"],
            completed=data["completed"],
            evidence=data["evidence"],
        )

    return answer_page(
        request,
        assessment=assessment,
        make_form=make_form,
        save=save,
        template="competencies/competency.html",
        context=page,
        parts=lambda: page_parts("competency", user=request.user, assessment=assessment, competency=page["competency"]),
        done_url=task_list_url(assessment),
    )


@login_required
def evidence(request, cycle: str, code: str):
    """The PCT's evidence documents, and the upload form while the self-assessment is a draft."""
    assessment = assessment_for_user(request.user, cycle, code)
    form = EvidenceForm(assessment=assessment)
    if request.method == "POST":
        access.require(request.user, access.EDIT, assessment.organisation)
        form = EvidenceForm(request.POST, request.FILES, assessment=assessment)
        if form.is_valid():
            try:
                document = services.evidence_upload(
                    assessment=assessment,
                    by=request.user,
                    title=form.cleaned_data["title"],
                    upload=form.cleaned_data["file"],
                    document_date=form.cleaned_data["document_date"],
                    competencies=form.cleaned_data["competencies"],
                    governance_areas=form.cleaned_data["governance_areas"],
                )
            except AssessmentLocked as locked:
                form.add_error(None, str(locked))  # the form keeps the title, date and links given
            else:
                messages.success(request, f"{document.title} has been uploaded.")
                return redirect(request.path)
    context = {
        "assessment": assessment,
        "documents": selectors.evidence_list(assessment),
        "form": form,
        "editable": may_edit(request.user, assessment),
    }
    return render(request, "competencies/evidence.html", context, status=409 if form.non_field_errors() else 200)


def _visible_document(user, pk: int) -> Evidence:
    """An evidence document whose PCT the user may view (404 for anyone else, as for a document that does not exist)."""
    documents = Evidence.objects.select_related("assessment__organisation", "assessment__cycle")
    document = get_object_or_404(documents, pk=pk)
    if not access.can(user, access.VIEW, document.assessment.organisation):
        raise Http404("No such document.")
    return document


@login_required
def evidence_remove(request, pk: int):
    """Ask, then remove an evidence document from the PCT's draft self-assessment (403 to those who may not edit)."""
    document = _visible_document(request.user, pk)
    assessment = document.assessment
    access.require(request.user, access.EDIT, assessment.organisation)
    back = reverse("competencies:evidence", args=[assessment.cycle.code, assessment.organisation.code])
    if request.method == "POST":
        try:
            removed = services.evidence_remove(document=document, by=request.user)
        except AssessmentLocked as locked:
            messages.error(request, str(locked))
        else:
            messages.success(request, f"{document.title} has been removed." if removed else "It was already removed.")
        return redirect(back)
    if not may_edit(request.user, assessment):
        messages.error(request, "The self-assessment is no longer a draft, so its evidence can no longer be removed.")
        return redirect(back)
    context = {"assessment": assessment, "document": document, "back": back} | selectors.document_uses(document)
    return render(request, "competencies/evidence_remove.html", context)


@login_required
def evidence_download(request, pk: int):
    """Send an evidence document to someone who may view its PCT's assessment (404 to anyone else)."""
    document = _visible_document(request.user, pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404("The stored file is missing.") from None
    return FileResponse(handle, as_attachment=True, filename=document.original_name, content_type=document.content_type)
