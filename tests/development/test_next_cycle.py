"""Last cycle beside this one: the agreed level and the recommendations with their actions, on the self-assessment,
the pack and the workspace; and the demo's plans."""

import pytest
from django.urls import reverse

from development import demo
from development.choices import Status
from development.models import Action, Recommendation
from development.selectors import carried
from tests.development.helpers import add_action, signed_off
from tests.panels.helpers import review_day

pytestmark = pytest.mark.django_db


def test_the_competency_page_shows_last_cycles_agreed_level_and_the_actions(world):
    previous = signed_off(world, cycle=world.previous_cycle)
    action = add_action(world, previous)
    from development import services

    services.action_update(action=action, by=world.users["pct_lead"], version=1, status=Status.AT_RISK)
    snapshot = previous.reports.get().ratings_snapshot
    agreed = next(r["agreed"] for r in snapshot["competencies"] if r["number"] == 1)
    url = reverse("competencies:competency", kwargs={"cycle": "2009-10", "code": "5NT", "number": 1})
    page = world.client_for("pct_contributor").get(url).content.decode()
    assert "Last cycle (2008-09): what the panel agreed" in page
    assert f"Agreed level: <strong>Level {agreed}</strong>" in page
    assert "Recommendation text 1" in page and "Appoint a clinical lead for engagement" in page and "At risk" in page


def test_governance_areas_match_last_cycles_whole_area(world):
    previous = signed_off(world, cycle=world.previous_cycle)  # recommendation 2 is on the first 2008-09 area
    old_area = Recommendation.objects.get(assessment=previous, number=2).area
    new_area = world.cycle.governance_areas.filter(area=old_area.area).first()
    found = carried(world.assessment, area=new_area)
    assert found.agreed and [r.number for r in found.recommendations] == [2]
    url = reverse("governance:area", kwargs={"cycle": "2009-10", "code": "5NT", "area_id": new_area.pk})
    assert "Recommendation text 2" in world.client_for("pct_lead").get(url).content.decode()


def test_nothing_is_carried_from_a_draft_report(world):
    from tests.development.helpers import in_review

    in_review(world, world.previous_cycle)
    competency = world.cycle.competencies.get(number=1)
    assert carried(world.assessment, competency=competency) is None


def test_the_pack_and_workspace_ask_what_became_of_last_cycles_recommendations(world):
    previous = signed_off(world, cycle=world.previous_cycle)
    add_action(world, previous)
    review_day(world)
    for name in ("panels:pack", "panels:workspace"):
        page = world.client_for("panel_member").get(reverse(name, kwargs={"cycle_code": "2009-10", "code": "5NT"}))
        text = page.content.decode()
        assert "What became of the 2008-09 recommendations" in text, name
        assert "Appoint a clinical lead for engagement" in text


def test_the_demo_plans_are_varied_and_idempotent():
    from assurance import demo as assurance_demo
    from panels import demo as panels_demo

    assurance_demo.load()
    panels_demo.load()
    demo.load()
    counts = (Recommendation.objects.count(), Action.objects.count())
    demo.load()
    assert (Recommendation.objects.count(), Action.objects.count()) == counts
    assert counts[0] == 3 * 24
    assert set(Action.objects.values_list("status", flat=True)) == set(Status.values)
    assert all(a.dropped_reason for a in Action.objects.filter(status=Status.DROPPED))
    assert not Recommendation.objects.filter(report__isnull=True).exists()
