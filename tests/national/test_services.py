"""Stored rollups, peer groups, publication and withdrawal against the real database."""

from datetime import timedelta

import pytest
from django.utils import timezone

from assurance.choices import Action, State
from assurance.models import Assessment, Organisation
from assurance.national import selectors, services
from assurance.national.choices import RollupKind
from assurance.national.models import PeerGroupMember, Publication, ReportCard, Rollup
from assurance.services import assessment_transition
from tests.national.helpers import sign_off_moderation, sign_off_report, signed_off, table

E = "E92000001"


def _rollup(cycle, scope, kind) -> dict:
    return table(Rollup.objects.get(cycle=cycle, scope__code=scope, kind=kind))


@pytest.fixture
def rated(world):
    """Two North West PCTs and one North East PCT signed off; one North West PCT rated but still in review."""
    signed_off("5NT", world.cycle, levels={1: 2, 2: 3}, rags={0: "green", 1: "red"})
    signed_off("5HQ", world.cycle, levels={1: 2, 2: 4}, rags={0: "amber"})
    signed_off("5ND", world.cycle, levels={1: 4}, rags={0: "green"}, state=State.PUBLISHED)
    signed_off("5HG", world.cycle, levels={1: 1}, state=State.IN_REVIEW)  # not signed off: never counted
    sign_off_moderation(world.cycle)
    return world


def test_it_stores_level_counts_for_england_and_each_sha(rated):
    services.rollups_refresh(cycle=rated.cycle)
    england = _rollup(rated.cycle, E, RollupKind.COMPETENCY_LEVELS)
    assert (england[1]["level_2"], england[1]["level_4"], england[1]["level_1"], england[1]["total"]) == (2, 1, 0, 3)
    assert england[1]["name"] == "Locally lead the NHS"
    north_west = _rollup(rated.cycle, "Q31", RollupKind.COMPETENCY_LEVELS)
    assert (north_west[2]["level_3"], north_west[2]["level_4"], north_west[2]["total"]) == (1, 1, 2)
    north_east = _rollup(rated.cycle, "Q30", RollupKind.COMPETENCY_LEVELS)
    assert (north_east[1]["level_4"], north_east[2]["not_rated"], north_east[2]["total"]) == (1, 1, 1)


def test_it_stores_governance_counts_by_area(rated):
    services.rollups_refresh(cycle=rated.cycle)
    england = _rollup(rated.cycle, E, RollupKind.GOVERNANCE_RAG)
    first_area, last_area = list(england.values())[0], list(england.values())[-1]
    assert (first_area["green"], first_area["amber"], first_area["red"], first_area["not_rated"]) == (2, 1, 0, 0)
    assert (last_area["not_rated"], last_area["total"]) == (3, 3)  # no panel rated it: every PCT counts as not rated
    assert first_area["name"] == "Strategy: Strategic plan for commissioning"


def test_progress_counts_moves_since_the_previous_cycle(rated):
    signed_off("5NT", rated.previous_cycle, levels={1: 1, 2: 3})  # 5NT: competency 1 up (1 -> 2), 2 same
    signed_off("5HQ", rated.previous_cycle, levels={1: 3})  # 5HQ: competency 1 down (3 -> 2)
    services.rollups_refresh(cycle=rated.cycle)
    progress = _rollup(rated.cycle, "Q31", RollupKind.PROGRESS)
    assert (progress[1]["up"], progress[1]["down"], progress[1]["same"]) == (1, 1, 0)
    assert (progress[2]["up"], progress[2]["same"]) == (0, 1)


def test_a_rerun_changes_nothing(rated):
    services.rollups_refresh(cycle=rated.cycle)
    first = {(r.scope_id, r.kind): r.table for r in Rollup.objects.filter(cycle=rated.cycle)}
    peers_first = set(PeerGroupMember.objects.values_list("organisation_id", "peer_id"))
    services.rollups_refresh(cycle=rated.cycle)
    second = {(r.scope_id, r.kind): r.table for r in Rollup.objects.filter(cycle=rated.cycle)}
    assert first == second
    assert peers_first == set(PeerGroupMember.objects.values_list("organisation_id", "peer_id"))


def test_each_pct_gets_ten_peers_never_itself(world):
    services.peer_groups_refresh()
    pct_count = Organisation.objects.pcts().count()
    assert PeerGroupMember.objects.count() == 10 * pct_count
    assert not PeerGroupMember.objects.filter(organisation=world.pct, peer=world.pct).exists()


def test_publishing_a_cycle_whose_framework_forbids_it_is_refused(rated):
    with pytest.raises(services.PublicationRefused, match="does not allow"):
        services.cycle_publish(cycle=rated.previous_cycle, by=rated.users["dh_analyst"])
    assert not Publication.objects.exists()


def test_only_dh_may_publish(rated):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.cycle_publish(cycle=rated.cycle, by=rated.users["sha_lead"])


