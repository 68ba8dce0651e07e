"""The read-only API root: organisations and cycles, with the same access rules as the pages."""

from rest_framework import serializers, viewsets

from . import access
from .models import Cycle, Organisation


class OrganisationSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True, help_text="Code of the parent (null for England)"
    )

    class Meta:
        model = Organisation
        fields = ["code", "ons_code", "name", "kind", "parent", "population"]


class CycleSerializer(serializers.ModelSerializer):
    previous = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True, help_text="The cycle before (null for the first)"
    )
    required_outcome_groups = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text="Outcome groups every PCT must choose from"
    )

    class Meta:
        model = Cycle
        fields = [
            "code",
            "name",
            "start_date",
            "end_date",
            "submission_deadline",
            "previous",
            "max_outcomes",
            "required_outcome_groups",
            "may_publish",
        ]


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """Organisations the caller may see (a PCT user sees its PCT; an SHA user its SHA and PCTs; DH all)."""

    serializer_class = OrganisationSerializer
    lookup_field = "code"

    def get_queryset(self):
        return access.visible_organisations(self.request.user).select_related("parent").order_by("code")


class CycleViewSet(viewsets.ReadOnlyModelViewSet):
    """The assurance cycles and their framework rules."""

    serializer_class = CycleSerializer
    lookup_field = "code"
    queryset = Cycle.objects.select_related("previous")
