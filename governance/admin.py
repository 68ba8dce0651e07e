"""Django admin for governance areas."""

from django.contrib import admin

from .models import GovernanceArea


@admin.register(GovernanceArea)
class GovernanceAreaAdmin(admin.ModelAdmin):
    list_display = ["area", "item", "cycle", "order"]
    list_filter = ["cycle", "area"]
