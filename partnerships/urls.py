"""URLs of the partnership pages, the PCT's joint-working pages, and their API."""

from django.urls import path

from . import api, views

app_name = "partnerships"
urlpatterns = [
    path("partnerships/import/", views.import_file, name="import"),
    path("partnerships/<str:ons_code>/", views.council, name="council"),
    path("partnerships/<str:ons_code>/partnerships.csv", views.council_csv, name="csv"),
    path("partnerships/<str:ons_code>/joint-outcomes/<int:pk>/comments/", views.comment, name="comment"),
    path(
        "cycles/<str:cycle>/pcts/<str:code>/outcomes/<str:indicator>/joint/",
        views.joint_outcome,
        name="joint_outcome",
    ),
    path("organisations/<str:code>/pooled-budgets/new/", views.pooled_budget_new, name="pooled_budget_new"),
    path("organisations/<str:code>/joint-needs-assessment/", views.needs_assessment, name="needs_assessment"),
    path(
        "joint-needs-assessments/<int:pk>/document/",
        views.needs_assessment_document,
        name="needs_assessment_document",
    ),
    path("api/v1/partnerships/<str:ons_code>/", api.council_partnerships, name="api"),
]
