"""API: a council's partnerships, read from the same selector as the page."""

from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.response import Response

from assurance import access

from . import selectors


class PartnershipSerializer(serializers.Serializer):
    pct = serializers.CharField(source="pct.code")
    pct_name = serializers.CharField(source="pct.name")
    population_share = serializers.DecimalField(max_digits=4, decimal_places=1)
    coterminous = serializers.BooleanField()


class CouncilPartnershipsSerializer(serializers.Serializer):
    council = serializers.CharField(source="council.code")
    council_name = serializers.CharField(source="council.name")
    partnerships = PartnershipSerializer(many=True)


@api_view(["GET"])
def council_partnerships(request, ons_code: str):
    """A council's PCT partnerships and the joint items the caller may read (404 when unseen)."""
    view = selectors.partnership_view(request.user, access.council_for(request.user, ons_code))
    return Response(CouncilPartnershipsSerializer(view).data)
