"""Pages of the panels app."""

from django.urls import path

from . import views

app_name = "panels"
urlpatterns = [
    path("sha/<str:sha_code>/panel/<str:cycle_code>/", views.setup, name="setup"),
    path(
        "sha/<str:sha_code>/panel/<str:cycle_code>/members/<int:pk>/remove/", views.member_remove, name="member_remove"
    ),
    path("sha/<str:sha_code>/panel/<str:cycle_code>/chair/", views.panel_chair, name="chair"),
    path("sha/<str:sha_code>/panel/<str:cycle_code>/review-days/<str:code>/", views.review_day, name="review_day"),
    path("sha/<str:sha_code>/panel/<str:cycle_code>/differences/", views.differences, name="differences"),
    path("panel/<str:cycle_code>/<str:code>/pack/", views.pack, name="pack"),
    path("panel/<str:cycle_code>/<str:code>/workspace/", views.workspace, name="workspace"),
    path("panel/<str:cycle_code>/<str:code>/open/", views.open_review, name="open_review"),
    path("reports/<str:cycle_code>/<str:code>/", views.report, name="report"),
    path("reports/<str:cycle_code>/<str:code>/edit/", views.report_edit, name="report_edit"),
    path("reports/<str:cycle_code>/<str:code>/sign-off/", views.report_sign_off, name="report_sign_off"),
    path("reports/<str:cycle_code>/<str:code>/new-version/", views.report_new_version, name="report_new_version"),
    path("reports/<str:cycle_code>/<str:code>/pdf/", views.report_pdf, name="report_pdf"),
    path("reports/<str:cycle_code>/<str:code>/comments/", views.report_comment, name="report_comment"),
]
