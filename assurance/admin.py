"""Django admin for reference data: organisations, cycles, memberships."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Assessment, Cycle, Membership, Organisation, Partnership


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent"]
    list_filter = ["kind", "parent"]
    search_fields = ["code", "name", "ons_code"]


@admin.register(Cycle)
class CycleAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "start_date", "end_date", "max_outcomes", "may_publish"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "external"]
    list_filter = ["role"]
    search_fields = ["user__username", "organisation__code", "organisation__name"]
    autocomplete_fields = ["organisation"]


@admin.register(Assessment)
class AssessmentAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "cycle", "state", "submitted_at"]
    list_filter = ["cycle", "state"]
    search_fields = ["organisation__code", "organisation__name"]


@admin.register(Partnership)
class PartnershipAdmin(SimpleHistoryAdmin):
    list_display = ["pct", "council", "population_share", "coterminous"]
    list_filter = ["coterminous", "pct__parent"]
    search_fields = ["pct__code", "pct__name", "council__code", "council__name"]
    autocomplete_fields = ["pct", "council"]
