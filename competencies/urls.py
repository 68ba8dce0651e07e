"""Pages of the competencies app."""

from django.urls import path  # noqa: F401

app_name = "competencies"
urlpatterns: list = []
