"""Pages of the panels app."""

from django.urls import path  # noqa: F401

app_name = "panels"
urlpatterns: list = []
