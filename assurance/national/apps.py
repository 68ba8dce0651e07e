from django.apps import AppConfig


class NationalConfig(AppConfig):
    name = "assurance.national"
    label = "national"
    verbose_name = "National rollups and publication"

    def ready(self) -> None:
        from . import signals  # noqa: F401 - connects the rollup triggers
