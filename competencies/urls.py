"""Pages of the competencies app."""

from django.urls import path

from . import views

app_name = "competencies"
urlpatterns = [
    path(
        "cycles/<str:cycle>/pcts/<str:code>/competencies/<int:number>/",
        views.competency,
        name="competency",
    ),
    path("cycles/<str:cycle>/pcts/<str:code>/evidence/", views.evidence, name="evidence"),
    path("evidence/<int:pk>/download/", views.evidence_download, name="evidence-download"),
    path("evidence/<int:pk>/remove/", views.evidence_remove, name="evidence-remove"),
]
