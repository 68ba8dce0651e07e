"""Read-only API of the panels app: a PCT's self-assessed and agreed ratings and its report state."""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from assurance import access
from assurance.models import Assessment

from . import selectors


class RatingsView(APIView):
    """Self-assessed and agreed levels, governance RAG and report state of one PCT in one cycle.

    The PCT itself sees agreed ratings only once its report is signed off (state reported or published).
    """

    @extend_schema(responses={200: dict})
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
        return Response(selectors.ratings(assessment, panel_side=panel_side))
