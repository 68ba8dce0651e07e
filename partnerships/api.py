"""API: a council's partnerships and joint items, read from the same selector as the page."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.response import Response

from assurance import access
from outcomes.api import TRENDS
from outcomes.choices import Comparison, LegalBasis

from . import selectors


class JointResultSerializer(serializers.Serializer):
    period = serializers.CharField()
    value = serializers.FloatField(allow_null=True)
    comparison = serializers.ChoiceField(Comparison.choices)
    trend = serializers.ChoiceField(TRENDS)


class PartnershipSerializer(serializers.Serializer):
    pct = serializers.CharField()
    pct_name = serializers.CharField()
    population_share = serializers.DecimalField(
        max_digits=4, decimal_places=1, coerce_to_string=True, help_text="% of the PCT's population in the council"
    )
    coterminous = serializers.BooleanField()


class JointCommentSerializer(serializers.Serializer):
    text = serializers.CharField()
    created_at = serializers.DateTimeField()


class JointOutcomeSerializer(serializers.Serializer):
    pct = serializers.CharField()
    indicator = serializers.CharField()
    pct_result = JointResultSerializer(allow_null=True, help_text="The PCT's latest result (null when none)")
    council_result = JointResultSerializer(allow_null=True, help_text="The council's latest result (null when none)")
    comments = JointCommentSerializer(many=True)


class ContributionSerializer(serializers.Serializer):
    partner = serializers.CharField(help_text="The contributing organisation's code")
    year = serializers.CharField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, coerce_to_string=True, help_text="£")


class PooledOutcomeSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    results = serializers.DictField(
        child=JointResultSerializer(allow_null=True), help_text="Each partner's latest result, by its code"
    )


class PooledBudgetSerializer(serializers.Serializer):
    name = serializers.CharField()
    legal_basis = serializers.ChoiceField(LegalBasis.choices)
    services = serializers.CharField(allow_blank=True)
    contributions = ContributionSerializer(many=True)
    measurable_outcome = serializers.BooleanField()
    outcomes = PooledOutcomeSerializer(many=True)


class NeedsAssessmentSerializer(serializers.Serializer):
    pct = serializers.CharField()
    title = serializers.CharField()
    date = serializers.DateField()
    needs = serializers.ListField(child=serializers.CharField())


class CouncilPartnershipsSerializer(serializers.Serializer):
    council = serializers.CharField()
    council_name = serializers.CharField()
    cycle = serializers.CharField(allow_null=True)
    partnerships = PartnershipSerializer(many=True)
    joint_outcomes = JointOutcomeSerializer(many=True)
    pooled_budgets = PooledBudgetSerializer(many=True)
    needs_assessments = NeedsAssessmentSerializer(many=True)


@extend_schema(responses=CouncilPartnershipsSerializer)
@api_view(["GET"])
def council_partnerships(request, ons_code: str):
    """A council's PCT partnerships and the joint items the caller may read (404 when unseen)."""
    view = selectors.partnership_view(request.user, access.council_for(request.user, ons_code))
    return Response(selectors.api_data(view))
