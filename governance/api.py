"""The governance app's part of a PCT's self-assessment in the API (`assurance/assessment_api.py`)."""

from rest_framework import serializers

from .models import GovernanceDeclaration


class GovernanceRatingSerializer(serializers.ModelSerializer):
    area = serializers.CharField(source="area.name")

    class Meta:
        model = GovernanceDeclaration
        fields = ["area", "rag", "completed", "updated_at"]


SELF_ASSESSMENT = {
    "field": "governance",
    "serializer": GovernanceRatingSerializer,
    "source": "governance_declarations",
    "prefetch": "governance_declarations__area",
}
