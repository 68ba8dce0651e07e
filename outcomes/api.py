"""The read-only API of the outcomes app: indicators, their stored benchmarks, and a PCT's scorecard."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from assurance import access
from assurance.choices import OrgKind
from assurance.models import Assessment, Cycle

from . import presenters, selectors
from .choices import Comparison, Polarity, Trend, ValueType
from .models import Indicator, OrganisationBenchmark

RESULT_FIELDS = [
    "org_code", "value", "lower_ci", "upper_ci", "ci_source", "lower_ci_998", "upper_ci_998", "comparison",
    "quartile", "trend", "trend_slope", "trend_p_value",
]  # fmt: skip


class IndicatorSerializer(serializers.ModelSerializer):
    """An indicator of the library with its definition (the same fields as its definition page)."""

    value_type = serializers.ChoiceField(
        [*ValueType.values, ""], help_text="proportion, crude rate, directly standardised rate, life expectancy, "
        "count or ratio; empty when not yet defined"
    )  # fmt: skip
    numerator = serializers.CharField(source="numerator_definition", help_text="What is counted")
    denominator = serializers.CharField(source="denominator_definition", help_text="Out of what (the population)")
    multiplier = serializers.FloatField(
        allow_null=True, help_text="Numerator over denominator times this gives the value (100 for a %)"
    )

    class Meta:
        model = Indicator
        fields = [
            "code", "name", "unit", "polarity", "data_pack_area", "org_types", "outcome_group",
            "linked_national_indicator", "source", "has_real_data", "definition", "numerator", "denominator",
            "multiplier", "value_type", "interval_method", "caveats",
        ]  # fmt: skip


# The values the API documents (the computation may give any of them; "not tested": a trend not tested for an
# indicator without a direction to read it through). "aggregate": the national average is the mean of the
# organisations' values, no England value being published.
TRENDS = list(dict.fromkeys([*Trend.values, "not tested"]))
NATIONAL_SOURCES = ["england", "aggregate"]


def _number(help_text: str = "") -> serializers.FloatField:
    return serializers.FloatField(allow_null=True, help_text=help_text)


class ResultSerializer(serializers.ModelSerializer):
    """One organisation's stored result for an indicator and period."""

    org_code = serializers.CharField(source="organisation.code")
    comparison = serializers.ChoiceField(Comparison.choices, help_text="Against England (or the national average)")
    trend = serializers.ChoiceField(TRENDS)

    class Meta:
        model = OrganisationBenchmark
        fields = RESULT_FIELDS


class BenchmarksSerializer(serializers.Serializer):
    """The schema of the benchmarks answer (the view builds it with benchmark_payload)."""

    indicator = serializers.CharField()
    period = serializers.CharField()
    polarity = serializers.ChoiceField(Polarity.choices)
    national_average = _number()
    national_source = serializers.ChoiceField(
        NATIONAL_SOURCES, allow_null=True, help_text="england: England's published value; aggregate: computed"
    )
    q1 = _number()
    median = _number()
    q3 = _number()
    upper_quartile = _number("Boundary of the best-performing quarter (none without polarity)")
    organisations = ResultSerializer(many=True)


def benchmark_payload(indicator: Indicator, period: str, bench, rows) -> dict:
    """The benchmarks JSON of one indicator, period and organisation type (the issue's exact shape)."""
    return {
        "indicator": indicator.code,
        "period": period,
        "polarity": indicator.polarity,
        "national_average": bench.national_average if bench else None,
        "national_source": bench.national_source if bench else None,
        "q1": bench.q1 if bench else None,
        "median": bench.median if bench else None,
        "q3": bench.q3 if bench else None,
        "upper_quartile": bench.upper_quartile if bench else None,
        "organisations": ResultSerializer(rows, many=True).data,
    }


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    """The indicator library; benchmarks of any indicator are readable by every signed-in user."""

    serializer_class = IndicatorSerializer
    queryset = Indicator.objects.order_by("code")
    lookup_field = "code"
    pagination_class = None

    @extend_schema(
        responses=BenchmarksSerializer,
        parameters=[
            OpenApiParameter("period", str, description="A period such as 2009-10 (default: the latest)"),
            OpenApiParameter("org_type", str, enum=[OrgKind.PCT, OrgKind.LA], description="Default PCT"),
        ],
    )
    @action(detail=True, methods=["get"])
    def benchmarks(self, request, code=None):
        """National average, quartiles and every organisation's result: ?period= (default latest), ?org_type=PCT|LA."""
        indicator = self.get_object()
        org_type = request.query_params.get("org_type", OrgKind.PCT)
        if org_type not in (OrgKind.PCT, OrgKind.LA):
            raise serializers.ValidationError({"org_type": "Choose PCT or LA."})
        period = request.query_params.get("period") or selectors.latest_period(indicator, org_type)
        bench, rows = selectors.benchmark_table(indicator, period, org_type)
        if bench is None:
            raise Http404("No benchmark for that indicator, period and organisation type.")
        return Response(benchmark_payload(indicator, period, bench, rows))


