"""A competency's page: the previous cycle beside it, saving drafts, completion rules, stale saves, locking."""

import re
import threading

import pytest
from django.db import connection
from django.urls import reverse

from assurance.assessments import AssessmentLocked, StaleEdit
from assurance.choices import State
from assurance.models import Assessment
from competencies.models import CompetencyAssessment
from competencies.services import competency_save
from tests.competencies.helpers import save_competency
from tests.conftest import requires_postgres


def url(world, number=3, code=None):
    return reverse("competencies:competency", args=[world.cycle.code, code or world.pct.code, number])


def row(world, number=3):
    return CompetencyAssessment.objects.filter(assessment=world.assessment, competency__number=number).first()


def test_it_shows_the_descriptors_and_the_previous_cycles_level(world):
    previous = Assessment.objects.create(organisation=world.pct, cycle=world.previous_cycle, state=State.REPORTED)
    CompetencyAssessment.objects.create(
        assessment=previous, competency=world.previous_cycle.competencies.get(number=3), level=2, completed=True
    )
    response = world.client_for("pct_contributor").get(url(world))
    html = response.content.decode()
    assert response.status_code == 200
    assert "In 2008-09 the PCT assessed itself at <strong>level 2</strong>" in html
    assert html.count("app-level-grid__cell") >= 4
    for level in range(1, 5):
        assert f'<h3 class="govuk-heading-s">Level {level}</h3>' in html


def test_a_contributor_saves_a_draft_and_history_keeps_it(world):
    client = world.client_for("pct_contributor")
    response = client.post(url(world), {"version": 1, "level": "2", "narrative": "Partners see us as the leader."})
    assert response.status_code == 302
    saved = row(world)
    assert (saved.level, saved.narrative, saved.completed, saved.version) == (
        2,
        "Partners see us as the leader.",
        False,
        2,
    )
    assert saved.history.first().history_user == world.users["pct_contributor"]
    response = client.post(url(world), {"version": 2, "level": "3", "narrative": "Better now.", "completed": "on"})
    saved.refresh_from_db()
    assert (saved.level, saved.completed, saved.version) == (3, True, 3)
    assert [h.level for h in saved.history.all()] == [3, 2]


def test_it_will_not_mark_completed_without_a_level_and_narrative_and_keeps_the_text(world):
    response = world.client_for("pct_contributor").post(
        url(world), {"version": 1, "narrative": "What I typed so far", "completed": "on"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert "Give the level before marking this as completed" in html
    assert "What I typed so far</textarea>" in html
    assert row(world) is None


def test_a_stale_save_is_refused_showing_both_versions_and_keeping_the_typed_text(world):
    save_competency(world.assessment, 3, world.users["pct_lead"], level=4, narrative="The lead's view", completed=False)
    response = world.client_for("pct_contributor").post(
        url(world), {"version": 1, "level": "1", "narrative": "The contributor's view"}
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved this since you opened it" in html
    assert "The lead&#x27;s view" in html and "Level 4" in html  # theirs
    assert "The contributor&#x27;s view</textarea>" in html  # yours, as typed
    assert re.search(r'name="version"\s+value="2"', html)  # saving again is a deliberate overwrite
    saved = row(world)
    assert (saved.level, saved.narrative, saved.version) == (4, "The lead's view", 2)


def test_editing_after_submission_is_refused(world):
    save_competency(world.assessment, 3, world.users["pct_lead"], narrative="Before submission")
    Assessment.objects.filter(pk=world.assessment.pk).update(state=State.SUBMITTED)
    client = world.client_for("pct_lead")
    before = row(world)
    response = client.post(url(world), {"version": before.version, "level": "4", "narrative": "Changed"})
    html = response.content.decode()
    assert response.status_code == 409
    assert "can no longer be changed" in html
    assert "It is read-only" in html
    assert "Changed</textarea>" in html  # the refusal keeps what was typed
    assert 'name="narrative"' not in client.get(url(world)).content.decode()  # no form on a submitted one
    after = row(world)
    assert (after.level, after.narrative, after.version) == (before.level, before.narrative, before.version)
    with pytest.raises(AssessmentLocked):
        save_competency(world.assessment, 3, world.users["pct_lead"])


def test_another_pcts_lead_cannot_see_or_edit_it(world):
    client = world.client_for("other_pct_lead")
    assert client.get(url(world)).status_code == 404
    assert client.post(url(world), {"version": 1, "level": "4", "narrative": "x"}).status_code == 404
    assert row(world) is None


def test_the_sha_may_read_but_not_edit(world):
    client = world.client_for("sha_lead")
    assert client.get(url(world)).status_code == 200
    assert client.post(url(world), {"version": 1, "level": "4", "narrative": "x"}).status_code == 403
    assert row(world) is None


def test_an_unknown_competency_is_404(world):
    assert world.client_for("pct_lead").get(url(world, number=99)).status_code == 404


@requires_postgres()
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_saves_of_one_version_let_exactly_one_win(world_tx):
    """Two people who opened version 1 save at the same moment, each in its own transaction and connection."""
    world = world_tx
    assessment, competency = world.assessment, world.cycle.competencies.get(number=5)
    barrier, outcomes = threading.Barrier(2), {}

    def save(who: str, level: int) -> None:
        try:
            barrier.wait(timeout=10)
            competency_save(
                assessment=assessment,
                competency=competency,
                by=world.users[who],
                version=1,
                level=level,
                narrative=f"{who}'s narrative",
                completed=False,
            )
            outcomes[who] = "saved"
        except StaleEdit as stale:
            outcomes[who] = f"stale: theirs is version {stale.current.version}"
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(who, n)) for who, n in (("pct_lead", 4), ("pct_contributor", 1))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes.values()) == ["saved", "stale: theirs is version 2"]
    winner = next(who for who, outcome in outcomes.items() if outcome == "saved")
    saved = CompetencyAssessment.objects.get(assessment=assessment, competency=competency)
    assert (saved.version, saved.narrative) == (2, f"{winner}'s narrative")
    assert saved.history.count() == 1
