"""API endpoints of the outcomes app, under /api/v1/."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("indicators", api.IndicatorViewSet, basename="indicator")

urlpatterns = [
    *router.urls,
    path("cycles/<str:cycle>/scorecards/<str:org_code>/", api.ScorecardView.as_view(), name="scorecard-detail"),
]
