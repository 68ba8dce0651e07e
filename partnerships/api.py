"""API: a council's partnerships and joint items, read from the same selector as the page."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import api_view
from rest_framework.response import Response

from assurance import access

from . import selectors


@extend_schema(responses=OpenApiTypes.OBJECT)
@api_view(["GET"])
def council_partnerships(request, ons_code: str):
    """A council's PCT partnerships and the joint items the caller may read (404 when unseen)."""
    view = selectors.partnership_view(request.user, access.council_for(request.user, ons_code))
    return Response(selectors.api_data(view))
