"""Django admin for panels, review days and reports (read mostly; the pages are the way to change them)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AgreedRating, Panel, PanelMember, ProvisionalRating, Report, ReviewDay


class PanelMemberInline(admin.TabularInline):
    model = PanelMember
    extra = 0


@admin.register(Panel)
class PanelAdmin(admin.ModelAdmin):
    list_display = ["sha", "cycle"]
    inlines = [PanelMemberInline]


@admin.register(ReviewDay)
class ReviewDayAdmin(admin.ModelAdmin):
    list_display = ["assessment", "date", "place"]


@admin.register(AgreedRating)
class AgreedRatingAdmin(SimpleHistoryAdmin):
    list_display = ["assessment", "competency", "area", "level", "rag"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["assessment", "version", "state", "signed_off_at"]


@admin.register(ProvisionalRating)
class ProvisionalRatingAdmin(SimpleHistoryAdmin):
    list_display = ["review_day", "member", "competency", "area", "level", "rag", "updated_at"]
