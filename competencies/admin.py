"""Django admin for the competency framework."""

from django.contrib import admin

from .models import Competency, LevelDescriptor


class LevelDescriptorInline(admin.TabularInline):
    model = LevelDescriptor
    extra = 0


@admin.register(Competency)
class CompetencyAdmin(admin.ModelAdmin):
    list_display = ["number", "short_name", "cycle"]
    list_filter = ["cycle"]
    inlines = [LevelDescriptorInline]
