"""URLs of the whole project: each app contributes its own under a prefix."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from . import api, assessment_api, assessment_views, views

handler404 = views.not_found

router = DefaultRouter()
router.register("organisations", api.OrganisationViewSet, basename="organisation")
router.register("cycles", api.CycleViewSet, basename="cycle")

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("organisations/<str:code>/", views.organisation_detail, name="organisation"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("account/api-token/", views.api_token, name="api-token"),
    path("health/", views.health, name="health"),
    path("cycles/<str:cycle>/pcts/<str:code>/", assessment_views.task_list, name="assessment"),
    path("cycles/<str:cycle>/pcts/<str:code>/submit/", assessment_views.submit, name="assessment-submit"),
    path("cycles/<str:cycle>/pcts/<str:code>/reopen/", assessment_views.reopen, name="assessment-reopen"),
    path("cycles/<str:cycle>/pcts/<str:code>/activity/", assessment_views.activity_log, name="assessment-activity"),
    path("", include("outcomes.urls")),
    path("", include("competencies.urls")),
    path("", include("governance.urls")),
    path("", include("feedback.urls")),
    path("", include("panels.urls")),
    path("", include("partnerships.urls")),
    path("", include("development.urls")),
    path("", include("assurance.national.urls")),
    path("", include("assurance.moved")),  # old shapes of a PCT's pages in a cycle: permanent redirects
    path("api/v1/", include(router.urls)),
    path("api/v1/", include("outcomes.api_urls")),
    path(
        "api/v1/cycles/<str:cycle>/assessments/<str:org_code>/",
        assessment_api.SelfAssessmentView.as_view(),
        name="self-assessment-detail",
    ),
    path("api/v1/", include("feedback.api_urls")),
    path("api/v1/", include("panels.api_urls")),
    path("api/v1/", include("development.api_urls")),
    path("api/v1/", include("assurance.national.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file (?script), so the docs work under the strict CSP.
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(url_name="schema", template_name="api/swagger_ui.html"),
        name="api-docs",
    ),
    path("admin/", admin.site.urls),
]
