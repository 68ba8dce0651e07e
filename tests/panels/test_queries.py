"""The workspace and the pack run a fixed number of queries whatever the panel size."""

import pytest
from django.core.cache import caches
from django.urls import reverse

from assurance import pagecache
from panels.demo import _ratings
from panels.models import PanelMember
from tests.panels.helpers import review_day, seat_user
from tests.queries import page_queries

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["panels:workspace", "panels:pack"])
def test_queries_do_not_grow_with_the_panel(world, name):
    day = review_day(world)
    client = world.client_for("panel_chair")
    url = reverse(name, kwargs={"cycle_code": "2009-10", "code": "5NT"})
    _ratings(day, agreed_share=0.5)
    page_queries(client, url)  # warm: the session and the demo-data flag are cached after the first request
    caches[pagecache.ALIAS].clear()  # a rendering, not a kept workspace (tests/panels/test_workspace_kept.py)
    small = page_queries(client, url)
    for n in range(5):
        PanelMember.objects.create(panel=day.panel, user=seat_user(f"panel_extra{n}", world.sha))
    _ratings(day, agreed_share=1)
    caches[pagecache.ALIAS].clear()
    assert page_queries(client, url) == small
