"""Read-only API of partner feedback: what a PCT's partners said, as the results page shows it (issue 19).

Only aggregates, and only where the anonymity threshold is met: per competency and partner type, the number of
partners at each level and "don't know" where at least `minimum_responses` of that type responded (null levels
otherwise). No individual answer, no name or address, and no comment (free text could single a partner out: the
pages show comments to people; the API gives numbers to programs). The page's access rules (`feedback/access.py`):
the panel side of the PCT's SHA and DH at any time, the PCT's own people once its panel has signed off (403 before,
with the reason), nobody else (404).
"""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from . import access, selectors
from .choices import PartnerType


class PartnerCountsSerializer(serializers.Serializer):
    partner_type = serializers.ChoiceField(PartnerType.values)
    label = serializers.CharField()
    invited = serializers.IntegerField(help_text="Partners of this type invited")
    responded = serializers.IntegerField(help_text="Partners of this type who sent their answers")
    shown = serializers.BooleanField(help_text="Enough responded for their answers to be shown")


class PartnerLevelsSerializer(serializers.Serializer):
    level_1 = serializers.IntegerField()
    level_2 = serializers.IntegerField()
    level_3 = serializers.IntegerField()
    level_4 = serializers.IntegerField()
    dont_know = serializers.IntegerField(help_text='Partners who answered "don\'t know"')


class PartnerTypeResultSerializer(serializers.Serializer):
    partner_type = serializers.ChoiceField(PartnerType.values)
    label = serializers.CharField()
    shown = serializers.BooleanField(help_text="False: too few responses to show (levels null)")
    levels = PartnerLevelsSerializer(allow_null=True, help_text="Partners at each level; null when too few responded")


class PartnerCompetencySerializer(serializers.Serializer):
    number = serializers.IntegerField()
    name = serializers.CharField()
    self_level = serializers.IntegerField(allow_null=True, help_text="The PCT's self-assessed level, 1-4")
    partners = PartnerTypeResultSerializer(many=True)


class PartnerFeedbackSerializer(serializers.Serializer):
    organisation = serializers.CharField()
    cycle = serializers.CharField()
    minimum_responses = serializers.IntegerField(help_text="Responses of a type needed for its answers to be shown")
    partner_types = PartnerCountsSerializer(many=True)
    competencies = PartnerCompetencySerializer(many=True)


LEVEL_NAMES = ("level_1", "level_2", "level_3", "level_4", "dont_know")  # the order of results.LEVEL_KEYS


def feedback_data(pct, cycle, assessment) -> dict:
    """The results as the API gives them (the same selectors as the page and the CSV)."""
    counts = selectors.counts_by_type(pct, cycle)
    return {
        "organisation": pct.code,
        "cycle": cycle.code,
        "minimum_responses": selectors.results.MIN_RESPONSES,
        "partner_types": [
            {
                "partner_type": t.partner_type,
                "label": t.label,
                "invited": t.invited,
                "responded": t.responded,
                "shown": t.shown,
            }
            for t in counts
        ],  # fmt: skip
        "competencies": [
            {
                "number": c.competency.number,
                "name": c.competency.short_name,
                "self_level": c.self_level,
                "partners": [
                    {
                        "partner_type": t.partner_type,
                        "label": t.label,
                        "shown": t.shown,
                        "levels": dict(zip(LEVEL_NAMES, t.count_list, strict=True)) if t.shown else None,
                    }
                    for t in c.types
                ],
            }
            for c in selectors.summary(pct, cycle, assessment)
        ],
    }


class PartnerFeedbackView(APIView):
    """What a PCT's partners said in a cycle, per competency the framework asks them about: the PCT's self-assessed
    level beside the number of partners of each type at each level, where enough of that type responded. Numbers
    only (no comments, no names). Read by the panel side of the PCT's SHA and DH, and by the PCT once its panel has
    signed off its report."""

    @extend_schema(responses=PartnerFeedbackSerializer)
    def get(self, request, cycle: str, org_code: str):
        pct, cycle_obj, assessment = access.results_for(request.user, cycle, org_code)
        return Response(PartnerFeedbackSerializer(feedback_data(pct, cycle_obj, assessment)).data)
