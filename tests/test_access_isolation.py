"""Strangers find nothing: each PCT user against other PCTs, each SHA user against other SHAs and their PCTs.

Every URL the project defines that names an organisation (`code` or `org_code`) is tried, pages and API alike,
against foreign organisations: every SHA, and two PCTs (the first and last by code) of the user's own SHA (the nearest
strangers) and of each other SHA, after giving each PCT an assessment so there is something to find. Access depends
on where an organisation sits (the same SHA or another), not on which PCT it is, so two of each place stand for the
rest (trying all 21 other PCTs of a PCT user's SHA, as before, cost two-thirds more requests and proved no more).
A foreign organisation's URL must answer 404 (unseen) or 403 (seen, not allowed). URLs that are public by design
(anonymous callers get 200 in the access matrix) are left out, and so are URLs keyed by an object id (their apps test
them). The API lists are read in full and must hold no foreign PCT or SHA.
"""

import functools
from importlib import import_module
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from assurance.choices import OrgKind, State
from assurance.models import Assessment, Organisation
from tests.personas import PERSONAS

APPS = sorted(p.parent.name for p in Path(__file__).parent.glob("*/access_cases.py"))
CASES = [case for app in APPS for case in import_module(f"tests.{app}.access_cases").CASES]
PUBLIC = {case.name for case in CASES if case.expect["anonymous"] == 200}
ORGANISATION_KWARGS = {"code", "org_code"}
NOT_ORGANISATIONS = {"cycle-detail", "outcomes:indicator"}  # their `code` is a cycle's, an indicator's
# Indicator values are readable by any signed-in user, as the benchmarks API is: the SHA overview shows stored
# indicator results only (no self-assessment, rating or report), so another SHA's overview is not a stranger's data.
SIGNED_IN_OPEN = {"outcomes:overview"}
FILLERS = {
    "cycle": lambda: "2009-10",
    "cycle_code": lambda: "2009-10",
    "number": lambda: 1,
    "area_id": lambda: _first_area_id(),
}
PCT_PERSONAS = [name for name, (_, role) in PERSONAS.items() if role.startswith("pct_")]
SHA_PERSONAS = [name for name, (code, _) in PERSONAS.items() if code.startswith("Q")]


@functools.cache
def _first_area_id() -> int:
    from governance.models import GovernanceArea

    return GovernanceArea.objects.filter(cycle__code="2009-10").order_by("order").values_list("pk", flat=True)[0]


def _patterns(resolver: URLResolver, namespace: str = "") -> list[tuple[str, set[str]]]:
    """(URL name, its keyword arguments) for every named pattern outside the admin."""
    found = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found += _patterns(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            kwargs = set(pattern.pattern.converters) or set(pattern.pattern.regex.groupindex) - {"format"}
            found.append((f"{namespace}{pattern.name}", kwargs))
    return found


def organisation_urls() -> list[tuple[str, set[str]]]:
    """The URL names keyed by an organisation, that are not public and need nothing but fillable arguments."""
    chosen = []
    for name, kwargs in _patterns(get_resolver()):
        if name in PUBLIC | SIGNED_IN_OPEN or name in NOT_ORGANISATIONS or not kwargs & ORGANISATION_KWARGS:
            continue
        if kwargs - ORGANISATION_KWARGS - set(FILLERS):
            continue  # keyed by an object id as well: its app's tests cover it
        if name.startswith("moved:"):
            continue  # an old address: 301 for anyone to the new one, which is tried here itself (assurance/moved.py)
        chosen.append((name, kwargs))
    return sorted(set((name, frozenset(kwargs)) for name, kwargs in chosen))


def _sample_of_pcts(exclude_sha: str | None = None, exclude_pct: str | None = None) -> list[str]:
    """Two PCTs (first and last by code) of each SHA other than `exclude_sha`, never `exclude_pct`."""
    chosen = []
    for sha in Organisation.objects.filter(kind=OrgKind.SHA).exclude(code=exclude_sha):
        pcts = sha.children.filter(kind=OrgKind.PCT).exclude(code=exclude_pct)
        codes = sorted(pcts.values_list("code", flat=True))
        chosen += sorted({codes[0], codes[-1]}) if codes else []
    return chosen


def _url(name: str, kwargs: frozenset, code: str) -> str:
    values = {key: (code if key in ORGANISATION_KWARGS else FILLERS[key]()) for key in kwargs}
    return reverse(name, kwargs=values)


def _leaks(client, urls: list[tuple[str, frozenset]], codes: list[str]) -> list[str]:
    leaks = []
    for code in codes:
        for name, kwargs in urls:
            url = _url(name, kwargs, code)
            status = client.get(url).status_code
            if status == 405:
                status = client.post(url, {}).status_code
            if status not in (403, 404):
                leaks.append(f"{url} -> {status}")
    return leaks


def _listed_codes(client) -> set[str]:
    codes, url = set(), reverse("organisation-list") + "?limit=1000"
    while url:
        page = client.get(url).json()
        codes |= {row["code"] for row in page["results"]}
        url = page["next"]
    return codes


@pytest.fixture
def every_pct_assessed(world):
    """An assessment for every PCT in the current cycle, so a foreign PCT's pages have something to show."""
    existing = set(Assessment.objects.filter(cycle=world.cycle).values_list("organisation_id", flat=True))
    Assessment.objects.bulk_create(
        Assessment(organisation=pct, cycle=world.cycle, state=State.SUBMITTED)
        for pct in Organisation.objects.filter(kind=OrgKind.PCT).exclude(pk__in=existing)
    )
    return world


def test_the_isolation_test_has_urls_to_try():
    names = {name for name, _ in organisation_urls()}
    assert {"organisation", "assessment", "organisation-detail"} <= names


@pytest.mark.parametrize("persona", PCT_PERSONAS)
def test_a_pct_user_finds_nothing_of_another_pct(every_pct_assessed, persona):
    world = every_pct_assessed
    own = PERSONAS[persona][0]
    sha = Organisation.objects.get(code=own).parent
    foreign = _sample_of_pcts(exclude_pct=own)  # two of its own SHA's other PCTs, two of each other SHA's
    assert len(foreign) == 20 and {o.parent.code for o in Organisation.objects.filter(code__in=foreign)} >= {sha.code}
    foreign += list(Organisation.objects.filter(kind=OrgKind.SHA).values_list("code", flat=True))
    client = world.client_for(persona)
    assert _leaks(client, organisation_urls(), foreign) == []
    listed = Organisation.objects.filter(code__in=_listed_codes(client), kind__in=[OrgKind.PCT, OrgKind.SHA])
    assert set(listed.values_list("code", flat=True)) - {own, world.sha.code} == set()


@pytest.mark.parametrize("persona", SHA_PERSONAS)
def test_an_sha_user_finds_nothing_of_another_sha(every_pct_assessed, persona):
    world = every_pct_assessed
    own = PERSONAS[persona][0]
    foreign = _sample_of_pcts(exclude_sha=own)
    foreign += list(Organisation.objects.filter(kind=OrgKind.SHA).exclude(code=own).values_list("code", flat=True))
    client = world.client_for(persona)
    assert _leaks(client, organisation_urls(), foreign) == []
    listed = Organisation.objects.filter(code__in=_listed_codes(client), kind__in=[OrgKind.PCT, OrgKind.SHA])
    assert listed.exclude(code=own).exclude(parent__code=own).count() == 0
