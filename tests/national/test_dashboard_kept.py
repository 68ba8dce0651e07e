"""England's dashboard is kept whole under a stamp of every row its request reads (assurance/pagecache.py), as the
review-day workspace is (tests/panels/test_workspace_kept.py): served only to its user, only while nothing read has
changed, access rule included."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assurance import pagecache
from assurance.context_processors import demo_data
from assurance.models import Membership
from assurance.national import services
from assurance.national.choices import RollupKind
from assurance.national.models import Rollup
from assurance.national.selectors import dashboard_rows
from tests.queries import page_tables

pytestmark = pytest.mark.django_db
URL = reverse("national:dashboard", args=["2009-10"])


def test_every_table_a_dashboard_request_reads_is_in_its_stamp(world):
    services.rollups_refresh(cycle=world.cycle)
    admin = get_user_model().objects.create_superuser("national_admin", "admin@example.org", "x")
    clients = [world.client_for("dh_analyst"), world.client_for("dh_analyst")]
    clients[1].force_login(admin, backend="django.contrib.auth.backends.ModelBackend")  # England without membership
    demo_data()  # the demo-data flag is part of the key, not of the stamp: read it before
    for client in clients:
        read, stamped = page_tables(client, URL), pagecache.tables(dashboard_rows())
        assert read <= stamped, f"read but not stamped: {read - stamped}"


@override_settings(FRAGMENTS_STRICT=False)  # a stale page is served, not reported: what a user would see
def test_a_kept_dashboard_costs_three_queries_and_follows_every_recomputation(world):
    services.rollups_refresh(cycle=world.cycle)
    client = world.client_for("dh_analyst")
    caches[pagecache.ALIAS].clear()
    client.get(URL), client.get(URL)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL).status_code == 200
    assert len(captured) == 3 and captured[2]["sql"].startswith("EXECUTE")
    Rollup.objects.filter(cycle=world.cycle, kind=RollupKind.COMPETENCY_LEVELS, scope__code="Q31").update(
        table={"columns": ["total"], "rows": [[97]]}
    )  # a bulk update: no signal, no save()
    assert re.search(r"numeric\">97</td>", client.get(URL).content.decode())


@override_settings(FRAGMENTS_STRICT=False)
def test_a_kept_dashboard_is_refused_once_the_access_rule_would_refuse_it(world):
    client = world.client_for("dh_analyst")
    assert [client.get(URL).status_code for _ in range(3)] == [200, 200, 200]
    Membership.objects.filter(user=world.users["dh_analyst"]).delete()
    assert client.get(URL).status_code == 403
    sha_lead = world.client_for("sha_lead")
    assert [sha_lead.get(URL).status_code for _ in range(3)] == [302, 302, 302]  # sent to its SHA, every time
