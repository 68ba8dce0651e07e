"""Partnership pages: a council area's PCTs and joint items, its CSV, DH's import of partnerships, and the PCT's
pages that make items joint (outcomes, pooled budgets, the joint needs assessment)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from assurance import access
from assurance.choices import OrgKind
from assurance.codes import ENGLAND_CODE
from assurance.csvfile import csv_response
from assurance.models import Cycle
from assurance.workflow import is_editable
from competencies import jsna
from competencies.models import JointNeedsAssessment
from outcomes import joint_services
from outcomes.models import Indicator, JointOutcome, PriorityOutcome

from . import selectors
from .forms import CommentForm, JointNeedsAssessmentForm, JointOutcomeForm, PartnershipImportForm, PooledBudgetForm
from .services import partnerships_import


@login_required
def council(request, ons_code: str):
    """A council area's partnership page (printable)."""
    view = selectors.partnership_view(request.user, access.council_for(request.user, ons_code))
    context = {**view, "produced": timezone.now(), "comment_form": CommentForm()}
    return render(request, "partnerships/council.html", context)


@login_required
def council_csv(request, ons_code: str):
    """The partnership page's tables as one CSV file."""
    view = selectors.partnership_view(request.user, access.council_for(request.user, ons_code))
    return csv_response(f"partnerships-{ons_code}.csv", selectors.csv_rows(view))


