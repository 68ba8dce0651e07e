"""The review-day workspace's grid is written by one tag per row (panels_tags.workspace_row) and each row is kept in
the fragment cache under the fingerprint of what it shows: a change to anything shown gives a new row, never a stale
one, and what people write is escaped."""

import re

from django.urls import reverse

from panels.models import ProvisionalRating
from panels.selectors import _items
from tests.panels.helpers import review_day


def _row(page: str, label: str) -> str:
    start = page.index(f'<th scope="row" class="govuk-table__header">{label}')
    return page[page.rindex("<tr", 0, start) : page.index("</tr>", start)]


def test_the_grid_shows_each_members_rating_escaped_and_follows_every_change(world):
    day = review_day(world)
    competency = next(r for r in _items(world.cycle) if r.kind == "competency").item
    label = f"{competency.number}. {competency.short_name}"
    rating = ProvisionalRating.objects.create(
        review_day=day, member=world.users["panel_member"], competency=competency, level=1, notes="<b>Seen</b> & noted"
    )
    ProvisionalRating.objects.create(review_day=day, member=world.users["panel_chair"], competency=competency, level=3)
    url = reverse("panels:workspace", kwargs={"cycle_code": "2009-10", "code": "5NT"})
    chair = world.client_for("panel_chair")

    # the PCT's self-assessed level first, then the chair's and the member's (the external member has none)
    first = _row(chair.get(url).content.decode(), label)
    assert "&lt;b&gt;Seen&lt;/b&gt; &amp; noted" in first and "<b>" not in first
    assert re.findall(r'<td class="govuk-table__cell">(Level \d)</td>', first)[1:] == ["Level 3", "Level 1"]
    assert "Differ by 2</strong>" in first and "app-spread-wide" in first
    assert _row(chair.get(url).content.decode(), label) == first  # the second rendering comes from the cache

    rating.level, rating.notes = 2, "Changed"
    rating.save()
    changed = _row(chair.get(url).content.decode(), label)
    assert re.findall(r'<td class="govuk-table__cell">(Level \d)</td>', changed)[1:] == ["Level 3", "Level 2"]
    assert "Changed" in changed and "Differ by" not in changed and "app-spread-wide" not in changed

    member = _row(world.client_for("panel_member").get(url).content.decode(), label)
    assert "<select" not in member and "<textarea" not in member and "not rated" in member  # only the chair agrees
    assert "disabled" not in first
