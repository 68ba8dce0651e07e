"""Reading never creates an assessment, and a cycle past its submission deadline is closed to the PCT unless the SHA
reopens it (issue 14, finding 12). 2008-09's deadline is 28 November 2008, as in the reference data."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from assurance.assessments import AssessmentLocked
from assurance.choices import Action, State
from assurance.models import Assessment
from assurance.services import assessment_reopen, assessment_transition
from assurance.workflow import TransitionRefused
from competencies.models import CompetencyAssessment
from competencies.services import evidence_upload
from governance.models import GovernanceArea, GovernanceDeclaration
from outcomes import services as outcome_services
from outcomes.models import Indicator

CLOSED = "The 2008-09 deadline (28 November 2008) has passed"


@pytest.fixture
def closed(world):
    """Manchester's 2008-09 self-assessment, a draft, after the cycle's deadline."""
    assert world.previous_cycle.submission_deadline.isoformat() == "2008-11-28"
    return Assessment.objects.create(organisation=world.pct, cycle=world.previous_cycle)


def test_an_admin_reading_a_task_list_creates_nothing(world):
    admin = get_user_model().objects.create_superuser("admin_reader", "admin@example.nhs.uk", "x")
    client = world.client_for("anonymous")
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    for code in ("5HG", "5NT"):  # not started in 2009-10; not started in 2008-09
        for cycle in ("2009-10", "2008-09"):
            if Assessment.objects.filter(organisation__code=code, cycle__code=cycle).exists():
                continue
            response = client.get(reverse("assessment", args=[cycle, code]))
            assert response.status_code == 404
            assert not Assessment.objects.filter(organisation__code=code, cycle__code=cycle).exists()


def test_a_competency_save_after_the_deadline_is_refused_saying_why_and_keeping_the_text(world, closed):
    address = reverse("competencies:competency", args=["2008-09", "5NT", 1])
    response = world.client_for("pct_contributor").post(address, {"version": 1, "level": "3", "narrative": "Typed"})
    html = " ".join(response.content.decode().split())
    assert response.status_code == 409
    assert CLOSED in html and "unless the SHA reopens it" in html
    assert "Typed</textarea>" in html
    assert not CompetencyAssessment.objects.filter(assessment=closed).exists()


def test_the_task_list_after_the_deadline_offers_no_editing_and_says_why(world, closed):
    html = world.client_for("pct_lead").get(reverse("assessment", args=["2008-09", "5NT"])).content.decode()
    assert CLOSED in " ".join(html.split())


def test_governance_outcomes_evidence_and_submission_are_refused_after_the_deadline(world, closed):
    lead = world.users["pct_lead"]
    area = GovernanceArea.objects.filter(cycle=world.previous_cycle).first()
    response = world.client_for("pct_lead").post(
        reverse("governance:area", args=["2008-09", "5NT", area.pk]),
        {"version": 1, "rag": "green", "commentary": "Our board text"},
    )
    assert response.status_code == 409 and "Our board text</textarea>" in response.content.decode()
    assert not GovernanceDeclaration.objects.filter(assessment=closed).exists()
    with pytest.raises(outcome_services.OutcomeRefused, match=re.escape(CLOSED)):
        outcome_services.outcomes_choose(
            assessment=closed, indicators=list(Indicator.objects.all()[:1]), by=lead, fingerprint=""
        )
    upload = SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    with pytest.raises(AssessmentLocked, match=re.escape(CLOSED)):
        evidence_upload(assessment=closed, by=lead, title="Plan", upload=upload, document_date=timezone.localdate())
    with pytest.raises(TransitionRefused, match=re.escape(CLOSED)):
        assessment_transition(assessment=closed, action=Action.SUBMIT, by=lead)


def test_the_sha_reopening_after_the_deadline_lets_the_pct_change_it_for_a_while(world, closed):
    Assessment.objects.filter(pk=closed.pk).update(state=State.SUBMITTED)
    closed.refresh_from_db()
    reopened = assessment_reopen(assessment=closed, by=world.users["sha_lead"], reason="Late evidence accepted")
    assert reopened.state == State.DRAFT
    assert reopened.extended_until == timezone.localdate() + timedelta(days=14)
    address = reverse("competencies:competency", args=["2008-09", "5NT", 1])
    response = world.client_for("pct_contributor").post(address, {"version": 1, "level": "3", "narrative": "Late"})
    assert response.status_code == 302
    assert CompetencyAssessment.objects.get(assessment=closed).narrative == "Late"
    Assessment.objects.filter(pk=closed.pk).update(extended_until=timezone.localdate() - timedelta(days=1))
    response = world.client_for("pct_contributor").post(address, {"version": 2, "level": "2", "narrative": "Later"})
    assert response.status_code == 409 and "extension ended on" in response.content.decode()


def test_the_sha_extends_a_draft_never_submitted_after_the_deadline(world, closed):
    extended = assessment_reopen(assessment=closed, by=world.users["sha_lead"], reason="Board met late")
    assert (extended.state, extended.extended_until) == (State.DRAFT, timezone.localdate() + timedelta(days=14))
    with pytest.raises(PermissionDenied):
        assessment_reopen(assessment=closed, by=world.users["pct_lead"], reason="Let us in")


def test_the_sha_lead_reopens_from_the_page_after_the_deadline(world, closed):
    client = world.client_for("sha_lead")
    address = reverse("assessment-reopen", args=["2008-09", "5NT"])
    assert "Reopen" in client.get(reverse("assessment", args=["2008-09", "5NT"])).content.decode()
    page = " ".join(client.get(address).content.decode().split())
    assert "reopening lets the PCT change its self-assessment until the end of" in page and 'name="reason"' in page
    response = client.post(address, {"reason": "Board met late"})
    assert response.status_code == 302
    closed.refresh_from_db()
    assert closed.extended_until == timezone.localdate() + timedelta(days=14)
