"""Every page a role may use is reachable by links from its home page (issue: pages only reachable by typing an
address).

The access matrix (tests/test_access_matrix.py) is the list of page types: for each role, every URL pattern the
matrix allows it to GET (status 200) must be reached by following links only, starting at the home page, on the demo
data (`manage.py load_demo`: PCTs in every state, review days, reports, a publication). The walk is
tests/linkwalk.py: same-site GET links only, bounded. A real-browser walk for people is in
tests/browser/test_links.py.
"""

import os

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from assurance.choices import State
from assurance.models import Assessment
from outcomes.choices import ImportStatus
from outcomes.models import ImportJob
from tests.linkwalk import walk
from tests.test_access_matrix import CASES

# Demo login -> the persona of the access matrix with the same role and organisation (tests/personas.py).
DEMO_LOGINS = {
    "pct.lead": "pct_lead",
    "pct.contributor": "pct_contributor",
    "panel.member": "panel_member",
    "panel.chair": "panel_chair",
    "sha.lead": "sha_lead",
    "dh.analyst": "dh_analyst",
    "la.partner": "la_partner",
    None: "anonymous",
}

API = "JSON for programs (documented at /api/docs/, which the footer links), not a page to browse"
CSV = "a CSV download of a page's table (tests/assurance/test_csv_downloads.py checks every one)"
FILE = "a file download (a document, a PDF) linked from its page; not fetched by the walk"
# Page types the matrix allows that people do not browse to, with the reason.
NOT_PAGES = {
    "api-root": API, "organisation-list": API, "organisation-detail": API, "cycle-list": API, "cycle-detail": API,
    "indicator-list": API, "indicator-detail": API, "indicator-benchmarks": API, "scorecard-detail": API,
    "self-assessment-detail": API, "cycle-ratings": API, "national-rollup": API, "national-report-card": API,
    "partnerships:api": API, "development-plan": API, "partner-feedback": API,
    "schema": "the OpenAPI schema, read by the API docs page and by programs",
    "outcomes:import_progress": "JSON polled by the import status page's progress bar",
    "outcomes:scorecard_csv": CSV, "outcomes:data_pack_csv": CSV, "partnerships:csv": CSV, "national:download": CSV,
    "panels:report_pdf": FILE, "competencies:evidence-download": FILE,
    "partnerships:needs_assessment_document": FILE,
    "feedback:respond": "a partner's single-use link, reached from their invitation email, not from a page",
    "feedback:thanks": "shown once after a partner sends their answers through their link",
    "health": "for load balancers, not people",
    "login": "the walk is signed in (anonymous: the home page sends it there)",
    "logout": "POST only (the sign-out button)",
}  # fmt: skip


def _pages_allowed(role: str) -> set[str]:
    allowed = {c.name for c in CASES if c.method == "get" and c.expect[role] == 200}
    return allowed - set(NOT_PAGES)


@pytest.fixture
def demo(db):
    # The test personas start Bolton's 2009-10 assessment as a draft; the demo has it in review (the chair's
    # recommendations are written then), so it is put back in review before the demo builds its review day.
    Assessment.objects.filter(organisation__code="5HQ", cycle__code="2009-10").update(state=State.IN_REVIEW)
    call_command("load_demo", stdout=open(os.devnull, "w"))
    dh = get_user_model().objects.get(username="dh.analyst")  # an import to look back at
    ImportJob.objects.create(created_by=dh, file_name="values.csv", content=b"", status=ImportStatus.DONE)


def test_not_pages_name_real_page_types():
    names = {c.name for c in CASES}
    assert set(NOT_PAGES) <= names


@pytest.mark.browser  # long: loads the demo data, then walks about a thousand pages
def test_every_page_a_role_may_use_is_reached_by_links_from_its_home(demo):
    unreached, broken, walked = {}, {}, {}
    for username, role in DEMO_LOGINS.items():
        client = Client()
        if username:
            user = get_user_model().objects.get(username=username)
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        wanted = _pages_allowed(role)
        found = walk(client, "/", stop_when=lambda reached, wanted=wanted: wanted <= reached)
        walked[role] = found.pages
        if wanted - set(found.reached):
            unreached[role] = sorted(wanted - set(found.reached))
        if found.broken:
            broken[role] = found.broken[:5]
    assert unreached == {}, f"page types no link leads to, by role: {unreached} (pages walked: {walked})"
    assert broken == {}, f"links that lead nowhere: {broken}"
