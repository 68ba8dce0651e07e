"""A PCT's self-assessment workflow: the task list, submission, reopening, activity and the API."""

import pytest
from django.urls import reverse

from assurance import access, checklist
from assurance.choices import State
from assurance.models import Assessment
from competencies.models import CompetencyAssessment
from tests.competencies.helpers import complete_self_assessment, save_competency


@pytest.fixture(autouse=True)
def _evidence_root(settings, tmp_path):
    settings.EVIDENCE_ROOT = tmp_path / "evidence"


def url(world, name="assessment"):
    return reverse(name, args=[world.cycle.code, world.pct.code])


def refreshed(world) -> Assessment:
    return Assessment.objects.get(pk=world.assessment.pk)


def test_the_task_list_shows_each_competency_governance_and_evidence_with_status(world):
    save_competency(world.assessment, 1, world.users["pct_contributor"], completed=True)
    save_competency(world.assessment, 2, world.users["pct_contributor"], completed=False)
    items = {item.title: item.status for item in checklist.collect(world.assessment)}
    assert items["1. Locally lead the NHS"] == checklist.COMPLETED
    assert items["2. Work with community partners"] == checklist.IN_PROGRESS
    assert items["3. Engage with public and patients"] == checklist.NOT_STARTED
    assert items["Governance declarations"] == checklist.NOT_STARTED
    assert items["Evidence documents"] == checklist.NOT_STARTED
    assert sum(1 for title in items if title[0].isdigit()) == world.cycle.competencies.count() == 11
    html = world.client_for("pct_contributor").get(url(world)).content.decode()
    assert "govuk-task-list" in html and "You have completed 1 of" in html


def test_submit_is_refused_while_tasks_are_missing_and_lists_them(world, mailoutbox):
    complete_self_assessment(world.assessment, world.users["pct_lead"], skip_competencies=(7,))
    client = world.client_for("pct_lead")
    response = client.post(url(world, "assessment-submit"), follow=True)
    html = response.content.decode()
    assert "cannot be submitted until every task is completed" in html
    assert "You cannot submit yet: 1 task not completed" in html
    assert "7. Stimulate the market (not started)" in html
    assert refreshed(world).state == State.DRAFT
    assert mailoutbox == []


def test_a_contributor_cannot_submit(world):
    complete_self_assessment(world.assessment, world.users["pct_lead"])
    client = world.client_for("pct_contributor")
    assert client.get(url(world, "assessment-submit")).status_code == 403
    assert client.post(url(world, "assessment-submit")).status_code == 403
    assert refreshed(world).state == State.DRAFT


def test_the_lead_submits_once_the_sha_lead_is_emailed_and_a_second_submit_is_refused(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    complete_self_assessment(world.assessment, world.users["pct_contributor"])
    client = world.client_for("pct_lead")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(world, "assessment-submit"), follow=True)
    html = response.content.decode()
    assessment = refreshed(world)
    assert (assessment.state, assessment.submitted_by) == (State.SUBMITTED, world.users["pct_lead"])
    assert "This self-assessment was submitted on" in html and "It is read-only" in html
    assert [m.to for m in mailoutbox] == [["sha_lead@example.nhs.uk"]]
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(url(world, "assessment-submit"), follow=True)
    assert "Cannot submit an assessment that is submitted" in again.content.decode()
    assert len(mailoutbox) == 1
    assert refreshed(world).history.count() == 2  # created, submitted: nothing more


def test_the_sha_lead_reopens_with_a_reason_the_pct_then_sees(world, django_capture_on_commit_callbacks):
    complete_self_assessment(world.assessment, world.users["pct_lead"])
    world.client_for("pct_lead").post(url(world, "assessment-submit"))
    sha = world.client_for("sha_lead")
    assert "Reopen self-assessment" in sha.get(url(world)).content.decode()
    empty = sha.post(url(world, "assessment-reopen"), {"reason": " "})
    assert "Enter the reason for reopening" in empty.content.decode()
    assert refreshed(world).state == State.SUBMITTED
    assert world.client_for("panel_chair").post(url(world, "assessment-reopen"), {"reason": "x"}).status_code == 403
    sha.post(url(world, "assessment-reopen"), {"reason": "Competency 4 needs its evidence linked."})
    assessment = refreshed(world)
    assert (assessment.state, assessment.reopen_reason) == (State.DRAFT, "Competency 4 needs its evidence linked.")
    html = world.client_for("pct_contributor").get(url(world)).content.decode()
    assert "The SHA reopened this self-assessment: Competency 4 needs its evidence linked." in html


def test_activity_shows_who_changed_what_from_what_to_what(world):
    save_competency(world.assessment, 3, world.users["pct_contributor"], level=2, narrative="First", completed=False)
    save_competency(world.assessment, 3, world.users["pct_lead"], level=3, narrative="First", completed=False)
    for role in ("pct_contributor", "sha_lead", "panel_member"):
        response = world.client_for(role).get(url(world, "assessment-activity"))
        html = response.content.decode()
        assert response.status_code == 200
        assert "Competency 3: Engage with public and patients" in html
        assert "<strong>Level</strong>: from “Level 2” to “Level 3”" in html
        assert "Pct Lead" in html and "Pct Contributor" in html
    assert world.client_for("other_pct_lead").get(url(world, "assessment-activity")).status_code == 404


