"""Read-only API of the development app: a PCT's development plan from one cycle's panel (the report's access)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from . import access, selectors
from .choices import Priority, Status


class PlanActionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField(help_text="What will be done")
    owner = serializers.CharField(help_text="The named person at the PCT who owns it")
    due_date = serializers.DateField()
    measure = serializers.CharField(help_text="The measure of success")
    status = serializers.ChoiceField(Status.values)
    dropped_reason = serializers.CharField(allow_blank=True, help_text="Why it was dropped (status dropped only)")
    overdue = serializers.BooleanField(help_text="Open (not started, on track, at risk) and past its due date")
    overdue_30_days = serializers.BooleanField(help_text="Open and more than 30 days past its due date")
    evidence = serializers.ListField(child=serializers.CharField(), help_text="Titles of the evidence attached")


class PlanRecommendationSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    text = serializers.CharField()
    competency = serializers.IntegerField(allow_null=True, help_text="The competency's number, if it concerns one")
    governance_area = serializers.CharField(allow_null=True, help_text="The governance area, if it concerns one")
    priority = serializers.ChoiceField(Priority.values)
    report_version = serializers.IntegerField(help_text="The signed-off report version it comes from")
    actions = PlanActionSerializer(many=True)


class PlanCountsSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    overdue = serializers.IntegerField()
    overdue_30_days = serializers.IntegerField()
    at_risk = serializers.IntegerField()
    done = serializers.IntegerField()
    dropped = serializers.IntegerField()


class DevelopmentPlanSerializer(serializers.Serializer):
    organisation = serializers.CharField()
    cycle = serializers.CharField(help_text="The cycle whose panel made the recommendations")
    report_version = serializers.IntegerField(allow_null=True, help_text="The latest signed-off report version")
    counts = PlanCountsSerializer()
    recommendations = PlanRecommendationSerializer(many=True)


def plan_data(assessment) -> dict:
    """The plan as the API gives it (the same selector as the page and the CSV)."""
    found = selectors.plan(assessment)
    counts = found["counts"]
    return {
        "organisation": assessment.organisation.code,
        "cycle": assessment.cycle.code,
        "report_version": found["report"].version if found["report"] else None,
        "counts": {
            "total": counts.total,
            "overdue": counts.overdue,
            "overdue_30_days": counts.flagged,
            "at_risk": counts.at_risk,
            "done": counts.done,
            "dropped": counts.dropped,
        },
        "recommendations": [
            {
                "number": rec.number,
                "text": rec.text,
                "competency": rec.competency.number if rec.competency_id else None,
                "governance_area": rec.area.name if rec.area_id else None,
                "priority": rec.priority,
                "report_version": rec.report.version,
                "actions": [
                    {
                        "id": a.pk,
                        "text": a.text,
                        "owner": a.owner.get_full_name() or a.owner.username,
                        "due_date": a.due_date,
                        "measure": a.measure,
                        "status": a.status,
                        "dropped_reason": a.dropped_reason,
                        "overdue": a.overdue,
                        "overdue_30_days": a.flagged,
                        "evidence": [doc.title for doc in a.evidence.all()],
                    }
                    for a in rec.actions.all()
                ],
            }
            for rec in found["recommendations"]
        ],
    }


class DevelopmentPlanView(APIView):
    """A PCT's development plan from one cycle's panel: the recommendations of its signed-off report and the actions
    on each, with their status. Read by whoever may read the report: the panel, its SHA and DH, and the PCT itself
    once a version is signed off."""

    @extend_schema(responses=DevelopmentPlanSerializer)
    def get(self, request, cycle: str, org_code: str):
        assessment, _ = access.plan_for(request.user, cycle, org_code)
        return Response(DevelopmentPlanSerializer(plan_data(assessment)).data)