def test_publishing_publishes_only_signed_off_pcts_and_builds_their_cards(
    rated, eager_celery, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publication = services.cycle_publish(cycle=rated.cycle, by=rated.users["dh_analyst"])
    states = dict(Assessment.objects.filter(cycle=rated.cycle).values_list("organisation__code", "state"))
    assert (states["5NT"], states["5HQ"], states["5ND"]) == (State.PUBLISHED,) * 3
    assert states["5HG"] == State.IN_REVIEW
    assert set(publication.pcts.values_list("code", flat=True)) == {"5NT", "5HQ"}  # 5ND was published before
    assert set(ReportCard.objects.values_list("organisation__code", flat=True)) == {"5NT", "5HQ", "5ND"}
    assert selectors.public_card("2009-10", "5NT") is not None
    assert selectors.public_card("2009-10", "5HG") is None


def test_an_embargoed_publication_shows_nothing_until_its_time(rated, eager_celery, django_capture_on_commit_callbacks):
    later = timezone.now() + timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        services.cycle_publish(cycle=rated.cycle, by=rated.users["dh_analyst"], visible_from=later)
    assert ReportCard.objects.filter(organisation__code="5NT").exists()  # prepared in advance
    assert selectors.public_card("2009-10", "5NT") is None
    assert selectors.public_index("2009-10") == []
    Publication.objects.update(visible_from=timezone.now() - timedelta(seconds=1))
    assert selectors.public_card("2009-10", "5NT") is not None


def test_withdrawing_returns_pcts_to_reported_and_removes_their_cards(
    rated, eager_celery, django_capture_on_commit_callbacks
):
    dh = rated.users["dh_analyst"]
    with django_capture_on_commit_callbacks(execute=True):
        services.cycle_publish(cycle=rated.cycle, by=dh)
    with django_capture_on_commit_callbacks(execute=True):
        withdrawal = services.cycle_withdraw(cycle=rated.cycle, by=dh, reason="A rating was recorded wrongly")
    assert withdrawal.reason == "A rating was recorded wrongly" and withdrawal.pcts.count() == 3
    assert Assessment.objects.get(organisation__code="5NT", cycle=rated.cycle).state == State.REPORTED
    assert selectors.public_card("2009-10", "5NT") is None
    assert not ReportCard.objects.exists()
    with pytest.raises(services.PublicationRefused, match="No 2009-10 report card is published"):
        services.cycle_withdraw(cycle=rated.cycle, by=dh, reason="again")


def test_publication_waits_for_the_factual_accuracy_window(rated):
    from panels.models import Panel, ReviewDay

    assessment = Assessment.objects.get(organisation__code="5NT", cycle=rated.cycle)
    north_west = Panel.objects.create(sha=rated.sha, cycle=rated.cycle)
    day = ReviewDay.objects.create(
        panel=north_west,
        assessment=assessment,
        date=timezone.localdate(),
        place="Manchester",
        factual_accuracy_until=timezone.localdate() + timedelta(days=3),
    )
    first = services.cycle_publish(cycle=rated.cycle, by=rated.users["dh_analyst"])
    assert list(first.pcts.values_list("code", flat=True)) == ["5HQ"]  # Manchester waits for its window
    assert Assessment.objects.get(pk=assessment.pk).state == State.REPORTED
    day.factual_accuracy_until = timezone.localdate() - timedelta(days=1)
    day.save()
    second = services.cycle_publish(cycle=rated.cycle, by=rated.users["dh_analyst"])
    assert list(second.pcts.values_list("code", flat=True)) == ["5NT"]


def test_sign_off_recomputes_the_rollups(world, eager_celery, django_capture_on_commit_callbacks):
    sign_off_report(signed_off("5NT", world.cycle, levels={1: 3}, state=State.IN_REVIEW))  # the report, then the state
    with django_capture_on_commit_callbacks(execute=True):
        assessment_transition(assessment=world.assessment, action=Action.SIGN_OFF, by=world.users["panel_chair"])
    assert _rollup(world.cycle, "Q31", RollupKind.COMPETENCY_LEVELS)[1]["level_3"] == 1


def test_peer_groups_survive_a_rerun_unchanged(world):
    services.peer_groups_refresh()
    first = set(PeerGroupMember.objects.values_list("pk", "organisation_id", "peer_id", "distance"))
    services.peer_groups_refresh()
    assert set(PeerGroupMember.objects.values_list("pk", "organisation_id", "peer_id", "distance")) == first


def test_levels_are_whole_numbers_in_the_pct_table_and_the_card(
    rated, eager_celery, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.cycle_publish(cycle=rated.cycle, by=rated.users["dh_analyst"])
    pcts = {r["pct"]: r for r in Rollup.objects.get(cycle=rated.cycle, scope__code="Q31", kind=RollupKind.PCTS).records}
    assert (pcts["5NT"]["competency_1"], pcts["5NT"].get("competency_3"), pcts["5NT"]["green"]) == (2, None, 1)
    card = selectors.public_card("2009-10", "5NT").card
    assert [c["level"] for c in card["competencies"][:3]] == [2, 3, None]
