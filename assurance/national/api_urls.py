"""API of the national app."""

urlpatterns: list = []