@login_required
@require_POST
def comment(request, ons_code: str, pk: int):
    """A council partner comments on one of its council's joint outcomes."""
    council_org = access.council_for(request.user, ons_code)
    pcts = access.partner_pcts(request.user, council_org)
    joint = get_object_or_404(JointOutcome, pk=pk, council=council_org, outcome__assessment__organisation__in=pcts)
    access.require(request.user, access.COMMENT_JOINT, council_org)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            joint_services.joint_comment_add(joint=joint, text=form.cleaned_data["text"], by=request.user)
        except joint_services.JointRefused as refusal:
            form.add_error("text", str(refusal))
        else:
            messages.success(request, "Your comment has been added.")
            return redirect(
                reverse("partnerships:council", kwargs={"ons_code": ons_code}) + f"#joint-outcome-{joint.pk}"
            )
    view = selectors.partnership_view(request.user, council_org)
    context = {**view, "produced": timezone.now(), "comment_form": form, "comment_for": joint.pk}
    return render(request, "partnerships/council.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def joint_outcome(request, code: str, cycle: str, indicator: str):
    """A PCT chooses the partner councils it shares a priority outcome with."""
    pct = access.organisation_for(request.user, code, access.EDIT)
    outcome = get_object_or_404(
        PriorityOutcome.objects.select_related("indicator", "assessment__cycle"),
        assessment__organisation=pct, assessment__cycle__code=cycle, indicator__code=indicator,
    )  # fmt: skip
    councils = joint_services.partner_councils(pct)
    initial = {"councils": [j.council_id for j in outcome.joint_with.all()]}
    form = JointOutcomeForm(request.POST or None, councils=councils, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            joint_services.joint_outcome_set(
                outcome=outcome, councils=list(form.cleaned_data["councils"]), by=request.user
            )
        except joint_services.JointRefused as refusal:
            form.add_error("councils", str(refusal))
        else:
            messages.success(request, f"{outcome.indicator.name}: partner councils saved.")
            return redirect("outcomes:scorecard", code=pct.code, cycle=cycle)
    context = {"organisation": pct, "outcome": outcome, "form": form, "editable": is_editable(outcome.assessment.state)}
    return render(request, "partnerships/joint_outcome.html", context, status=400 if form.errors else 200)


def _plan_years(cycle: Cycle | None) -> list[str]:
    """The financial years a pooled budget form asks about: the current cycle's and the next two."""
    start = int(cycle.code[:4]) if cycle else timezone.now().year
    return [f"{y}-{(y + 1) % 100:02d}" for y in range(start, start + 3)]


@login_required
@require_http_methods(["GET", "POST"])
def pooled_budget_new(request, code: str):
    """A PCT records a pooled budget with one or more of its partner councils."""
    pct = access.organisation_for(request.user, code, access.EDIT)
    if pct.kind != OrgKind.PCT:
        raise Http404("Pooled budgets are recorded by primary care trusts.")
    councils = joint_services.partner_councils(pct)
    form = PooledBudgetForm(
        request.POST or None, pct=pct, councils=councils, indicators=Indicator.objects.order_by("name"),
        years=_plan_years(Cycle.current()),
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            joint_services.pooled_budget_create(
                pct=pct, name=data["name"], legal_basis=data["legal_basis"], services=data["services"],
                councils=list(data["councils"]), outcomes=list(data["outcomes"]),
                contributions=form.contributions(), by=request.user,
            )  # fmt: skip
        except joint_services.JointRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"Pooled budget '{data['name']}' recorded.")
            return redirect("partnerships:council", ons_code=data["councils"][0].code)
    context = {"organisation": pct, "form": form}
    return render(request, "partnerships/pooled_budget_new.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def needs_assessment(request, code: str):
    """The PCT's joint strategic needs assessment: read by its users, recorded by its editors."""
    pct = access.organisation_for(request.user, code)
    if pct.kind != OrgKind.PCT:
        raise Http404("Joint needs assessments are recorded by primary care trusts.")
    current = jsna.latest_for_pct(pct)
    editable = access.can(request.user, access.EDIT, pct)
    initial = {"version": jsna.version_of(current)}
    if current:
        initial.update(
            title=current.title, assessment_date=current.assessment_date, document=current.document_id,
            needs="\n".join(current.needs), councils=list(current.councils.values_list("pk", flat=True)),
        )  # fmt: skip
    form = JointNeedsAssessmentForm(
        request.POST or None, initial=initial, councils=joint_services.partner_councils(pct),
        documents=jsna.documents_of(pct),
    )  # fmt: skip
    if request.method == "POST":
        access.require(request.user, access.EDIT, pct)
        if form.is_valid():
            data = form.cleaned_data
            try:
                jsna.jsna_save(
                    pct=pct, title=data["title"], assessment_date=data["assessment_date"],
                    councils=list(data["councils"]), document=data["document"], needs=data["needs"],
                    version=data["version"], by=request.user,
                )  # fmt: skip
            except jsna.JointNeedsRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                messages.success(request, "The joint needs assessment has been saved.")
                return redirect("partnerships:needs_assessment", code=pct.code)
    partners = joint_services.partner_councils(pct)
    context = {"organisation": pct, "current": current, "form": form, "editable": editable, "partners": partners}
    return render(request, "partnerships/needs_assessment.html", context, status=400 if form.errors else 200)


@login_required
def needs_assessment_document(request, pk: int):
    """Send a JSNA's document to anyone who may read the JSNA: its PCT's users and its partner councils'."""
    found = get_object_or_404(JointNeedsAssessment.objects.select_related("pct", "document"), pk=pk)
    readable = access.can(request.user, access.VIEW, found.pct) or any(
        access.partner_pcts(request.user, c).filter(pk=found.pct_id).exists() for c in found.councils.all()
    )
    if not readable or found.document is None:
        raise Http404("No such document.")
    document = found.document
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404("The stored file is missing.") from None
    return FileResponse(handle, as_attachment=True, filename=document.original_name, content_type=document.content_type)


@login_required
@require_http_methods(["GET", "POST"])
def import_file(request):
    """DH uploads a partnerships CSV; a bad file is refused whole with every problem listed."""
    england = access.organisation_for(request.user, ENGLAND_CODE, access.MANAGE_DATA)
    form = PartnershipImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = partnerships_import(file_bytes=form.cleaned_data["file"].read())
        if not result.errors:
            messages.success(request, f"Partnerships imported: {result}.")
            return redirect("partnerships:import")
    context = {"form": form, "result": result, "england": england}
    return render(request, "partnerships/import.html", context, status=400 if result else 200)
