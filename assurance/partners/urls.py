"""URLs of the partnership pages and their API."""

from django.urls import path

from . import api, views

app_name = "partnerships"
urlpatterns = [
    path("partnerships/import/", views.import_file, name="import"),
    path("partnerships/<str:ons_code>/", views.council, name="council"),
    path("partnerships/<str:ons_code>/partnerships.csv", views.council_csv, name="csv"),
    path("api/v1/partnerships/<str:ons_code>/", api.council_partnerships, name="api"),
]
