"""Every URL the project defines, with every role and anonymous: the expected allow or deny."""

from importlib import import_module
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.personas import ROLES

# URL names deliberately outside the matrix, with the reason.
EXCLUDED_NAMESPACES = {"admin"}  # Django admin: staff only, its own permission system

APPS = sorted(p.parent.name for p in Path(__file__).parent.glob("*/access_cases.py"))
CASES = [case for app in APPS for case in import_module(f"tests.{app}.access_cases").CASES]


def _url_names(resolver: URLResolver, namespace: str = "") -> set[str]:
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in EXCLUDED_NAMESPACES:
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_url_has_an_access_case():
    defined = _url_names(get_resolver())
    covered = {case.name for case in CASES}
    assert defined - covered == set(), "URLs without an access case: add them to tests/<app>/access_cases.py"
    assert covered - defined == set(), "Access cases for URLs that do not exist"


@pytest.mark.parametrize(
    ("case", "role"),
    [(case, role) for case in CASES for role in ROLES],
    ids=[f"{case.name}[{i}]-{role}" for i, case in enumerate(CASES) for role in ROLES],
)
def test_role_gets_expected_status(world, case, role):
    url = reverse(case.name, kwargs=case.kwargs(world)) + case.query
    client = world.client_for(role)
    if case.method == "post":
        response = client.post(url, case.data(world) if case.data else {})
    else:
        response = client.get(url)
    assert response.status_code == case.expect[role], f"{role} {case.method.upper()} {url}"
