"""Reads of the outcomes app. Pages and the API read stored results here and compute nothing."""

from dataclasses import dataclass, field

import pandas as pd
from django.db.models import Count, Exists, OuterRef, Q

from assurance.choices import OrgKind

from .models import Benchmark, Indicator, IndicatorValue, OrganisationBenchmark, PriorityOutcome

VALUE_COLUMNS = [
    "indicator_code", "org_code", "org_type", "period", "value", "numerator", "denominator", "lower_ci",
    "upper_ci", "is_synthetic",
]  # fmt: skip


def values_frame(*, cycle=None, indicator_ids: list[int] | None = None) -> pd.DataFrame:
    """Every stored indicator value (of the cycle's periods, of these indicators, if given) as a DataFrame, in one
    query."""
    queryset = IndicatorValue.objects.all() if cycle is None else IndicatorValue.objects.for_cycle(cycle)
    if indicator_ids is not None:
        queryset = queryset.filter(indicator_id__in=indicator_ids)
    rows = queryset.values_list(
        "indicator__code", "organisation__code", "organisation__kind", "period", "value", "numerator",
        "denominator", "lower_ci", "upper_ci", "is_synthetic",
    )  # fmt: skip
    return pd.DataFrame.from_records(list(rows), columns=VALUE_COLUMNS)


def indicators_frame() -> pd.DataFrame:
    """Code, polarity and unit of every indicator."""
    return pd.DataFrame.from_records(
        list(Indicator.objects.values_list("code", "polarity", "unit")), columns=["code", "polarity", "unit"]
    )


def indicators_with_data(organisation, cycle) -> "list[Indicator]":
    """Indicators with at least one value for the organisation in the cycle's periods (the only ones it may choose)."""
    has_value = IndicatorValue.objects.for_cycle(cycle).filter(indicator=OuterRef("pk"), organisation=organisation)
    return list(Indicator.objects.filter(Exists(has_value)))


@dataclass
class OutcomeRow:
    """One chosen outcome on a scorecard: its series of stored results, benchmarks and trajectory."""

    outcome: PriorityOutcome
    series: list = field(default_factory=list)  # OrganisationBenchmark by period
    benchmarks: dict = field(default_factory=dict)  # period -> Benchmark

    @property
    def indicator(self) -> Indicator:
        return self.outcome.indicator

    @property
    def latest(self) -> OrganisationBenchmark | None:
        return self.series[-1] if self.series else None

    @property
    def latest_benchmark(self) -> Benchmark | None:
        return self.benchmarks.get(self.latest.period) if self.latest else None

    @property
    def is_synthetic(self) -> bool:
        return any(point.is_synthetic for point in self.series)


def scorecard(assessment) -> list[OutcomeRow]:
    """The chosen outcomes of an assessment with their stored results in the periods of its cycle (DESIGN.md
    section 5, cycle bounding): three queries whatever the size."""
    outcomes = list(PriorityOutcome.objects.filter(assessment=assessment).select_related("indicator"))
    for outcome in outcomes:
        outcome.assessment = assessment  # already loaded: no query per outcome for its organisation
    rows = {o.indicator_id: OutcomeRow(outcome=o) for o in outcomes}
    cycle = assessment.cycle
    points = (
        OrganisationBenchmark.objects.for_cycle(cycle)
        .filter(organisation_id=assessment.organisation_id, indicator_id__in=rows)
        .order_by("indicator_id", "period_start_year")
    )
    for point in points:
        rows[point.indicator_id].series.append(point)
    for bench in Benchmark.objects.for_cycle(cycle).filter(indicator_id__in=rows, org_type=OrgKind.PCT):
        rows[bench.indicator_id].benchmarks[bench.period] = bench
    # The nationally required outcomes first, then the local ones, each alphabetically.
    return sorted(
        rows.values(), key=lambda r: (not r.indicator.outcome_group, r.indicator.outcome_group, r.indicator.name)
    )


@dataclass
class PackRow:
    """One indicator of a data pack: the PCT's latest stored result and that period's benchmark."""

    indicator: Indicator
    result: OrganisationBenchmark | None
    benchmark: Benchmark | None
    lowest: float | None = None  # range of PCT values in that period, for the spine chart
    highest: float | None = None


