"""Pages of the panels app."""

from django.urls import path

from . import views

app_name = "panels"
PCT = "cycles/<str:cycle_code>/pcts/<str:code>/"  # a PCT in a cycle (docs/architecture.md, "One shape of address")
urlpatterns = [
    path("sha/<str:sha_code>/panel/<str:cycle_code>/", views.setup, name="setup"),
    path(
        "sha/<str:sha_code>/panel/<str:cycle_code>/members/<int:pk>/remove/", views.member_remove, name="member_remove"
    ),
    path("sha/<str:sha_code>/panel/<str:cycle_code>/chair/", views.panel_chair, name="chair"),
    path("sha/<str:sha_code>/panel/<str:cycle_code>/review-days/<str:code>/", views.review_day, name="review_day"),
    path("sha/<str:sha_code>/panel/<str:cycle_code>/differences/", views.differences, name="differences"),
    path(PCT + "panel/pack/", views.pack, name="pack"),
    path(PCT + "panel/workspace/", views.workspace, name="workspace"),
    path(PCT + "panel/open/", views.open_review, name="open_review"),
    path(PCT + "report/", views.report, name="report"),
    path(PCT + "report/edit/", views.report_edit, name="report_edit"),
    path(PCT + "report/sign-off/", views.report_sign_off, name="report_sign_off"),
    path(PCT + "report/new-version/", views.report_new_version, name="report_new_version"),
    path(PCT + "report/pdf/", views.report_pdf, name="report_pdf"),
    path(PCT + "report/comments/", views.report_comment, name="report_comment"),
]
