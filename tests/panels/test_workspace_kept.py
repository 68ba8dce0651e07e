"""The review-day workspace is kept whole under a stamp of every row its request reads (assurance/pagecache.py): a
kept page is served only to its user, only while nothing it read has changed, access rule included."""

import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assurance import pagecache
from assurance.choices import State
from assurance.models import Membership
from development.models import Action
from feedback.models import Invitation
from panels.models import AgreedRating, PanelMember, ProvisionalRating, Report
from panels.selectors import _items, workspace_rows
from tests.development.helpers import add_action, signed_off
from tests.panels.helpers import agreed_post, review_day, seat_user
from tests.queries import page_tables

pytestmark = pytest.mark.django_db
URL = reverse("panels:workspace", kwargs={"cycle_code": "2009-10", "code": "5NT"})


def _without_tokens(page: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def _last_cycle_plan(world):
    """Last cycle's signed-off report on the PCT, with its recommendations and an action on one."""
    return add_action(world, signed_off(world, cycle=world.previous_cycle))


@pytest.mark.parametrize("state", [State.SUBMITTED, State.IN_REVIEW, State.REPORTED])
@pytest.mark.parametrize("persona", ["panel_chair", "panel_member", "sha_lead", "dh_analyst"])
def test_every_table_a_workspace_request_reads_is_in_its_stamp(world, state, persona):
    day = review_day(world, state, reported=state == State.REPORTED)
    if state == State.REPORTED:
        Report.objects.create(assessment=day.assessment, version=2)  # a corrected version being drafted
    ProvisionalRating.objects.update_or_create(
        review_day=day,
        member=world.users["panel_member"],
        competency=_items(world.cycle)[0].item,
        defaults={"level": 2, "notes": "n"},
    )
    Invitation.objects.create(
        pct=world.pct, cycle=world.cycle, name="Ann", email="a@example.org", partner_type="council"
    )
    _last_cycle_plan(world)
    read = page_tables(world.client_for(persona), URL)
    assert read <= pagecache.tables(workspace_rows()), (
        f"read but not stamped: {read - pagecache.tables(workspace_rows())}"
    )


@override_settings(FRAGMENTS_STRICT=False)
def test_a_kept_page_is_served_from_three_queries_and_is_the_page_rendered(world):
    review_day(world)
    chair = world.client_for("panel_chair")
    caches[pagecache.ALIAS].clear()
    chair.get(URL)  # sets the CSRF cookie: a page is kept only once the client holds one
    rendered = chair.get(URL).content.decode()
    with CaptureQueriesContext(connection) as captured:
        kept = chair.get(URL)
    assert kept.status_code == 200 and _without_tokens(kept.content.decode()) == _without_tokens(rendered)
    sql = [query["sql"] for query in captured]
    assert len(sql) == 3 and "django_session" in sql[0] and "auth_user" in sql[1] and sql[2].startswith("EXECUTE")


@override_settings(FRAGMENTS_STRICT=False)  # a stale page is served, not reported: what a user would see
def test_every_kind_of_change_shows_on_the_next_request(world):
    day = review_day(world)
    chair = world.client_for("panel_chair")
    competency = _items(world.cycle)[0].item

    def page() -> str:
        response = chair.get(URL)
        assert response.status_code == 200
        return response.content.decode()

    page(), page()
    ProvisionalRating.objects.create(review_day=day, member=world.users["panel_member"], competency=competency, level=4)
    assert "Level 4" in page()
    AgreedRating.objects.create(
        assessment=day.assessment, competency=competency, level=3, rationale="Agreed on the day"
    )
    assert "Agreed on the day" in page()
    Invitation.objects.create(
        pct=world.pct, cycle=world.cycle, name="Ann", email="a@example.org", partner_type="council"
    )
    assert "local authority 0 of 1" in page().lower()
    day.place = "The Council Chamber"
    day.save()
    assert "The Council Chamber" in page()
    user = world.users["panel_member"]
    user.first_name, user.last_name = "Renamed", "Member"
    user.save()
    assert "Renamed Member" in page()
    action = _last_cycle_plan(world)
    assert "Appoint a clinical lead for engagement" in page()
    Action.objects.filter(pk=action.pk).update(text="Commission it again")  # a bulk update: no signal, no save()
    assert "Commission it again" in page()
    assert "<select" in page()
    day.assessment.state = State.SUBMITTED
    day.assessment.save()
    assert "<select" not in page() and "can be recorded once the review is open" in page()
    PanelMember.objects.filter(panel=day.panel, user=world.users["panel_chair"]).update(is_chair=False)
    assert "Only the panel chair records the agreed ratings" in page()  # no longer the chair


@override_settings(FRAGMENTS_STRICT=False)
def test_a_kept_page_is_refused_as_soon_as_the_access_rule_would_refuse_it(world):
    review_day(world)
    member = seat_user("panel_leaver", world.sha)
    PanelMember.objects.create(panel=review_day(world).panel, user=member)
    client = world.client_for("panel_chair")
    client.force_login(member)
    assert client.get(URL).status_code == 200 and client.get(URL).status_code == 200  # kept
    Membership.objects.filter(user=member).delete()
    assert client.get(URL).status_code == 404
    other = world.client_for("other_panel_chair")
    assert other.get(URL).status_code == 404  # another SHA's chair: never served the page kept for someone else


@override_settings(FRAGMENTS_STRICT=False)
def test_each_user_gets_their_own_page(world):
    review_day(world)
    chair, member = world.client_for("panel_chair"), world.client_for("panel_member")
    for _ in range(2):
        assert "<select" in chair.get(URL).content.decode()
        assert "<select" not in member.get(URL).content.decode()


def test_a_message_shows_once_and_a_kept_page_posts_back(world):
    review_day(world)
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["panel_chair"], backend="django.contrib.auth.backends.ModelBackend")
    client.get(URL)
    kept = client.get(URL).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', kept).group(1)
    saved = client.post(URL, agreed_post(world) | {"csrfmiddlewaretoken": token}, follow=True)
    assert saved.status_code == 200 and "Agreed ratings saved." in saved.content.decode()
    assert "Agreed ratings saved." not in client.get(URL).content.decode()


