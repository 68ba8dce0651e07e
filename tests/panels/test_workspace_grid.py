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


def _without_tokens(page: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def test_the_cached_grid_is_the_html_each_row_renders_to_and_its_key_covers_what_it_shows(world, monkeypatch):
    from django.core.cache import caches
    from django.utils.safestring import mark_safe

    from assurance import fragments
    from panels.templatetags import panels_tags

    day = review_day(world)
    competency = next(r for r in _items(world.cycle) if r.kind == "competency").item
    ProvisionalRating.objects.create(review_day=day, member=world.users["panel_chair"], competency=competency, level=2)
    url = reverse("panels:workspace", kwargs={"cycle_code": "2009-10", "code": "5NT"})
    chair = world.client_for("panel_chair")
    rendered = []
    real_html = panels_tags._workspace_row_html
    monkeypatch.setattr(
        panels_tags, "_workspace_row_html", lambda *args: rendered.append(real_html(*args)) or rendered[-1]
    )

    def general(*values):
        raise AssertionError("the workspace's rows are plain values: keyed without the general fingerprint")

    monkeypatch.setattr(fragments, "fingerprint", general)
    caches[fragments.ALIAS].clear()
    cold = chair.get(url).content.decode()
    assert len(rendered) > 10 and all(html in cold for html in rendered)  # the page is the rows' own HTML
    count = len(rendered)
    warm = chair.get(url).content.decode()
    assert _without_tokens(warm) == _without_tokens(cold)
    assert len(rendered) == count  # the second page came from the cache, row by row
    monkeypatch.undo()

    # Every value shown is in the key; safe text (a template's literal) and the same text escaped differ; anything
    # other than plain values in tuples goes to the general fingerprint.
    view = panels_tags._RowView(
        "competency", "1. Plans", (("Ann", "ok"),), 3, (2, None), True, 1, False,
        panels_tags._Field("id_v", "v", "2", (), ((1, "Level 1"), (2, "Level 2"))),
        panels_tags._Field("id_t", "t", "why", (), ()), None, 2, "as agreed",
    )  # fmt: skip
    key = panels_tags._row_key(view, "Agreed level", False)
    assert key == panels_tags._row_key(view._replace(notes=(("Ann", "ok"),)), "Agreed level", False)
    for changed in (
        view._replace(others=(2, 1)), view._replace(revealed=False), view._replace(self_value="3"),
        view._replace(value_field=view.value_field._replace(errors=("Choose a level",))),
        view._replace(agreed=3), view._replace(rationale="changed"),
    ):  # fmt: skip
        assert panels_tags._row_key(changed, "Agreed level", False) != key
    assert panels_tags._row_key(view, "Agreed level", True) != key
    assert panels_tags._row_key(view, mark_safe("Agreed level"), False) != key
    assert ":r:" in key and ":r:" not in panels_tags._row_key(view._replace(label=mark_safe("<b>1</b>")), "x", False)
