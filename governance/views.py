"""Pages of the governance app: the PCT's red/amber/green self-declarations."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from assurance.assessments import answer_page, assessment_for_user, may_edit
from assurance.discovery import page_parts

from . import selectors, services
from .checklist import status_of
from .choices import RAG_CLASS
from .forms import DeclarationForm
from .models import GovernanceArea


@login_required
def index(request, cycle: str, code: str):
    """Every governance area of the cycle with the PCT's rating and status."""
    assessment = assessment_for_user(request.user, cycle, code)
    rows = selectors.area_rows(assessment)
    for entry in rows:
        entry["rag_class"] = RAG_CLASS.get(entry["row"].rag, "") if entry["row"] else ""
        entry["status"] = status_of(entry["row"])
    context = {
        "assessment": assessment,
        "rows": rows,
        "editable": may_edit(request.user, assessment),
        "has_items": any(not entry["area"].is_area for entry in rows),
    }
    return render(request, "governance/index.html", context)


@login_required
def area(request, cycle: str, code: str, area_id: int):
    """One governance area: the PCT's rating, commentary and linked evidence."""
    assessment = assessment_for_user(request.user, cycle, code)
    try:
        page = selectors.area_page(assessment, area_id)
    except GovernanceArea.DoesNotExist:
        raise Http404("No such governance area in this cycle.") from None
    row = page["row"]
    initial = {
        "version": row.version,
        "rag": row.rag,
        "commentary": row.commentary,
        "completed": row.completed,
        "evidence": page["linked"],
    }

    def make_form(data):
        return DeclarationForm(data, initial=None if data else initial, assessment=assessment)

    def save(data):
        services.declaration_save(
            assessment=assessment,
            area=page["area"],
            by=request.user,
            version=data["version"],
            rag=data["rag"],
            commentary=data["commentary"],
            completed=data["completed"],
            evidence=data["evidence"],
        )

    page["rag_class"] = RAG_CLASS.get(row.rag, "")
    return answer_page(
        request,
        assessment=assessment,
        make_form=make_form,
        save=save,
        template="governance/area.html",
        context=page,
        parts=lambda: page_parts("governance_area", user=request.user, assessment=assessment, area=page["area"]),
        done_url=reverse("governance:index", args=[assessment.cycle.code, assessment.organisation.code]),
    )
