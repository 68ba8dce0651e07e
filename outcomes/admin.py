"""Admin of the outcomes app: DH edits the indicator library here; results and values are read-only."""

from django.contrib import admin

from .models import Benchmark, ImportJob, Indicator, IndicatorValue, PriorityOutcome


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = [
        "code", "name", "unit", "value_type", "polarity", "data_pack_area", "outcome_group", "has_real_data",
    ]  # fmt: skip
    list_filter = ["data_pack_area", "value_type", "polarity", "outcome_group", "has_real_data"]
    search_fields = ["code", "name"]
    fieldsets = [
        (
            None,
            {"fields": ["code", "name", "data_pack_area", "org_types", "outcome_group", "linked_national_indicator"]},
        ),
        (
            "Definition (shown on the indicator's page and in the API)",
            {
                "fields": [
                    "definition",
                    "numerator_definition",
                    "denominator_definition",
                    "unit",
                    "multiplier",
                    "value_type",
                    "polarity",
                    "interval_method",
                    "source",
                    "caveats",
                ]
            },
        ),  # fmt: skip
        ("Data", {"fields": ["has_real_data", "approx_england_value"]}),
    ]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    list_display = ["indicator", "organisation", "period", "value", "lower_ci", "upper_ci", "is_synthetic"]
    list_filter = ["is_synthetic", "period"]
    search_fields = ["indicator__code", "organisation__code"]
    list_select_related = ["indicator", "organisation"]
    raw_id_fields = ["indicator", "organisation"]

    def has_change_permission(self, request, obj=None):
        return False  # values change only through an import, which is checked and atomic

    def has_add_permission(self, request):
        return False


@admin.register(Benchmark)
class BenchmarkAdmin(admin.ModelAdmin):
    list_display = ["indicator", "period", "org_type", "national_average", "national_source", "upper_quartile", "n"]
    list_filter = ["org_type", "period"]

    def has_change_permission(self, request, obj=None):
        return False  # computed by the compute_scorecards task

    def has_add_permission(self, request):
        return False


@admin.register(PriorityOutcome)
class PriorityOutcomeAdmin(admin.ModelAdmin):
    list_display = ["assessment", "indicator", "baseline", "baseline_period"]
    list_select_related = ["assessment__organisation", "assessment__cycle", "indicator"]
    raw_id_fields = ["assessment", "indicator"]


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["file_name", "created_by", "status", "progress", "created", "updated", "unchanged", "created_at"]
    exclude = ["content"]
    readonly_fields = ["file_name", "created_by", "status", "progress", "created", "updated", "unchanged", "errors"]
