"""Run a per-app hook module (`reference`, `demo`) for every installed app of ours, in INSTALLED_APPS order.

This keeps the base app free of imports of the others: each app loads its own reference and demo data.
"""

from collections.abc import Iterator
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps

OUR_APPS = (
    "assurance",
    "outcomes",
    "competencies",
    "governance",
    "feedback",
    "panels",
    "partnerships",
    "development",
    "assurance.national",
)


def hook_modules(name: str) -> Iterator:
    """Yield `<app>.<name>` for each of our apps that has one."""
    for config in apps.get_app_configs():
        if config.name in OUR_APPS and find_spec(f"{config.name}.{name}"):
            yield import_module(f"{config.name}.{name}")
