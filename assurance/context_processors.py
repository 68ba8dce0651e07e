"""Values every page needs: the service name, the current cycle and whether demo data is loaded."""

from django.core.cache import cache

from . import access
from .models import Assessment


def demo_data() -> bool:
    """Whether demo data is loaded (every page says so), read at most once a minute."""
    demo = cache.get("assurance:demo-data")
    if demo is None:
        demo = Assessment.objects.filter(is_demo=True).exists()
        cache.set("assurance:demo-data", demo, 60)
    return demo


def service(request) -> dict:
    return {
        "service_name": "Commissioning assurance",
        "demo_data": demo_data(),
        "may_hold_api_token": access.may_hold_api_token(request.user) if hasattr(request, "user") else False,
    }
