"""Pages of the national app."""

app_name = "national"
urlpatterns: list = []
