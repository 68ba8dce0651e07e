"""Reads of the outcomes app. Pages and the API read stored results here and compute nothing."""

from dataclasses import dataclass, field

import pandas as pd
from django.db.models import Count, Exists, OuterRef

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
        low, high = ranges.get(key, (None, None))
        rows.append(PackRow(indicator, result, benchmarks.get(key), low, high))
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


def indicator_value_counts(*, cycle=None) -> dict[int, int]:
    """How many values each indicator has (in the cycle's periods, if given): the work of computing it."""
    queryset = IndicatorValue.objects.all() if cycle is None else IndicatorValue.objects.for_cycle(cycle)
    return dict(queryset.values("indicator_id").annotate(n=Count("pk")).values_list("indicator_id", "n"))