def data_pack(organisation, area: str, cycle) -> list[PackRow]:
    """Every indicator of one data-pack area with the PCT's latest result in the cycle's periods (DESIGN.md
    section 5, cycle bounding): four queries whatever the size."""
    indicators = list(Indicator.objects.filter(data_pack_area=area).order_by("name"))
    latest = {}
    results = OrganisationBenchmark.objects.for_cycle(cycle).filter(organisation=organisation, indicator__in=indicators)
    for result in results.order_by("indicator_id", "period_start_year"):
        latest[result.indicator_id] = result
    wanted = {(r.indicator_id, r.period) for r in latest.values()}
    benchmarks = {
        (b.indicator_id, b.period): b
        for b in Benchmark.objects.for_cycle(cycle).filter(indicator__in=indicators, org_type=OrgKind.PCT)
        if (b.indicator_id, b.period) in wanted
    }
    ranges = _ranges(wanted)
    rows = []
    for indicator in indicators:
        result = latest.get(indicator.pk)
        key = (indicator.pk, result.period) if result else None
        low, high = ranges.get(key, (None, None)) if key else (None, None)
        rows.append(PackRow(indicator, result, benchmarks.get(key) if key else None, low, high))
    return rows


def _ranges(keys: set[tuple[int, str]]) -> dict:
    """Lowest and highest PCT value per (indicator, period), in one grouped query."""
    from django.db.models import Max, Min

    if not keys:
        return {}
    found = (
        OrganisationBenchmark.objects.filter(
            org_type=OrgKind.PCT, indicator_id__in={k[0] for k in keys}, period__in={k[1] for k in keys}
        )
        .values("indicator_id", "period")
        .annotate(low=Min("value"), high=Max("value"))
    )
    return {(r["indicator_id"], r["period"]): (r["low"], r["high"]) for r in found}


def data_pack_areas() -> list[str]:
    """The data-pack areas, alphabetically."""
    return list(Indicator.objects.order_by("data_pack_area").values_list("data_pack_area", flat=True).distinct())


def benchmark_table(indicator: Indicator, period: str, org_type: str):
    """The stored benchmark and organisation rows of one indicator, period and organisation type."""
    bench = Benchmark.objects.filter(indicator=indicator, period=period, org_type=org_type).first()
    rows = (
        OrganisationBenchmark.objects.filter(indicator=indicator, period=period, org_type=org_type)
        .select_related("organisation")
        .order_by("organisation__code")
    )
    return bench, rows


def latest_period(indicator: Indicator, org_type: str) -> str | None:
    """The most recent period with a stored benchmark."""
    bench = Benchmark.objects.filter(indicator=indicator, org_type=org_type).order_by("-period_start_year").first()
    return bench.period if bench else None


# Compare areas and the SHA overview (docs/outcomes.md, "Compare areas"): stored results only, bounded to the cycle.


@dataclass
class CompareArea:
    """One PCT's stored result for the compared indicator and period, with the counts it was worked out from."""

    result: OrganisationBenchmark
    numerator: float | None = None
    denominator: float | None = None

    @property
    def organisation(self):
        return self.result.organisation

    @property
    def value(self):
        return self.result.value


@dataclass
class AreaComparison:
    """One indicator and period over the PCTs of one SHA or of England, as compare areas shows it."""

    indicator: Indicator
    period: str | None
    periods: list
    benchmark: Benchmark | None
    areas: list  # CompareArea, in organisation-code order
    sha: object | None = None
    sha_value: float | None = None  # the data's SHA value, else its PCTs' counts aggregated
    sha_value_source: str | None = None  # "data" or "aggregate"


def comparison_periods(indicator: Indicator, cycle) -> list[str]:
    """The periods of the cycle with stored PCT benchmarks of the indicator, earliest first."""
    rows = (
        Benchmark.objects.for_cycle(cycle)
        .filter(indicator=indicator, org_type=OrgKind.PCT)
        .order_by("period_start_year", "period")
        .values_list("period", flat=True)
    )
    return list(rows)


