"""Pages of partner feedback: the PCT's invitations (signed in) and a partner's link (no account)."""

from django.urls import path

from . import views

app_name = "feedback"
urlpatterns = [
    path("cycles/<str:cycle>/pcts/<str:code>/partners/", views.invitations, name="invitations"),
    path("cycles/<str:cycle>/pcts/<str:code>/partners/remind/", views.remind, name="remind"),
    path("cycles/<str:cycle>/pcts/<str:code>/partners/results/", views.results, name="results"),
    path("partner-feedback/thanks/", views.thanks, name="thanks"),
    path("partner-feedback/<str:token>/", views.respond, name="respond"),
]
