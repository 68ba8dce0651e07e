"""Values every page needs: the service name, the current cycle and whether demo data is loaded."""

from django.core.cache import cache

from . import access
from .models import Assessment


def service(request) -> dict:
    demo = cache.get("assurance:demo-data")
    if demo is None:
        demo = Assessment.objects.filter(is_demo=True).exists()
        cache.set("assurance:demo-data", demo, 60)
    return {
        "service_name": "Commissioning assurance",
        "demo_data": demo,
        "may_hold_api_token": access.may_hold_api_token(request.user) if hasattr(request, "user") else False,
    }
