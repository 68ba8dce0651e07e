"""Pages of partner feedback: the PCT's invitations (signed in) and a partner's link (no account)."""

from django.urls import path

from . import views

app_name = "feedback"
urlpatterns = [
    path("cycles/<str:cycle>/pcts/<str:code>/partners/", views.invitations, name="invitations"),
    path("cycles/<str:cycle>/pcts/<str:code>/partners/remind/", views.remind, name="remind"),
    path("cycles/<str:cycle>/pcts/<str:code>/partners/results/", views.results, name="results"),
    path("cycles/<str:cycle>/pcts/<str:code>/partners/results.csv", views.results_csv, name="results_csv"),
    path("cycles/<str:cycle>/sha/<str:code>/partners.csv", views.sha_csv, name="sha_csv"),
    path("partner-feedback/thanks/", views.thanks, name="thanks"),
    path("partner-feedback/<str:token>/", views.respond, name="respond"),
]
