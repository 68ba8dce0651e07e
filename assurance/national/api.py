"""API of the national app: the stored rollups (same numbers as the dashboard) and public report cards."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from assurance.models import Cycle
from governance.choices import Rag
from outcomes.api import TRENDS
from outcomes.choices import Comparison, Polarity

from . import access as national_access
from . import selectors
from .choices import RollupKind
from .peers import PEER_COMPARISONS

CELL = {"oneOf": [{"type": "string"}, {"type": "number"}], "nullable": True}


@extend_schema_field({"type": "array", "items": {"type": "array", "items": CELL}})
class RowsField(serializers.JSONField):
    """Rows of a table: one array per row, its cells in the order of `columns`."""


class RollupTableSerializer(serializers.Serializer):
    columns = serializers.ListField(child=serializers.CharField(), help_text="Column names, key column first")
    rows = RowsField(help_text="One array per row: names and codes are strings, counts numbers, missing null")
    computed_at = serializers.DateTimeField()


class RollupTablesSerializer(serializers.Serializer):
    """The tables of one scope, each present once computed: the same tables the national dashboard draws."""

    competency_levels = RollupTableSerializer(required=False, help_text=RollupKind.COMPETENCY_LEVELS.label)
    governance_rag = RollupTableSerializer(required=False, help_text=RollupKind.GOVERNANCE_RAG.label)
    indicators = RollupTableSerializer(required=False, help_text=RollupKind.INDICATORS.label)
    progress = RollupTableSerializer(required=False, help_text=RollupKind.PROGRESS.label)
    pcts = RollupTableSerializer(required=False, help_text=RollupKind.PCTS.label)
    governance_areas = RollupTableSerializer(required=False, help_text=RollupKind.GOVERNANCE_AREAS.label)
    governance_all = RollupTableSerializer(required=False, help_text=RollupKind.GOVERNANCE_ALL.label)
    competency_means = RollupTableSerializer(required=False, help_text=RollupKind.COMPETENCY_MEANS.label)


class RollupScopeSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="E92000001 (England) or an SHA's code")
    name = serializers.CharField()
    tables = RollupTablesSerializer()


class RollupSerializer(serializers.Serializer):
    cycle = serializers.CharField()
    scopes = RollupScopeSerializer(many=True)


class CardOrganisationSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    sha = serializers.CharField(allow_blank=True, help_text="The SHA's name")


class CardCompetencySerializer(serializers.Serializer):
    number = serializers.IntegerField()
    name = serializers.CharField()
    level = serializers.IntegerField(allow_null=True, min_value=1, max_value=4, help_text="The agreed level")
    movement = serializers.ChoiceField(
        ["up", "same", "down", "new"],
        allow_null=True,
        required=False,
        help_text="Since the previous cycle, from signed-off results only; null when not rated",
    )


class CardGovernanceSerializer(serializers.Serializer):
    area = serializers.CharField()
    rag = serializers.ChoiceField([*Rag.values, ""], help_text="The agreed rating; empty when none")
    movement = serializers.ChoiceField(
        ["up", "same", "down", "new"],
        allow_null=True,
        required=False,
        help_text="Since the previous cycle (an area rated whole before matches its items), signed-off results only",
    )


class CardPeersSerializer(serializers.Serializer):
    peer_count = serializers.IntegerField(min_value=0)
    peer_mean = serializers.FloatField(allow_null=True)
    peer_min = serializers.FloatField(allow_null=True)
    peer_max = serializers.FloatField(allow_null=True)
    comparison = serializers.ChoiceField(
        PEER_COMPARISONS,
        help_text="The PCT's 95% interval read against the peer average through polarity (never a rank)",
    )
    sentence = serializers.CharField(help_text="The comparison in words")


class CardOutcomeSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    name = serializers.CharField(allow_null=True)
    unit = serializers.CharField(allow_null=True)
    polarity = serializers.ChoiceField(Polarity.choices, allow_null=True)
    period = serializers.CharField(allow_null=True)
    value = serializers.FloatField(allow_null=True)
    lower_ci = serializers.FloatField(allow_null=True)
    upper_ci = serializers.FloatField(allow_null=True)
    england = serializers.FloatField(allow_null=True, help_text="The national average beside it")
    comparison = serializers.ChoiceField(Comparison.choices, allow_null=True)
    quartile = serializers.FloatField(allow_null=True, min_value=1, max_value=4, help_text="1 = best quarter")
    trend = serializers.ChoiceField(TRENDS, allow_null=True)
    is_synthetic = serializers.BooleanField(allow_null=True)
    peers = CardPeersSerializer()


class CardPeerSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class CardMeasureSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.CharField()
    value = serializers.FloatField(allow_null=True)
    synthetic = serializers.BooleanField()
    source = serializers.CharField()


class ReportCardSerializer(serializers.Serializer):
    """A published PCT's report card: agreed ratings, outcomes against England and its peers, its peer group."""

    cycle = serializers.CharField()
    organisation = CardOrganisationSerializer()
    competencies = CardCompetencySerializer(many=True)
    governance = CardGovernanceSerializer(many=True)
    outcomes = CardOutcomeSerializer(many=True)
    peer_group = CardPeerSerializer(many=True)
    measures = CardMeasureSerializer(many=True)
    computed_at = serializers.DateTimeField()


class RollupView(APIView):
    """A cycle's stored rollups for England and each SHA: DH sees all; an SHA lead sees England and its own SHA."""

    @extend_schema(
        parameters=[OpenApiParameter("scope", str, description="Only this scope: E92000001 or an SHA code")],
        responses=RollupSerializer,
    )
    def get(self, request, cycle: str):
        cycle_obj = get_object_or_404(Cycle, code=cycle)
        codes = national_access.api_scope_codes(request.user, request.query_params.get("scope"))
        return Response(selectors.rollup_document(cycle_obj, codes))


class PublicReportCardView(APIView):
    """A published PCT's report card. Public: unpublished cycles, unknown or non-PCT codes are the same 404."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(responses=ReportCardSerializer, auth=[])
    def get(self, request, cycle: str, org_code: str):
        card = selectors.public_card(cycle, org_code)
        if card is None:
            raise Http404("No such report card.")
        return Response(card.card | {"computed_at": card.computed_at})
