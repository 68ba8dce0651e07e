"""The project's URLs plus the floor: a bare Django view that returns a short fixed text (benchmarks only)."""

from django.http import HttpResponse
from django.urls import path

from assurance.urls import urlpatterns as project_urlpatterns


def floor(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/floor/", floor, name="bench-floor"), *project_urlpatterns]
