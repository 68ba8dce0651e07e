"""API endpoints of the development app, under /api/v1/."""

from django.urls import path

from . import api

urlpatterns = [
    path(
        "cycles/<str:cycle>/development-plans/<str:org_code>/",
        api.DevelopmentPlanView.as_view(),
        name="development-plan",
    )
]
