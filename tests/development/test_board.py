"""The board's sign-off: recorded by the PCT, required by the submit service, shown in the panel's pack."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assurance.choices import Action, State
from assurance.services import assessment_transition
from assurance.workflow import TransitionRefused
from development.board import MISSING, NO_MINUTE
from development.models import BoardSignOff
from evidence.models import Evidence
from tests.competencies.helpers import complete_self_assessment, sign_off_board
from tests.panels.helpers import review_day

pytestmark = pytest.mark.django_db


def _url(world):
    return reverse("development:board_sign_off", kwargs={"cycle": "2009-10", "code": "5NT"})


def test_the_submit_service_refuses_without_the_boards_sign_off(world):
    with pytest.raises(TransitionRefused) as refused:
        assessment_transition(assessment=world.assessment, action=Action.SUBMIT, by=world.users["pct_lead"])
    assert str(refused.value) == MISSING
    world.assessment.refresh_from_db()
    assert world.assessment.state == State.DRAFT


def test_a_removed_minute_stops_the_submission_again(world):
    sign_off_board(world.assessment, world.users["pct_lead"])
    Evidence.objects.filter(assessment=world.assessment).delete()
    with pytest.raises(TransitionRefused, match=NO_MINUTE):
        assessment_transition(assessment=world.assessment, action=Action.SUBMIT, by=world.users["pct_lead"])


def test_the_task_list_and_submit_page_say_what_is_missing(world):
    complete_self_assessment(world.assessment, world.users["pct_lead"])
    BoardSignOff.objects.all().delete()
    client = world.client_for("pct_lead")
    page = client.get(reverse("assessment-submit", kwargs={"cycle": "2009-10", "code": "5NT"})).content.decode()
    assert "You cannot submit yet: 1 task not completed" in page and "Board sign-off" in page
    response = client.post(reverse("assessment-submit", kwargs={"cycle": "2009-10", "code": "5NT"}), follow=True)
    assert "cannot be submitted" in response.content.decode()
    sign_off_board(world.assessment, world.users["pct_lead"])
    client.post(reverse("assessment-submit", kwargs={"cycle": "2009-10", "code": "5NT"}))
    world.assessment.refresh_from_db()
    assert world.assessment.state == State.SUBMITTED


def test_bad_input_is_refused_beside_its_field_and_kept(world):
    sign_off_board(world.assessment, world.users["pct_lead"])  # uploads a minute
    BoardSignOff.objects.all().delete()
    client = world.client_for("pct_contributor")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(_url(world), {"meeting_date": tomorrow.isoformat(), "minute_reference": "", "version": 0})
    page = response.content.decode()
    assert response.status_code == 200 and not BoardSignOff.objects.exists()
    assert "The board meeting must be today or in the past" in page
    assert "Enter the minute reference" in page and "Choose the document that is the board&#x27;s minute" in page
    assert tomorrow.isoformat() in page
    other = Evidence.objects.create(
        assessment=world.previous_cycle.assessments.get_or_create(organisation=world.pct)[0],
        title="Old",
        file="x.txt",
        original_name="x.txt",
        content_type="text/plain",
        size=1,
        document_date=timezone.localdate(),
    )
    foreign = client.post(
        _url(world), {"meeting_date": "2009-03-31", "minute_reference": "M1", "minute": other.pk, "version": 0}
    )
    assert "The document you chose was removed" in foreign.content.decode() and not BoardSignOff.objects.exists()


def test_two_people_saving_at_once_the_second_is_told(world):
    sign_off_board(world.assessment, world.users["pct_lead"])
    minute = world.assessment.evidence.first()
    data = {"meeting_date": "2009-03-30", "minute_reference": "PCT/09/40", "minute": minute.pk, "version": 1}
    assert world.client_for("pct_lead").post(_url(world), data).status_code == 302
    late = world.client_for("pct_contributor").post(_url(world), data | {"minute_reference": "Mine"})
    assert late.status_code == 409 and "Saving again replaces their version with yours" in late.content.decode()
    assert BoardSignOff.objects.get().minute_reference == "PCT/09/40"


def test_a_submitted_self_assessments_sign_off_is_read_only(world):
    complete_self_assessment(world.assessment, world.users["pct_lead"])
    assessment_transition(assessment=world.assessment, action=Action.SUBMIT, by=world.users["pct_lead"])
    minute = world.assessment.evidence.first()
    data = {"meeting_date": "2009-03-30", "minute_reference": "Late", "minute": minute.pk, "version": 1}
    response = world.client_for("pct_lead").post(_url(world), data)
    assert response.status_code == 409 and BoardSignOff.objects.get().minute_reference == "PCT/09/41"


def test_the_pack_shows_the_boards_sign_off(world):
    sign_off_board(world.assessment, world.users["pct_lead"])
    review_day(world)
    page = world.client_for("panel_member").get(reverse("panels:pack", kwargs={"cycle_code": "2009-10", "code": "5NT"}))
    text = page.content.decode()
    assert "Board sign-off" in text and "PCT/09/41" in text and "31 March 2009" in text
