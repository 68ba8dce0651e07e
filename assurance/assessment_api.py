"""API of a PCT's self-assessment: its state and each app's part of it (self-assessed levels, governance ratings).

The core app names no other app: each app's `api.py` may offer a `SELF_ASSESSMENT` part (the field name, its
serializer, the reverse relation it reads and what to prefetch), found through `discovery` in INSTALLED_APPS order.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from . import access
from .choices import OrgKind
from .discovery import hook_modules
from .models import Assessment, Cycle

PARTS = [module.SELF_ASSESSMENT for module in hook_modules("api") if hasattr(module, "SELF_ASSESSMENT")]


class SelfAssessmentBase(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.code")
    cycle = serializers.CharField(source="cycle.code")

    class Meta:
        model = Assessment
        fields = ["organisation", "cycle", "state", "submitted_at", *(part["field"] for part in PARTS)]


SelfAssessmentSerializer = type(
    "SelfAssessmentSerializer",
    (SelfAssessmentBase,),
    {
        "__module__": __name__,
        **{part["field"]: part["serializer"](source=part["source"], many=True) for part in PARTS},
    },
)


class SelfAssessmentView(APIView):
    """A PCT's self-assessment in a cycle, for those who may view the PCT (404 to others)."""

    @extend_schema(responses=SelfAssessmentSerializer)
    def get(self, request, cycle: str, org_code: str):
        organisation = access.organisation_for(request.user, org_code)
        if organisation.kind != OrgKind.PCT:
            raise Http404("Only primary care trusts have a self-assessment.")
        queryset = Assessment.objects.select_related("organisation", "cycle").prefetch_related(
            *(part["prefetch"] for part in PARTS)
        )
        assessment = get_object_or_404(queryset, organisation=organisation, cycle=get_object_or_404(Cycle, code=cycle))
        return Response(SelfAssessmentSerializer(assessment).data)
