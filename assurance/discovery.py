"""Run a per-app hook module (`reference`, `demo`, `parts`, ...) for every installed app of ours, in app order.

This keeps the base app free of imports of the others: each app loads its own reference and demo data, and adds its
parts to the pages of apps that may not import it (`page_parts`).
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


def page_parts(page: str, **kwargs) -> dict:
    """What the apps above a page add to it: `<app>.parts.<page>(**kwargs)` of each app whose `parts.py` has a
    function of that name, merged in app order. Each reads through its own selectors, so templates get data, never a
    tag that queries (docs/architecture.md, "Hook modules")."""
    context: dict = {}
    for module in hook_modules("parts"):
        part = getattr(module, page, None)
        if part is not None:
            context.update(part(**kwargs))
    return context


def page_rows(page: str) -> list:
    """The rows the apps above a page show on it, for the page's stamp (assurance/pagecache.py): each app's
    `parts.<page>_rows()`, concatenated in app order."""
    rows: list = []
    for module in hook_modules("parts"):
        part = getattr(module, f"{page}_rows", None)
        if part is not None:
            rows.extend(part())
    return rows
