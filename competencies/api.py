"""The competencies app's part of a PCT's self-assessment in the API (`assurance/assessment_api.py`)."""

from rest_framework import serializers

from .models import CompetencyAssessment


class CompetencyLevelSerializer(serializers.ModelSerializer):
    number = serializers.IntegerField(source="competency.number")
    competency = serializers.CharField(source="competency.short_name")

    class Meta:
        model = CompetencyAssessment
        fields = ["number", "competency", "level", "completed", "updated_at"]


SELF_ASSESSMENT = {
    "field": "competencies",
    "serializer": CompetencyLevelSerializer,
    "source": "competency_assessments",
    "prefetch": "competency_assessments__competency",
}
