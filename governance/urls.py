"""Pages of the governance app."""

from django.urls import path

from . import views

app_name = "governance"
urlpatterns = [
    path("cycles/<str:cycle>/pcts/<str:code>/governance/", views.index, name="index"),
    path("cycles/<str:cycle>/pcts/<str:code>/governance/<int:area_id>/", views.area, name="area"),
]
