"""Pages of the national app: rollups and publication (signed in), report cards (public)."""

from django.urls import path

from . import views

app_name = "national"
urlpatterns = [
    path("national/<str:cycle>/", views.dashboard, name="dashboard"),
    path("national/<str:cycle>/sha/<str:code>/", views.sha, name="sha"),
    path("national/<str:cycle>/areas/<str:code>/", views.areas, name="areas"),
    path("national/<str:cycle>/<str:code>/<str:kind>.csv", views.download, name="download"),
    path("national/<str:cycle>/publication/", views.publication, name="publication"),
    path("national/<str:cycle>/publication/withdraw/", views.withdraw, name="withdraw"),
    path("public/<str:cycle>/report-cards/", views.report_card_index, name="report_card_index"),
    path("public/<str:cycle>/report-cards/<str:org_code>/", views.report_card, name="report_card"),
]
