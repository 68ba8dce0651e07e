"""Read-only API of the panels app: a PCT's self-assessed and agreed ratings and its report state."""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from assurance import access
from assurance.models import Assessment

from . import selectors


class PanelCompetencyRatingSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    name = serializers.CharField()
    self = serializers.IntegerField(allow_null=True, help_text="Self-assessed level, 1-4")
    agreed = serializers.IntegerField(allow_null=True, help_text="The panel's agreed level, 1-4")
    rationale = serializers.CharField(allow_blank=True)
    difference = serializers.IntegerField(
        allow_null=True, required=False, help_text="Self-assessed minus agreed: positive when the PCT rated higher"
    )


class PanelGovernanceRatingSerializer(serializers.Serializer):
    name = serializers.CharField()
    area = serializers.CharField()
    self = serializers.CharField(allow_null=True, help_text="The PCT's declaration: red, amber or green")
    agreed = serializers.CharField(allow_null=True, help_text="The panel's agreed RAG")
    rationale = serializers.CharField(allow_blank=True)


class PanelReportStateSerializer(serializers.Serializer):
    version = serializers.IntegerField(allow_null=True, help_text="The latest signed-off version")
    state = serializers.CharField(allow_null=True)
    signed_off_at = serializers.DateTimeField(allow_null=True)


class PanelRatingsSerializer(serializers.Serializer):
    organisation = serializers.CharField()
    cycle = serializers.CharField()
    state = serializers.CharField(help_text="Workflow state of the PCT in the cycle")
    report = PanelReportStateSerializer()
    competencies = PanelCompetencyRatingSerializer(many=True)
    governance = PanelGovernanceRatingSerializer(many=True)


class RatingsView(APIView):
    """Self-assessed and agreed levels, governance RAG and report state of one PCT in one cycle.

    The PCT itself sees agreed ratings only once its report is signed off (state reported or published).
    """

    @extend_schema(responses=PanelRatingsSerializer)
    def get(self, request, cycle: str, org_code: str):
        organisation = access.organisation_for(request.user, org_code, access.VIEW)
        assessment = (
            Assessment.objects.filter(organisation=organisation, cycle__code=cycle)
            .select_related("organisation", "cycle")
            .first()
        )
        if assessment is None:
            raise Http404("No assessment for this PCT in this cycle.")
        panel_side = access.can(request.user, access.PANEL_READ, organisation)
        return Response(PanelRatingsSerializer(selectors.ratings(assessment, panel_side=panel_side)).data)
