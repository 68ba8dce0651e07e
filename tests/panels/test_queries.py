"""The workspace and the pack run a fixed number of queries whatever the panel size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from panels.demo import _ratings
from panels.models import PanelMember
from tests.panels.helpers import review_day, seat_user

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["panels:workspace", "panels:pack"])
def test_queries_do_not_grow_with_the_panel(world, name):
    day = review_day(world)
    client = world.client_for("panel_chair")
    url = reverse(name, kwargs={"cycle_code": "2009-10", "code": "5NT"})
    _ratings(day, agreed_share=0.5)
    _queries(client, url)  # warm: the session and the demo-data flag are cached after the first request
    small = _queries(client, url)
    for n in range(5):
        PanelMember.objects.create(panel=day.panel, user=seat_user(f"panel_extra{n}", world.sha))
    _ratings(day, agreed_share=1)
    assert _queries(client, url) == small
