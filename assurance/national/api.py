"""API of the national app: the stored rollups (same numbers as the dashboard) and public report cards."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from assurance.models import Cycle

from . import access as national_access
from . import selectors


class RollupView(APIView):
    """A cycle's stored rollups for England and each SHA: DH sees all; an SHA lead sees England and its own SHA."""

    @extend_schema(
        parameters=[OpenApiParameter("scope", str, description="Only this scope: E92000001 or an SHA code")],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request, cycle: str):
        cycle_obj = get_object_or_404(Cycle, code=cycle)
        codes = national_access.api_scope_codes(request.user, request.query_params.get("scope"))
        return Response(selectors.rollup_document(cycle_obj, codes))


class PublicReportCardView(APIView):
    """A published PCT's report card. Public: unpublished cycles, unknown or non-PCT codes are the same 404."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(responses=OpenApiTypes.OBJECT, auth=[])
    def get(self, request, cycle: str, org_code: str):
        card = selectors.public_card(cycle, org_code)
        if card is None:
            raise Http404("No such report card.")
        return Response(card.card | {"computed_at": card.computed_at})
