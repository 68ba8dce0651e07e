"""API endpoints of the panels app, under /api/v1/."""

from django.urls import path

from . import api

urlpatterns = [path("cycles/<str:cycle>/ratings/<str:org_code>/", api.RatingsView.as_view(), name="cycle-ratings")]
