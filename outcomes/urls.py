"""Pages of the outcomes app."""

from django.urls import path

from . import views

app_name = "outcomes"
urlpatterns = [
    path("cycles/<str:cycle>/pcts/<str:code>/outcomes/", views.priority_outcomes, name="priority_outcomes"),
    path(
        "cycles/<str:cycle>/pcts/<str:code>/outcomes/<str:indicator>/",
        views.outcome_edit,
        name="outcome_edit",
    ),
    path("cycles/<str:cycle>/pcts/<str:code>/scorecard/", views.scorecard, name="scorecard"),
    path("cycles/<str:cycle>/pcts/<str:code>/scorecard.csv", views.scorecard_csv, name="scorecard_csv"),
    path("organisations/<str:code>/data-pack/", views.data_pack, name="data_pack"),
    path("organisations/<str:code>/data-pack.csv", views.data_pack_csv, name="data_pack_csv"),
    path("methods/", views.methods, name="methods"),
    path("cycles/<str:cycle>/compare/", views.compare_index, name="compare_index"),
    path("cycles/<str:cycle>/compare/<str:indicator>/", views.compare_areas, name="compare"),
    path("cycles/<str:cycle>/compare/<str:indicator>.csv", views.compare_areas_csv, name="compare_csv"),
    path("cycles/<str:cycle>/overview/<str:code>/", views.sha_overview, name="overview"),
    path("indicators/<str:code>/", views.indicator_definition, name="indicator"),
    path("indicator-data/imports/new/", views.import_upload, name="import_upload"),
    path("indicator-data/imports/<int:pk>/", views.import_status, name="import_status"),
    path("indicator-data/imports/<int:pk>/progress/", views.import_progress, name="import_progress"),
]