def compare_areas(indicator: Indicator, cycle, period: str | None, sha=None) -> AreaComparison:
    """Every PCT's stored result (of one SHA, or of England) for the indicator in one period of the cycle (the latest
    when `period` is None), England's benchmark and, for an SHA, its own value: four queries whatever the size."""
    from . import compare

    periods = comparison_periods(indicator, cycle)
    period = period or (periods[-1] if periods else None)
    if period is None or period not in periods:
        return AreaComparison(indicator, None if period is None else period, periods, None, [], sha)
    benchmark = Benchmark.objects.for_cycle(cycle).filter(indicator=indicator, period=period, org_type=OrgKind.PCT)
    results = (
        OrganisationBenchmark.objects.for_cycle(cycle)
        .filter(indicator=indicator, period=period, org_type=OrgKind.PCT)
        .select_related("organisation")
        .order_by("organisation__code")
    )
    values = IndicatorValue.objects.for_cycle(cycle).filter(indicator=indicator, period=period)
    if sha is not None:
        results = results.filter(organisation__parent=sha)
        values = values.filter(Q(organisation__parent=sha) | Q(organisation=sha))
    else:
        values = values.filter(organisation__kind=OrgKind.PCT)
    counts = {org: (num, den, value) for org, num, den, value in values.values_list(
        "organisation_id", "numerator", "denominator", "value")}  # fmt: skip
    areas = [CompareArea(r, *counts.get(r.organisation_id, (None, None, None))[:2]) for r in results]
    comparison = AreaComparison(indicator, period, periods, benchmark.first(), areas, sha)
    if sha is not None:
        if sha.pk in counts:
            comparison.sha_value, comparison.sha_value_source = counts[sha.pk][2], "data"
        else:
            pairs = [(a.numerator, a.denominator) for a in areas]
            comparison.sha_value = compare.aggregate_value(pairs, indicator.multiplier)
            comparison.sha_value_source = "aggregate" if comparison.sha_value is not None else None
    return comparison


@dataclass(frozen=True)
class OverviewCell:
    """One PCT's stored result in the overview: only what the grid shows."""

    value: float | None
    comparison: str
    is_synthetic: bool


@dataclass
class OverviewRow:
    """One indicator of the SHA overview: its latest period in the cycle, England's value, each PCT's result."""

    indicator: Indicator
    benchmark: Benchmark | None
    cells: list  # OverviewCell or None, one per PCT in column order


def sha_overview(sha, cycle) -> tuple[list, dict[str, list[OverviewRow]]]:
    """The SHA's PCTs (columns, by name) and every PCT indicator (rows grouped by data-pack area) at its latest period
    in the cycle, each cell the PCT's stored result: four queries whatever the size."""
    pcts = list(sha.children.filter(kind=OrgKind.PCT).order_by("name").only("code", "name", "kind", "parent_id"))
    indicators = list(Indicator.objects.for_org_type(OrgKind.PCT).order_by("data_pack_area", "name"))
    latest: dict[int, Benchmark] = {}
    benchmarks = Benchmark.objects.for_cycle(cycle).filter(org_type=OrgKind.PCT).order_by("period_start_year", "period")
    for bench in benchmarks.only("indicator_id", "period", "national_average", "national_source"):
        latest[bench.indicator_id] = bench
    found = {}
    if pcts and latest:
        results = OrganisationBenchmark.objects.for_cycle(cycle).filter(
            organisation__in=pcts, period__in={b.period for b in latest.values()}, org_type=OrgKind.PCT
        )
        fields = ("indicator_id", "organisation_id", "period", "value", "comparison", "is_synthetic")
        for indicator_id, organisation_id, period, value, comparison, synthetic in results.values_list(*fields):
            bench = latest.get(indicator_id)
            if bench is not None and bench.period == period:
                found[(indicator_id, organisation_id)] = OverviewCell(value, comparison, synthetic)
    groups: dict[str, list[OverviewRow]] = {}
    for indicator in indicators:
        cells = [found.get((indicator.pk, pct.pk)) for pct in pcts]
        groups.setdefault(indicator.data_pack_area, []).append(OverviewRow(indicator, latest.get(indicator.pk), cells))
    return pcts, groups


def indicator_value_counts(*, cycle=None) -> dict[int, int]:
    """How many values each indicator has (in the cycle's periods, if given): the work of computing it."""
    queryset = IndicatorValue.objects.all() if cycle is None else IndicatorValue.objects.for_cycle(cycle)
    return dict(queryset.values("indicator_id").annotate(n=Count("pk")).values_list("indicator_id", "n"))
