"""Pages of the outcomes app: priority outcomes, scorecard, data pack, methods and the indicator upload."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods

from assurance import access
from assurance.choices import OrgKind
from assurance.codes import ENGLAND_CODE
from assurance.csvfile import csv_response
from assurance.discovery import page_parts
from assurance.models import Assessment, Cycle, Organisation
from assurance.services import assessment_get_or_start
from assurance.workflow import cycle_closed, may_change

from . import charts, compare, joint_selectors, presenters, resultcache, selectors, services
from .forms import ChooseOutcomesForm, TrajectoryForm, UploadForm
from .models import ImportJob, Indicator, PriorityOutcome


def _task_list_url(user, organisation, cycle) -> str | None:
    """The PCT's task list for the cycle, when there is one to open (started, or the user's own PCT may start it)."""
    if cycle is None:
        return None
    started = Assessment.objects.filter(organisation=organisation, cycle=cycle).exists()
    if started or (access.may_start_assessment(user, organisation) and not cycle_closed(cycle)):
        return reverse("assessment", args=[cycle.code, organisation.code])
    return None


def _pct_and_cycle(request, code: str, cycle_code: str, action: str = access.VIEW):
    """The PCT (404 unseen, 403 not allowed) and the cycle named in the URL."""
    organisation = access.organisation_for(request.user, code, action)
    if organisation.kind != OrgKind.PCT:
        raise Http404("Scorecards and outcomes are for primary care trusts.")
    return organisation, get_object_or_404(Cycle, code=cycle_code)


@login_required
@require_http_methods(["GET", "POST"])
def priority_outcomes(request, code: str, cycle: str):
    """The PCT chooses its priority outcomes (at most the cycle's maximum, the required groups included)."""
    organisation, cycle = _pct_and_cycle(request, code, cycle)
    assessment = Assessment.objects.filter(organisation=organisation, cycle=cycle).first()
    editable = access.may_edit(request.user, organisation, assessment.state if assessment else None) and (
        not cycle_closed(cycle) if assessment is None else may_change(assessment)
    )
    options = presenters.outcome_options(organisation, cycle)
    form = ChooseOutcomesForm(request.POST or None, choices=[(o.code, o.name) for o in options["all"]])
    if request.method == "POST":
        access.require(request.user, access.EDIT, organisation)
        assessment = assessment or assessment_get_or_start(organisation=organisation, cycle=cycle)
        if form.is_valid():
            chosen = list(Indicator.objects.filter(code__in=form.cleaned_data["indicators"]))
            try:
                services.outcomes_choose(
                    assessment=assessment,
                    indicators=chosen,
                    by=request.user,
                    fingerprint=form.cleaned_data["fingerprint"],
                )
            except services.OutcomeRefused as refusal:
                form.add_error("indicators", str(refusal))
            else:
                messages.success(request, "Your priority outcomes have been saved.")
                return redirect("outcomes:priority_outcomes", code=organisation.code, cycle=cycle.code)
    chosen = (
        list(PriorityOutcome.objects.filter(assessment=assessment).select_related("indicator")) if assessment else []
    )
    selected = form.data.getlist("indicators") if form.is_bound else [o.indicator.code for o in chosen]
    context = {
        "organisation": organisation, "cycle": cycle, "assessment": assessment, "form": form, "editable": editable,
        "chosen": chosen, "selected": set(selected), "groups": options["groups"], "with_data": options["with_data"],
        "fingerprint": services.outcomes_fingerprint(assessment) if assessment else "",
        "plan_years": presenters.plan_years(cycle),
        "task_list_url": _task_list_url(request.user, organisation, cycle),
    }  # fmt: skip
    return render(request, "outcomes/priority_outcomes.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def outcome_edit(request, code: str, cycle: str, indicator: str):
    """The baseline and five-year trajectory of one chosen outcome."""
    organisation, cycle = _pct_and_cycle(request, code, cycle, access.EDIT)
    outcome = get_object_or_404(
        PriorityOutcome.objects.select_related("indicator", "assessment"),
        assessment__organisation=organisation, assessment__cycle=cycle, indicator__code=indicator,
    )  # fmt: skip
    years = presenters.plan_years(cycle)
    initial = {"baseline": outcome.baseline, "updated_at": f"{outcome.updated_at.timestamp():.6f}"}
    initial.update({f"year_{i}": v for i, v in enumerate(outcome.trajectory, start=1)})
    form = TrajectoryForm(request.POST or None, initial=initial, plan_years=years, unit=outcome.indicator.unit)
    if request.method == "POST" and form.is_valid():
        try:
            services.outcome_set_trajectory(
                outcome=outcome, baseline=form.cleaned_data["baseline"], trajectory=form.trajectory,
                by=request.user, updated_at=form.cleaned_data["updated_at"],
            )  # fmt: skip
        except services.OutcomeRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"Trajectory for {outcome.indicator.name} saved.")
            return redirect("outcomes:priority_outcomes", code=organisation.code, cycle=cycle.code)
    context = {"organisation": organisation, "cycle": cycle, "outcome": outcome, "form": form}
    return render(request, "outcomes/outcome_edit.html", context, status=400 if form.errors else 200)


@login_required
def scorecard(request, code: str, cycle: str):
    """Each chosen outcome against England and the upper quartile, with its trend and trajectory."""
    organisation, cycle = _pct_and_cycle(request, code, cycle)
    assessment = (
        Assessment.objects.filter(organisation=organisation, cycle=cycle).select_related("organisation").first()
    )
    rows = selectors.scorecard(assessment) if assessment else []
    years = presenters.plan_years(cycle)
    cards = [presenters.outcome_card(row, years) for row in rows]  # each card's chart is drawn in its template
    councils = joint_selectors.partner_councils_by_outcome(assessment) if assessment else {}
    context = {
        "organisation": organisation, "cycle": cycle, "cards": cards, "assessment": assessment,
        "sections": [{"card": card, "councils": councils.get(card["row"].outcome.pk, [])} for card in cards],
        "may_share": access.can(request.user, access.EDIT, organisation),  # the sharing page refuses once submitted
        "synthetic": any(card["row"].is_synthetic for card in cards),
        "task_list_url": _task_list_url(request.user, organisation, cycle),
        **page_parts("scorecard", user=request.user, assessment=assessment),  # panels: the agreed ratings' movement
    }  # fmt: skip
    return render(request, "outcomes/scorecard.html", context)


@login_required
def scorecard_csv(request, code: str, cycle: str):
    """The scorecard's numbers as CSV: one line per outcome and period."""
    organisation, cycle = _pct_and_cycle(request, code, cycle)
    assessment = Assessment.objects.filter(organisation=organisation, cycle=cycle).first()
    rows = selectors.scorecard(assessment) if assessment else []
    years = presenters.plan_years(cycle)
    lines = [line for row in rows for line in presenters.scorecard_csv_rows(row, years)]
    return csv_response(
        f"scorecard-{organisation.code}-{cycle.code}.csv", lines, header=presenters.SCORECARD_CSV_HEADER
    )


def _pack_cycle(request) -> Cycle:
    """The cycle a data pack is for: ?cycle= (a cycle's code), else the current cycle; 404 for an unknown one."""
    wanted = request.GET.get("cycle")
    cycle = Cycle.objects.filter(code=wanted).first() if wanted else Cycle.current()
    if cycle is None:
        raise Http404("No such cycle.")
    return cycle


@login_required
def data_pack(request, code: str):
    """Every indicator of one data-pack area for a PCT in a cycle's periods, as a spine chart and a table."""
    organisation = access.organisation_for(request.user, code)
    if organisation.kind != OrgKind.PCT:
        raise Http404("Data packs are for primary care trusts.")
    cycle = _pack_cycle(request)
    areas = selectors.data_pack_areas()
    area = request.GET.get("area") or (areas[0] if areas else "")
    if area not in areas:
        raise Http404("No such data-pack area.")
    rows = selectors.data_pack(organisation, area, cycle)
    context = {
        "organisation": organisation, "areas": areas, "area": area, "rows": presenters.pack_rows(rows),
        "cycle": cycle, "cycles": list(Cycle.objects.values_list("code", flat=True)),
        "chart": charts.spine_figure(rows), "synthetic": any(r.result and r.result.is_synthetic for r in rows),
        "task_list_url": _task_list_url(request.user, organisation, cycle),
    }  # fmt: skip
    return render(request, "outcomes/data_pack.html", context)


@login_required
def data_pack_csv(request, code: str):
    """The data pack's numbers as CSV."""
    organisation = access.organisation_for(request.user, code)
    if organisation.kind != OrgKind.PCT:
        raise Http404("Data packs are for primary care trusts.")
    cycle = _pack_cycle(request)
    area = request.GET.get("area", "")
    if area not in selectors.data_pack_areas():
        raise Http404("No such data-pack area.")
    rows = presenters.pack_csv_rows(selectors.data_pack(organisation, area, cycle))
    return csv_response(f"data-pack-{organisation.code}-{cycle.code}.csv", rows, header=presenters.PACK_CSV_HEADER)


def methods(request):
    """How every figure on the scorecard and data pack is computed."""
    return render(request, "outcomes/methods.html")


def _manage_data(request):
    return access.organisation_for(request.user, ENGLAND_CODE, access.MANAGE_DATA)


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request):
    """A DH analyst uploads a file of indicator values; a worker imports it."""
    _manage_data(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = services.import_job_start(user=request.user, upload=form.cleaned_data["file"])
        return redirect("outcomes:import_status", pk=job.pk)
    jobs = ImportJob.objects.only("pk", "file_name", "created_at", "status")[:10]  # never the problems: 1000s
    return render(
        request, "outcomes/import_upload.html", {"form": form, "jobs": jobs}, status=400 if form.errors else 200
    )


@login_required
def import_status(request, pk: int):
    """The progress of an import (the page refreshes itself) and, when done, its counts or every problem."""
    _manage_data(request)
    job = get_object_or_404(ImportJob.objects.defer("content"), pk=pk)
    return render(request, "outcomes/import_status.html", {"job": job})


@login_required
def import_progress(request, pk: int):
    """The progress of an import as JSON, for the progress bar's script."""
    _manage_data(request)
    job = get_object_or_404(ImportJob.objects.defer("content"), pk=pk)
    return JsonResponse(
        {"status": job.status, "progress": job.progress, "finished": job.is_finished,
         "url": reverse("outcomes:import_status", kwargs={"pk": job.pk})}
    )  # fmt: skip


def _indicator_reader(request):
    """Indicator values and comparisons are open to every signed-in user (assurance.access)."""
    access.require_indicator_reader(request.user)


def _compare_scope(request, cycle: str, indicator: str):
    """The cycle, indicator and scope (?sha=, else England) of compare areas; 404 for an unknown one."""
    _indicator_reader(request)
    cycle = get_object_or_404(Cycle, code=cycle)
    indicator = get_object_or_404(Indicator, code=indicator)
    sha_code = request.GET.get("sha", "")
    sha = get_object_or_404(Organisation, kind=OrgKind.SHA, code=sha_code) if sha_code else None
    return cycle, indicator, sha


def _comparison(request, cycle, indicator, sha):
    """The stored comparison for ?period= (else the latest), its rows in value order, and the error of a period the
    cycle does not have (then the latest is shown beside it)."""
    period = request.GET.get("period") or None
    comparison = selectors.compare_areas(indicator, cycle, period, sha)
    error = ""
    if period is not None and comparison.benchmark is None:
        error = f"There are no values of {indicator.name} for the period {period} in the {cycle.code} cycle"
        if not comparison.periods:
            raise Http404(error)
        comparison = selectors.compare_areas(indicator, cycle, None, sha)  # the latest, with the error beside it
        error += f": showing {comparison.period}, the latest. Choose one of its periods."
    rows = presenters.compare_rows(comparison, request.GET.get("pct", ""))
    return comparison, rows, error


def _definition(indicator) -> tuple:
    """What of an indicator a cached body shows: a change in the admin gives the body a new key."""
    return tuple(sorted((k, v) for k, v in vars(indicator).items() if not k.startswith("_")))


def _compare_body(request, cycle, indicator, sha) -> dict:
    """Compare areas' body, rendered from the stored results (or found rendered for their current version)."""
    params = [request.GET.get(name, "") for name in ("period", "pct")]
    cache_key = resultcache.key("compare", cycle.code, _definition(indicator), sha.code if sha else "", *params)
    found = resultcache.get(cache_key)
    if found is not None:
        return found
    comparison, rows, error = _comparison(request, cycle, indicator, sha)
    bench = comparison.benchmark
    funnel = None
    if indicator.has_funnel and bench is not None:
        funnel = compare.funnel(
            indicator.value_type, bench.national_average, indicator.multiplier, [r["denominator"] for r in rows]
        )
    query = {"sha": sha.code if sha else "", "period": comparison.period or ""}
    context = {
        "cycle": cycle, "comparison": comparison, "indicator": indicator, "benchmark": bench, "rows": rows,
        "chart": charts.compare_figure(comparison, rows) if rows else None,
        "funnel_chart": charts.funnel_figure(comparison, rows, funnel) if funnel else None, "funnel": funnel,
        "indicators": Indicator.objects.for_org_type(OrgKind.PCT).order_by("name").only("code", "name"),
        "shas": Organisation.objects.filter(kind=OrgKind.SHA).order_by("name").only("code", "name"),
        "highlight": request.GET.get("pct", ""), "csv_query": urlencode({k: v for k, v in query.items() if v}),
        "synthetic": any(r["synthetic"] for r in rows), "period_error": error,
    }  # fmt: skip
    scope = f"PCTs in {sha.name}" if sha else "all PCTs in England"
    found = {
        "body": render_to_string("outcomes/_compare_body.html", context),
        "page_title": f"Compare areas: {indicator.name} {comparison.period or ''}, {scope}",
        "charts": bool(rows),
        "status": 404 if error else 200,
    }
    pct = request.GET.get("pct", "")
    if not error and (not pct or any(r["code"] == pct for r in rows)):  # typed-in addresses add no cache entries
        resultcache.put(cache_key, found)
    return found


@login_required
def compare_areas(request, cycle: str, indicator: str):
    """One indicator in one period for the PCTs of an SHA or of England: bars in value order coloured by the
    comparison with England, a funnel plot for proportions and crude rates, and the table. No ranks."""
    chosen = request.GET.get("indicator")
    if chosen and chosen != indicator:  # the form's indicator select: its own page (its periods differ)
        _indicator_reader(request)
        target = get_object_or_404(Indicator, code=chosen)
        kept = {k: request.GET[k] for k in ("sha", "pct") if request.GET.get(k)}
        url = reverse("outcomes:compare", kwargs={"cycle": cycle, "indicator": target.code})
        return redirect(f"{url}?{urlencode(kept)}" if kept else url)
    cycle, indicator, sha = _compare_scope(request, cycle, indicator)
    found = _compare_body(request, cycle, indicator, sha)
    context = {"body": mark_safe(found["body"]), "page_title": found["page_title"], "charts": found["charts"]}
    return render(request, "outcomes/compare.html", context, status=found["status"])


@login_required
def compare_index(request, cycle: str):
    """Compare areas: choose an indicator (grouped by data-pack area), for the PCTs of an SHA (?sha=) or England."""
    _indicator_reader(request)
    cycle = get_object_or_404(Cycle, code=cycle)
    sha_code = request.GET.get("sha", "")
    sha = get_object_or_404(Organisation, kind=OrgKind.SHA, code=sha_code) if sha_code else None
    groups: dict[str, list] = {}
    for indicator in Indicator.objects.for_org_type(OrgKind.PCT).order_by("data_pack_area", "name"):
        groups.setdefault(indicator.data_pack_area, []).append(indicator)
    context = {"cycle": cycle, "sha": sha, "groups": groups, "query": f"?sha={sha.code}" if sha else ""}
    return render(request, "outcomes/compare_index.html", context)


@login_required
def compare_areas_csv(request, cycle: str, indicator: str):
    """Compare areas as CSV, in the page's order."""
    cycle, indicator, sha = _compare_scope(request, cycle, indicator)
    comparison, rows, error = _comparison(request, cycle, indicator, sha)
    if error:
        raise Http404(error)
    scope = sha.code if sha else "England"
    name = f"compare-{indicator.code}-{comparison.period or 'none'}-{scope}-{cycle.code}.csv"
    return csv_response(name, presenters.compare_csv_rows(comparison, rows), header=presenters.COMPARE_CSV_HEADER)


@login_required
def sha_overview(request, cycle: str, code: str):
    """Every PCT indicator (rows, by data-pack area) for each of an SHA's PCTs (columns) at its latest period in the
    cycle, each cell coloured and worded by the comparison with England; ?pct= marks a PCT's own column."""
    _indicator_reader(request)
    chosen = request.GET.get("sha")
    if chosen and chosen != code:  # the form's SHA select
        target = get_object_or_404(Organisation, kind=OrgKind.SHA, code=chosen)
        return redirect("outcomes:overview", cycle=cycle, code=target.code)
    cycle = get_object_or_404(Cycle, code=cycle)
    sha = get_object_or_404(Organisation, kind=OrgKind.SHA, code=code)
    highlight = request.GET.get("pct", "")
    definitions = list(Indicator.objects.for_org_type(OrgKind.PCT).values_list())  # an admin edit: a new key
    cache_key = resultcache.key("overview", cycle.code, sha.code, sha.name, highlight, definitions)
    found = resultcache.get(cache_key)
    if found is None:
        pcts, groups = selectors.sha_overview(sha, cycle)
        shaped = presenters.overview_groups(groups, pcts)
        context = {
            "cycle": cycle, "sha": sha, "pcts": pcts, "groups": shaped, "highlight": highlight,
            "shas": Organisation.objects.filter(kind=OrgKind.SHA).order_by("name").only("code", "name"),
            "synthetic": any(line["synthetic"] for group in shaped for line in group["lines"]),
        }  # fmt: skip
        found = render_to_string("outcomes/_overview_body.html", context)
        if not highlight or any(p.code == highlight for p in pcts):  # typed-in addresses add no cache entries
            resultcache.put(cache_key, found)
    context = {"body": mark_safe(found), "page_title": f"Overview: PCTs in {sha.name} {cycle.code}"}
    return render(request, "outcomes/overview.html", context)


@login_required
def indicator_definition(request, code: str):
    """What an indicator means: definition, numerator, denominator, unit, value type, polarity, intervals, source."""
    _indicator_reader(request)
    indicator = get_object_or_404(Indicator, code=code)
    return render(request, "outcomes/indicator.html", {"indicator": indicator, "cycle": Cycle.current()})
