"""Pages of the development app."""

from django.urls import path

from . import views

app_name = "development"
PLAN = "cycles/<str:cycle>/pcts/<str:code>/development-plan/"
urlpatterns = [
    path(
        "cycles/<str:cycle_code>/pcts/<str:code>/report/recommendations/", views.recommendations, name="recommendations"
    ),
    path(
        "cycles/<str:cycle_code>/pcts/<str:code>/report/recommendations/<int:pk>/",
        views.recommendation_edit,
        name="recommendation_edit",
    ),
    path(
        "cycles/<str:cycle_code>/pcts/<str:code>/report/recommendations/<int:pk>/remove/",
        views.recommendation_remove,
        name="recommendation_remove",
    ),
    path(PLAN, views.plan, name="plan"),
    path("cycles/<str:cycle>/pcts/<str:code>/development-plan.csv", views.plan_csv, name="plan_csv"),
    path(PLAN + "recommendations/<int:rec>/actions/new/", views.action_new, name="action_new"),
    path(PLAN + "actions/<int:pk>/", views.action, name="action"),
    path(PLAN + "actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path(PLAN + "actions/<int:pk>/update/", views.action_update, name="action_update"),
    path(PLAN + "actions/<int:pk>/comment/", views.action_comment, name="action_comment"),
    path("sha/<str:sha_code>/development-plans/<str:cycle_code>/", views.sha_plans, name="sha_plans"),
    path("cycles/<str:cycle>/pcts/<str:code>/board-sign-off/", views.board_sign_off, name="board_sign_off"),
]