def _request(rf, user):
    from django.contrib.messages.storage.cookie import CookieStorage

    request = rf.get("/kept/")
    request.user, request.META["CSRF_COOKIE"] = user, "s" * 32
    request._messages = CookieStorage(request)
    return request


def test_a_rendering_during_which_a_write_lands_is_not_kept(world, rf):
    from django.http import HttpResponse

    from assurance.models import Cycle

    rows = (pagecache.Rows(Cycle),)
    request = _request(rf, world.users["panel_chair"])

    def render_while_writing():
        Cycle.objects.filter(code="2009-10").update(name="Renamed while rendering")
        return HttpResponse("rendered")

    caches[pagecache.ALIAS].clear()
    pagecache.serve(request, "test", lambda: pagecache.stamp(rows, {}), render_while_writing)
    calls = []
    pagecache.serve(request, "test", lambda: pagecache.stamp(rows, {}), lambda: calls.append(1) or HttpResponse("x"))
    assert calls == [1]  # rendered again: the first rendering was not kept


def test_strict_mode_reports_a_page_whose_stamp_misses_a_row(world, rf):
    from django.core.exceptions import PermissionDenied
    from django.http import HttpResponse

    request = _request(rf, world.users["panel_chair"])
    caches[pagecache.ALIAS].clear()
    pagecache.serve(request, "test", lambda: "same", lambda: HttpResponse("first"))
    with pytest.raises(pagecache.StalePage, match="differs"):
        pagecache.serve(request, "test", lambda: "same", lambda: HttpResponse("second"))

    def refused():
        raise PermissionDenied

    with pytest.raises(pagecache.StalePage, match="refused"):
        pagecache.serve(request, "test", lambda: "same", refused)
