"""Pages of the national app: rollups and publication (signed in), report cards (public)."""

from django.urls import path

from . import views

app_name = "national"
urlpatterns = [
    path("national/<str:cycle>/", views.dashboard, name="dashboard"),
    path("national/<str:cycle>/sha/<str:code>/", views.sha, name="sha"),
    path("national/<str:cycle>/moderation/", views.moderation, name="moderation"),
    path("national/<str:cycle>/moderation/sign-off/", views.moderation_sign_off, name="moderation_sign_off"),
    path("national/<str:cycle>/moderation/sha/<str:code>/", views.moderation_sha, name="moderation_sha"),
    path(
        "national/<str:cycle>/moderation/sha/<str:code>/<int:number>/note/",
        views.moderation_note,
        name="moderation_note",
    ),
    path(
        "national/<str:cycle>/moderation/sha/<str:code>/area/<slug:area>/note/",
        views.moderation_area_note,
        name="moderation_area_note",
    ),
    path("national/<str:cycle>/moderation/<str:code>.csv", views.moderation_download, name="moderation_download"),
    path("national/<str:cycle>/areas/<str:code>/", views.areas, name="areas"),
    path("national/<str:cycle>/<str:code>/<str:kind>.csv", views.download, name="download"),
    path("national/<str:cycle>/publication/", views.publication, name="publication"),
    path("national/<str:cycle>/publication/confirm/", views.publish_confirm, name="publish_confirm"),
    path("national/<str:cycle>/publication/withdraw/", views.withdraw, name="withdraw"),
    path("national/<str:cycle>/publication/withdraw/confirm/", views.withdraw_confirm, name="withdraw_confirm"),
    path("public/<str:cycle>/report-cards/", views.report_card_index, name="report_card_index"),
    path("public/<str:cycle>/report-cards/<str:org_code>/", views.report_card, name="report_card"),
]
