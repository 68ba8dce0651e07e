"""API of a PCT's self-assessment: state, self-assessed competency levels and governance ratings."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from assurance import access
from assurance.choices import OrgKind
from assurance.models import Assessment, Cycle
from governance.models import GovernanceDeclaration

from .models import CompetencyAssessment


class CompetencyLevelSerializer(serializers.ModelSerializer):
    number = serializers.IntegerField(source="competency.number")
    competency = serializers.CharField(source="competency.short_name")

    class Meta:
        model = CompetencyAssessment
        fields = ["number", "competency", "level", "completed", "updated_at"]


class GovernanceRatingSerializer(serializers.ModelSerializer):
    area = serializers.CharField(source="area.name")

    class Meta:
        model = GovernanceDeclaration
        fields = ["area", "rag", "completed", "updated_at"]


class SelfAssessmentSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.code")
    cycle = serializers.CharField(source="cycle.code")
    competencies = CompetencyLevelSerializer(source="competency_assessments", many=True)
    governance = GovernanceRatingSerializer(source="governance_declarations", many=True)

    class Meta:
        model = Assessment
        fields = ["organisation", "cycle", "state", "submitted_at", "competencies", "governance"]


class SelfAssessmentView(APIView):
    """A PCT's self-assessment in a cycle, for those who may view the PCT (404 to others)."""

    @extend_schema(responses=SelfAssessmentSerializer)
    def get(self, request, cycle: str, org_code: str):
        organisation = access.organisation_for(request.user, org_code)
        if organisation.kind != OrgKind.PCT:
            raise Http404("Only primary care trusts have a self-assessment.")
        queryset = Assessment.objects.select_related("organisation", "cycle").prefetch_related(
            "competency_assessments__competency", "governance_declarations__area"
        )
        assessment = get_object_or_404(queryset, organisation=organisation, cycle=get_object_or_404(Cycle, code=cycle))
        return Response(SelfAssessmentSerializer(assessment).data)
