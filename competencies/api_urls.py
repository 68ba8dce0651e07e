"""API endpoints of the competencies app, under /api/v1/."""

from django.urls import path

from . import api

urlpatterns = [
    path(
        "cycles/<str:cycle>/assessments/<str:org_code>/",
        api.SelfAssessmentView.as_view(),
        name="self-assessment-detail",
    ),
]
