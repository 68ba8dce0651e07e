"""API endpoints of partner feedback, under /api/v1/."""

from django.urls import path

from . import api

urlpatterns = [
    path(
        "cycles/<str:cycle>/partner-feedback/<str:org_code>/",
        api.PartnerFeedbackView.as_view(),
        name="partner-feedback",
    )
]
