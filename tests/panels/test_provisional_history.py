"""Provisional ratings keep their history, and a member who has seen colleagues' ratings of an item can change
their own but not withdraw it (issue 14, finding 8)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from panels import selectors, services
from panels.models import ProvisionalRating
from panels.services import Entry
from tests.panels.helpers import review_day

pytestmark = pytest.mark.django_db

WITHDRAW = "you can change your rating but not withdraw it"


def _first_competency(day):
    return next(r for r in selectors._items(day.assessment.cycle) if r.kind == "competency")


@pytest.fixture
def revealed(world):
    """The chair rated competency 1 at level 4; the member then rated it 2 on the pack page, which revealed the 4."""
    day = review_day(world)
    row = _first_competency(day)
    services.provisional_ratings_save(review_day=day, by=world.users["panel_chair"], entries={row.key: Entry(4, "x")})
    client = world.client_for("panel_member")
    url = reverse("panels:pack", kwargs={"cycle_code": "2009-10", "code": "5NT"})
    assert client.post(url, {f"v_{row.key}": "2", f"t_{row.key}": "Weak evidence"}).status_code == 302
    assert "Level 4" in client.get(url).content.decode()  # seen
    return {"day": day, "row": row, "client": client, "url": url, "member": world.users["panel_member"]}


def test_clearing_a_rating_after_seeing_colleagues_is_refused_on_the_page(revealed):
    row = revealed["row"]
    response = revealed["client"].post(revealed["url"], {f"v_{row.key}": "", f"t_{row.key}": "Weak evidence"})
    assert response.status_code == 400
    assert WITHDRAW in " ".join(response.content.decode().split())
    kept = ProvisionalRating.objects.get(review_day=revealed["day"], member=revealed["member"])
    assert (kept.level, kept.notes) == (2, "Weak evidence")


def test_clearing_is_refused_by_the_service_too(revealed):
    entry = {revealed["row"].key: Entry(None, "")}
    with pytest.raises(ValidationError, match=WITHDRAW):
        services.provisional_ratings_save(review_day=revealed["day"], by=revealed["member"], entries=entry)
    assert ProvisionalRating.objects.filter(review_day=revealed["day"], member=revealed["member"]).count() == 1


def test_a_revealed_rating_may_change_and_the_history_keeps_who_what_when(revealed):
    row, member = revealed["row"], revealed["member"]
    assert revealed["client"].post(revealed["url"], {f"v_{row.key}": "3", f"t_{row.key}": "Better"}).status_code == 302
    rating = ProvisionalRating.objects.get(review_day=revealed["day"], member=member)
    history = list(rating.history.order_by("-history_date", "-history_id"))
    assert [(h.level, h.notes) for h in history] == [(3, "Better"), (2, "Weak evidence")]
    assert {h.history_user for h in history} == {member}
    assert all(h.history_date for h in history)


def test_a_note_without_a_rating_can_be_cleared_and_the_history_shows_it(world):
    day = review_day(world)
    row = _first_competency(day)
    member = world.users["panel_member"]
    assert services.provisional_ratings_save(review_day=day, by=member, entries={row.key: Entry(None, "To ask")}) == 1
    assert services.provisional_ratings_save(review_day=day, by=member, entries={row.key: Entry(None, "")}) == 0
    assert not ProvisionalRating.objects.filter(review_day=day, member=member).exists()  # no empty rows
    kinds = list(ProvisionalRating.history.filter(member=member).order_by("history_date").values_list("history_type"))
    assert kinds == [("+",), ("-",)]