def test_the_api_returns_levels_ratings_and_state_to_those_who_may_see_them(world):
    save_competency(world.assessment, 3, world.users["pct_contributor"], level=2)
    api = reverse("self-assessment-detail", args=[world.cycle.code, world.pct.code])
    data = world.client_for("panel_member").get(api).json()
    assert data["state"] == "draft" and data["organisation"] == "5NT" and data["cycle"] == "2009-10"
    assert data["competencies"] == [
        {
            "number": 3,
            "competency": "Engage with public and patients",
            "level": 2,
            "completed": True,
            "updated_at": data["competencies"][0]["updated_at"],
        }
    ]
    assert data["governance"] == []
    assert world.client_for("other_sha_lead").get(api).status_code == 404
    assert CompetencyAssessment.objects.count() == 1


@pytest.mark.parametrize("role", ["sha_lead", "panel_chair", "dh_analyst"])
def test_a_reader_opening_a_self_assessment_not_started_is_told_so_and_creates_nothing(world, role):
    def exists():
        return Assessment.objects.filter(organisation=world.pct, cycle=world.previous_cycle).exists()

    assert not exists()
    client = world.client_for(role)
    for name, kwargs in [("assessment", {}), ("governance:index", {}), ("competencies:competency", {"number": 1})]:
        address = reverse(name, kwargs={"cycle": world.previous_cycle.code, "code": world.pct.code, **kwargs})
        response = client.get(address)
        assert response.status_code == 404, address
        html = response.content.decode()
        assert '<h1 class="govuk-heading-xl">Not started</h1>' in html
        assert f"{world.pct.name} has not started its {world.previous_cycle.code}" in " ".join(html.split())
    assert not exists()


def test_the_pct_opening_its_self_assessment_starts_the_draft(world):
    Assessment.objects.filter(pk=world.assessment.pk).delete()
    client = world.client_for("pct_contributor")
    assert client.get(reverse("assessment", args=[world.cycle.code, world.pct.code])).status_code == 200
    assert Assessment.objects.get(organisation=world.pct, cycle=world.cycle).state == State.DRAFT
    # 2008-09 is past its deadline: opening it starts nothing
    assert client.get(reverse("assessment", args=[world.previous_cycle.code, world.pct.code])).status_code == 404
    assert not Assessment.objects.filter(organisation=world.pct, cycle=world.previous_cycle).exists()


def test_an_unknown_page_still_says_page_not_found(world):
    response = world.client_for("dh_analyst").get("/no-such-page/")
    assert response.status_code == 404 and "Page not found" in response.content.decode()


@pytest.mark.django_db
def test_who_may_edit_follows_the_role_and_the_state(world):
    """One rule for every page that offers a self-assessment form (and the outcomes choice)."""
    lead, sha = world.users["pct_lead"], world.users["sha_lead"]
    assert access.may_edit(lead, world.pct, None) and access.may_edit(lead, world.pct, State.DRAFT)
    assert not access.may_edit(lead, world.pct, State.SUBMITTED)
    assert not access.may_edit(sha, world.pct, State.DRAFT)
    assert not access.may_edit(world.users["other_pct_lead"], world.pct, State.DRAFT)


def test_submit_shows_every_answer_to_check_before_the_irreversible_step(world, mailoutbox):
    """GOV.UK "check your answers": each task with what was answered and a Change link, then Accept and submit."""
    complete_self_assessment(world.assessment, world.users["pct_lead"])
    response = world.client_for("pct_lead").get(url(world, "assessment-submit"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Check your answers before submitting" in html
    for section in ("Health outcomes", "Competencies", "Governance", "Evidence"):
        assert f'data-section="{section}"' in html
    assert "Level " in html and "Minutes" in html and ": Green" in html and "baseline " in html
    first = reverse("competencies:competency", args=[world.cycle.code, world.pct.code, 1])
    assert f'href="{first}">Change<span class="govuk-visually-hidden"> 1. ' in html
    assert "Accept and submit" in html and "only they can reopen it" in html
    assert refreshed(world).state == State.DRAFT and mailoutbox == []  # showing the answers changes nothing


def test_check_your_answers_offers_no_change_links_to_readers(world):
    complete_self_assessment(world.assessment, world.users["pct_lead"])
    html = world.client_for("pct_lead").get(url(world, "assessment-submit")).content.decode()
    assert ">Change<" in html
    # submitted: the answers are shown, nothing to change or submit
    world.client_for("pct_lead").post(url(world, "assessment-submit"))
    html = world.client_for("pct_lead").get(url(world, "assessment-submit")).content.decode()
    assert "Answers submitted" in html and ">Change<" not in html and "Accept and submit" not in html
