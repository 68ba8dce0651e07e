"""Movement since last cycle (up, same, down, new): the pure rule, and the report, scorecard and public card that
show it from signed-off results only."""

import pytest
from django.urls import reverse

from panels import movement
from panels.models import AgreedRating
from panels.movement import DOWN, NEW, SAME, UP
from tests.development.helpers import signed_off
from tests.panels.helpers import review_day


@pytest.mark.parametrize(
    ("previous", "current", "expected"),
    [
        (2, 3, UP),
        (3, 3, SAME),
        (4, 1, DOWN),
        (None, 2, NEW),
        ("", "amber", NEW),
        ("red", "green", UP),
        ("green", "amber", DOWN),
        ("amber", "amber", SAME),
        (3, None, None),
        (3, "", None),
    ],
)
def test_movement(previous, current, expected):
    assert movement.movement(previous, current) == expected


def test_movements_match_competencies_by_number_and_areas_by_name_or_whole_area():
    previous = {"competencies": {1: 2, 2: 3}, "governance": {"Strategy": "amber", "Finance": "green"}}
    current = {
        "competencies": {1: 3, 2: 3, 3: 1},
        "governance": {"Strategy: Strategic plan": "green", "Finance": "red", "Board: Risk register": "amber"},
    }
    assert movement.movements(previous, current) == {
        "competencies": {1: UP, 2: SAME, 3: NEW},
        "governance": {"Strategy: Strategic plan": UP, "Finance": DOWN, "Board: Risk register": NEW},
    }
    assert movement.movements(None, {"competencies": {1: 2}}) == {"competencies": {1: NEW}, "governance": {}}


@pytest.mark.django_db
def test_the_report_and_scorecard_show_movement_from_signed_off_results_only(world):
    signed_off(world, cycle=world.previous_cycle)
    before = AgreedRating.objects.get(assessment__cycle=world.previous_cycle, competency__number=1).level
    day = review_day(world, reported=True)
    now = AgreedRating.objects.get(assessment=day.assessment, competency__number=1).level
    expected = movement.LABELS[movement.movement(before, now)]
    client = world.client_for("pct_lead")
    report = client.get(reverse("panels:report", kwargs={"cycle_code": "2009-10", "code": "5NT"}))
    first = report.context["ratings"]["competencies"][0]
    assert first["movement"] == movement.movement(before, now) and "Since 2008-09" in report.content.decode()
    scorecard = client.get(reverse("outcomes:scorecard", kwargs={"code": "5NT", "cycle": "2009-10"})).content.decode()
    assert "Agreed ratings: movement since 2008-09" in scorecard and expected in scorecard
    # A draft correction's changed rating never moves the arrows: they read the signed-off version.
    AgreedRating.objects.filter(assessment=day.assessment, competency__number=1).update(level=1 if now != 1 else 4)
    again = client.get(reverse("panels:report", kwargs={"cycle_code": "2009-10", "code": "5NT"}))
    assert again.context["ratings"]["competencies"][0]["movement"] == first["movement"]


@pytest.mark.django_db
def test_the_scorecard_waits_for_this_cycles_sign_off(world):
    signed_off(world, cycle=world.previous_cycle)
    scorecard = world.client_for("pct_lead").get(
        reverse("outcomes:scorecard", kwargs={"code": "5NT", "cycle": "2009-10"})
    )
    assert "shows once the panel signs off its 2009-10 report" in scorecard.content.decode()
