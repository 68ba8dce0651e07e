from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "outcomes"

    def ready(self):
        from . import resultcache
        from .signals import scorecards_stored

        # New stored results give the cached compare-areas and overview bodies a new version (outcomes/resultcache.py).
        scorecards_stored.connect(resultcache.bump, dispatch_uid="outcomes-results-version")
