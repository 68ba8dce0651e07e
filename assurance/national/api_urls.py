"""API of the national app, under /api/v1/."""

from django.urls import path

from . import api

urlpatterns = [
    path("cycles/<str:cycle>/rollup/", api.RollupView.as_view(), name="national-rollup"),
    path(
        "public/<str:cycle>/report-cards/<str:org_code>/",
        api.PublicReportCardView.as_view(),
        name="national-report-card",
    ),
]