class TrajectoryPointSerializer(serializers.Serializer):
    period = serializers.CharField()
    value = _number()


class ScorecardOutcomeSerializer(serializers.Serializer):
    """One chosen outcome: its latest stored result (all null before any value) and the PCT's trajectory."""

    indicator = serializers.CharField()
    name = serializers.CharField()
    polarity = serializers.ChoiceField(Polarity.choices)
    period = serializers.CharField(allow_null=True)
    national_average = _number()
    national_source = serializers.ChoiceField(NATIONAL_SOURCES, allow_null=True)
    upper_quartile = _number()
    synthetic = serializers.BooleanField()
    value = _number()
    lower_ci = _number()
    upper_ci = _number()
    ci_source = serializers.ChoiceField(["data", "computed"], allow_null=True)
    lower_ci_998 = _number()
    upper_ci_998 = _number()
    comparison = serializers.ChoiceField(Comparison.choices, allow_null=True)
    quartile = serializers.IntegerField(allow_null=True, min_value=1, max_value=4, help_text="1 = best quarter")
    trend = serializers.ChoiceField(TRENDS, allow_null=True)
    trend_slope = _number()
    trend_p_value = _number()
    gap_to_upper_quartile = _number()
    periods_to_upper_quartile = serializers.IntegerField(allow_null=True)
    worse_and_worsening = serializers.BooleanField()
    baseline = _number()
    baseline_period = serializers.CharField(allow_null=True)
    trajectory = TrajectoryPointSerializer(many=True)


class ScorecardSerializer(serializers.Serializer):
    organisation = serializers.CharField()
    cycle = serializers.CharField()
    outcomes = ScorecardOutcomeSerializer(many=True)


class ScorecardView(APIView):
    """A PCT's chosen outcomes in a cycle with their latest stored results and trajectory."""

    @extend_schema(responses=ScorecardSerializer)
    def get(self, request, cycle: str, org_code: str):
        organisation = access.organisation_for(request.user, org_code)
        cycle = get_object_or_404(Cycle, code=cycle)
        assessment = Assessment.objects.filter(organisation=organisation, cycle=cycle).first()
        years = presenters.plan_years(cycle)
        outcomes = [scorecard_entry(row, years) for row in (selectors.scorecard(assessment) if assessment else [])]
        return Response({"organisation": organisation.code, "cycle": cycle.code, "outcomes": outcomes})


def scorecard_entry(row, years: list[str]) -> dict:
    latest, bench = row.latest, row.latest_benchmark
    entry = {
        "indicator": row.indicator.code,
        "name": row.indicator.name,
        "polarity": row.indicator.polarity,
        "period": latest.period if latest else None,
        "national_average": bench.national_average if bench else None,
        "national_source": bench.national_source if bench else None,
        "upper_quartile": bench.upper_quartile if bench else None,
        "synthetic": row.is_synthetic,
    }
    result = ResultSerializer(latest).data if latest else dict.fromkeys(RESULT_FIELDS)
    entry.update({k: v for k, v in result.items() if k != "org_code"})
    entry["gap_to_upper_quartile"] = latest.gap_to_upper_quartile if latest else None
    entry["periods_to_upper_quartile"] = latest.periods_to_upper_quartile if latest else None
    entry["worse_and_worsening"] = bool(latest and latest.worse_and_worsening)
    entry["baseline"] = row.outcome.baseline
    entry["baseline_period"] = row.outcome.baseline_period or None
    entry["trajectory"] = [
        {"period": year, "value": value} for year, value in zip(years, row.outcome.trajectory, strict=False)
    ]
    return entry
