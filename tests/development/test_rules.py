"""Development plan rules: recommendations fixed at sign-off, actions, their checks, concurrency, locks, flags."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from assurance.activity import collect
from assurance.assessments import StaleEdit
from development import access, plans, selectors, services
from development.choices import Status
from development.models import Action, ActionNote, Recommendation
from panels import services as panel_services
from tests.development.helpers import add_action, in_review, signed_off
from tests.panels.helpers import seat_user

pytestmark = pytest.mark.django_db


def _plan_url(world, name="development:plan", **extra):
    return reverse(name, kwargs={"cycle": world.cycle.code, "code": world.pct.code, **extra})


def test_recommendations_become_the_plan_at_sign_off(world):
    assessment = in_review(world)
    services.recommendation_add(assessment=assessment, by=world.users["panel_chair"], text="Draft one", priority="low")
    assert Recommendation.objects.get().report is None
    assessment = signed_off(world, recommendations=2)
    recs = Recommendation.objects.filter(assessment=assessment).order_by("number")
    assert [r.number for r in recs] == [1, 2, 3]
    assert all(r.report.is_signed_off for r in recs)
    page = world.client_for("pct_lead").get(_plan_url(world)).content.decode()
    assert "Draft one" in page and "Recommendation text 2" in page


def test_a_pct_never_sees_draft_recommendations(world):
    assessment = in_review(world)
    services.recommendation_add(assessment=assessment, by=world.users["panel_chair"], text="Secret", priority="low")
    assert world.client_for("pct_lead").get(_plan_url(world)).status_code == 404


def test_only_the_chair_writes_recommendations_and_only_while_the_review_is_open(world):
    assessment = in_review(world)
    with pytest.raises(PermissionDenied):
        services.recommendation_add(assessment=assessment, by=world.users["panel_member"], text="x", priority="low")
    signed_off(world)
    assessment.refresh_from_db()
    with pytest.raises(ValidationError):
        services.recommendation_add(assessment=assessment, by=world.users["panel_chair"], text="x", priority="low")


def test_a_recommendation_needs_its_text_and_one_item_of_this_cycle(world):
    assessment = in_review(world)
    chair = world.users["panel_chair"]
    with pytest.raises(ValidationError) as empty:
        services.recommendation_add(assessment=assessment, by=chair, text="  ", priority="low")
    assert "Enter the recommendation" in str(empty.value)
    other = world.previous_cycle.competencies.first()
    with pytest.raises(ValidationError):
        services.recommendation_add(assessment=assessment, by=chair, text="x", competency=other, priority="low")
    url = reverse("development:recommendations", kwargs={"cycle_code": "2009-10", "code": "5NT"})
    response = world.client_for("panel_chair").post(url, {"text": "", "priority": "high", "concerns": ""})
    assert response.status_code == 400 and "Enter the recommendation" in response.content.decode()


def test_a_signed_off_recommendation_never_changes(world):
    assessment = signed_off(world)
    rec = Recommendation.objects.filter(assessment=assessment).first()
    panel_services.report_new_version(assessment=assessment, by=world.users["panel_chair"])
    assessment.refresh_from_db()
    with pytest.raises(ValidationError):
        services.recommendation_save(
            recommendation=rec, by=world.users["panel_chair"], version=rec.version, text="new", priority="low"
        )


def test_the_lead_creates_actions_and_the_owner_must_be_of_the_pct(world):
    assessment = signed_off(world)
    rec = Recommendation.objects.get(assessment=assessment, number=1)
    lead, today = world.users["pct_lead"], timezone.localdate()
    fields = {"text": "Do it", "due_date": today + timedelta(30), "measure": "Done"}
    with pytest.raises(ValidationError) as stranger:
        services.action_create(recommendation=rec, by=lead, owner=world.users["other_pct_lead"], **fields)
    assert "Choose a person of" in str(stranger.value)
    with pytest.raises(PermissionDenied):
        services.action_create(
            recommendation=rec, by=world.users["pct_contributor"], owner=world.users["pct_lead"], **fields
        )
    action = services.action_create(recommendation=rec, by=lead, owner=world.users["pct_contributor"], **fields)
    assert action.status == Status.NOT_STARTED


def test_a_due_date_before_the_sign_off_is_refused_and_the_input_kept(world):
    assessment = signed_off(world, days_ago=10)
    rec = Recommendation.objects.get(assessment=assessment, number=1)
    url = _plan_url(world, "development:action_new", rec=rec.pk)
    data = {
        "text": "Appoint a clinical lead",
        "owner": world.users["pct_contributor"].pk,
        "due_date": (timezone.localdate() - timedelta(20)).isoformat(),
        "measure": "In post",
    }
    response = world.client_for("pct_lead").post(url, data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "The due date must be on or after the report&#x27;s sign-off" in page
    assert "Appoint a clinical lead" in page and not Action.objects.exists()
    bad_owner = world.client_for("pct_lead").post(url, data | {"owner": world.users["sha_lead"].pk})
    assert bad_owner.status_code == 400 and "Choose a person of" in bad_owner.content.decode()


def test_dropping_an_action_needs_a_reason(world):
    action = add_action(world, signed_off(world))
    with pytest.raises(ValidationError):
        services.action_update(action=action, by=world.users["pct_contributor"], version=1, status=Status.DROPPED)
    response = world.client_for("pct_contributor").post(
        _plan_url(world, "development:action_update", pk=action.pk),
        {"status": "dropped", "note": "We stopped", "version": 1},
    )
    assert response.status_code == 400
    assert "Give the reason for dropping this action" in response.content.decode()
    assert "We stopped" in response.content.decode()
    services.action_update(
        action=action, by=world.users["pct_contributor"], version=1, status=Status.DROPPED, dropped_reason="Merged"
    )
    assert Action.objects.get().dropped_reason == "Merged"


def test_who_may_change_an_action(world):
    action = add_action(world, signed_off(world))
    for role in ("sha_lead", "panel_chair", "dh_analyst"):
        with pytest.raises(PermissionDenied):
            services.action_update(action=action, by=world.users[role], version=1, status=Status.DONE)
    for role in ("pct_contributor", "sha_lead"):
        if role == "sha_lead":
            continue
        with pytest.raises(PermissionDenied):
            services.action_edit(
                action=action,
                by=world.users[role],
                version=1,
                text="x",
                owner=world.users["pct_lead"],
                due_date=action.due_date,
                measure="m",
            )
    with pytest.raises(PermissionDenied):
        services.action_comment(action=action, by=world.users["pct_lead"], text="Mine")
    services.action_comment(action=action, by=world.users["sha_lead"], text="Report to the March board")
    assert ActionNote.objects.get().kind == "comment"


def test_two_people_updating_one_action_one_wins_the_other_is_told_and_keeps_their_text(world):
    action = add_action(world, signed_off(world))
    url = _plan_url(world, "development:action_update", pk=action.pk)
    first = world.client_for("pct_contributor").post(url, {"status": "on_track", "note": "Going well", "version": 1})
    assert first.status_code == 302
    second = world.client_for("pct_lead").post(url, {"status": "at_risk", "note": "Funding cut", "version": 1})
    page = second.content.decode()
    assert second.status_code == 409
    assert "Someone else updated this action since you opened it" in page
    assert "Funding cut" in page and 'name="version" value="2"' in page
    assert Action.objects.get().status == Status.ON_TRACK
    again = world.client_for("pct_lead").post(url, {"status": "at_risk", "note": "Funding cut", "version": 2})
    assert again.status_code == 302 and Action.objects.get().status == Status.AT_RISK


def test_a_stale_edit_raises(world):
    action = add_action(world, signed_off(world))
    services.action_update(action=action, by=world.users["pct_lead"], version=1, status=Status.ON_TRACK)
    with pytest.raises(StaleEdit):
        services.action_update(action=action, by=world.users["pct_contributor"], version=1, status=Status.DONE)


def test_nothing_changes_while_the_report_is_being_revised(world):
    assessment = signed_off(world)
    action = add_action(world, assessment)
    panel_services.report_new_version(assessment=assessment, by=world.users["panel_chair"])
    with pytest.raises(access.PlanLocked):
        services.action_update(action=action, by=world.users["pct_contributor"], version=1, status=Status.DONE)
    response = world.client_for("pct_contributor").post(
        _plan_url(world, "development:action_update", pk=action.pk), {"status": "done", "version": 1}
    )
    assert response.status_code == 409 and "The panel is revising its report" in response.content.decode()
    assert Action.objects.get().status == Status.NOT_STARTED


def test_evidence_from_the_pct_store_is_attached(world):
    from evidence.models import Evidence

    assessment = signed_off(world)
    action = add_action(world, assessment)
    doc = Evidence.objects.create(
        assessment=world.assessment,
        title="Board minute",
        file="x.pdf",
        original_name="x.pdf",
        content_type="application/pdf",
        size=1,
        document_date=timezone.localdate(),
    )
    services.action_update(action=action, by=world.users["pct_lead"], version=1, status="on_track", evidence=[doc])
    page = world.client_for("sha_lead").get(_plan_url(world, "development:action", pk=action.pk)).content.decode()
    assert "Board minute" in page


def test_every_change_is_in_the_activity_log(world):
    assessment = signed_off(world)
    action = add_action(world, assessment)
    services.action_update(action=action, by=world.users["pct_contributor"], version=1, status="at_risk", note="Late")
    subjects = {(e.subject, e.action) for e in collect(assessment)}
    assert ("Recommendation 1", "Created") in subjects
    assert (f"Development plan action {action.pk}", "Changed") in subjects
    assert (f"Progress note on action {action.pk}", "Created") in subjects
    changes = [c for e in collect(assessment) for c in e.changes if c.field == "Status"]
    assert any(c.old == "Not started" and c.new == "At risk" for c in changes)


def test_overdue_rules():
    today = timezone.localdate()
    assert plans.is_overdue("on_track", today - timedelta(1), today)
    assert not plans.is_overdue("done", today - timedelta(100), today)
    assert not plans.is_overdue("dropped", today - timedelta(100), today)
    assert not plans.is_flagged("at_risk", today - timedelta(30), today)
    assert plans.is_flagged("at_risk", today - timedelta(31), today)
    found = plans.counts([("done", today), ("at_risk", today - timedelta(40)), ("on_track", today)], today)
    assert (found.total, found.overdue, found.flagged, found.at_risk, found.done) == (3, 1, 1, 1, 1)


def test_an_action_overdue_by_30_days_is_flagged_on_the_pct_and_sha_home_pages(world):
    assessment = signed_off(world, days_ago=120)
    action = add_action(world, assessment, due_in=-45)
    assert selectors.flagged_count([world.pct]) == 1
    for role in ("pct_lead", "sha_lead"):
        page = world.client_for(role).get("/").content.decode()
        assert "overdue by more than 30 days" in page, role
    Action.objects.filter(pk=action.pk).update(status=Status.DONE)
    assert "overdue by more than 30 days" not in world.client_for("sha_lead").get("/").content.decode()


def test_the_sha_list_filters(world):
    assessment = signed_off(world, days_ago=120)
    add_action(world, assessment, due_in=-45)
    done = add_action(world, assessment, number=2)
    Action.objects.filter(pk=done.pk).update(status=Status.DONE)
    url = reverse("development:sha_plans", kwargs={"sha_code": "Q31", "cycle_code": "2009-10"})
    client = world.client_for("sha_lead")
    rows = client.get(url).context["rows"]
    manchester = next(r for r in rows if r.organisation == world.pct)
    assert (manchester.counts.total, manchester.counts.overdue, manchester.counts.done) == (2, 1, 1)
    overdue = next(r for r in client.get(url + "?show=overdue").context["rows"] if r.organisation == world.pct)
    assert [a.status for a in overdue.actions] == ["not_started"]
    odd = client.get(url + "?show=<script>")
    assert odd.status_code == 200
    assert len(next(r for r in odd.context["rows"] if r.organisation == world.pct).actions) == 2


def test_an_sha_member_without_a_seat_and_other_shas_see_nothing(world):
    signed_off(world)
    outsider = seat_user("panel_unseated", world.sha)
    from django.test import Client

    client = Client()
    client.force_login(outsider, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(_plan_url(world)).status_code == 404
    assert world.client_for("other_sha_lead").get(_plan_url(world)).status_code == 404


def test_the_csv_has_one_row_per_action(world):
    assessment = signed_off(world)
    add_action(world, assessment)
    body = world.client_for("pct_contributor").get(_plan_url(world, "development:plan_csv")).content.decode()
    lines = body.strip().splitlines()
    assert lines[0].startswith("recommendation,recommendation_text")
    assert len(lines) == 1 + 3  # one action on recommendation 1, recommendations 2 and 3 with none
    assert "Appoint a clinical lead for engagement" in lines[1]


def test_a_stale_recommendation_edit_keeps_the_chairs_text(world):
    assessment = in_review(world)
    chair = world.users["panel_chair"]
    rec = services.recommendation_add(assessment=assessment, by=chair, text="First words", priority="low")
    services.recommendation_save(recommendation=rec, by=chair, version=1, text="Saved since", priority="high")
    url = reverse("development:recommendation_edit", kwargs={"cycle_code": "2009-10", "code": "5NT", "pk": rec.pk})
    response = world.client_for("panel_chair").post(
        url, {"text": "My late words", "priority": "medium", "concerns": "", "version": 1}
    )
    page = response.content.decode()
    assert response.status_code == 409 and "My late words" in page and "Saved since" in page
    assert Recommendation.objects.get().text == "Saved since"


def test_removing_a_recommendation_asks_first(world):
    assessment = in_review(world)
    rec = services.recommendation_add(assessment=assessment, by=world.users["panel_chair"], text="Go", priority="low")
    url = reverse("development:recommendation_remove", kwargs={"cycle_code": "2009-10", "code": "5NT", "pk": rec.pk})
    client = world.client_for("panel_chair")
    assert "Remove recommendation 1?" in client.get(url).content.decode()
    assert Recommendation.objects.exists()
    assert client.post(url).status_code == 302 and not Recommendation.objects.exists()


def test_the_report_lists_the_recommendations_and_the_pct_never_sees_drafts(world):
    assessment = signed_off(world)
    report_url = reverse("panels:report", kwargs={"cycle_code": "2009-10", "code": "5NT"})
    page = world.client_for("pct_lead").get(report_url).content.decode()
    assert "Recommendations for the development plan" in page and "Recommendation text 3" in page
    chair = world.users["panel_chair"]
    panel_services.report_new_version(assessment=assessment, by=chair)
    assessment.refresh_from_db()
    services.recommendation_add(assessment=assessment, by=chair, text="Added in the correction", priority="low")
    assert "Added in the correction" not in world.client_for("pct_lead").get(report_url).content.decode()
    assert "Added in the correction" in world.client_for("panel_chair").get(report_url).content.decode()
    assert world.client_for("pct_lead").get(_plan_url(world)).status_code == 200
    assert "Added in the correction" not in world.client_for("pct_lead").get(_plan_url(world)).content.decode()


def test_the_plan_and_sha_pages_read_a_fixed_number_of_queries(world):
    """The queries that could grow with the plan (its tables, owners, evidence) do not: one set per page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(client, url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        tables = ("development_", "auth_user", "competencies_evidence", "panels_report")
        return sum(any(t in q["sql"] for t in tables) for q in captured)

    assessment = signed_off(world)
    add_action(world, assessment)
    plan_url = _plan_url(world)
    sha_url = reverse("development:sha_plans", kwargs={"sha_code": "Q31", "cycle_code": "2009-10"})
    lead, sha = world.client_for("pct_lead"), world.client_for("sha_lead")
    count(lead, plan_url), count(sha, sha_url)  # the first request of a session writes it
    few = (count(lead, plan_url), count(sha, sha_url))
    for number in (1, 2, 3, 2, 3):
        add_action(world, assessment, number=number)
    assert (count(lead, plan_url), count(sha, sha_url)) == few


def test_the_report_pdf_carries_the_recommendations_and_the_plan_annex(world, monkeypatch):
    """The PDF is made from HTML the view reads in full: the report's recommendations and, once signed off, the plan
    as an annex (read by the development app's `parts.report_pdf`, not by a template tag)."""
    import weasyprint

    made = []

    class FakeHTML:
        def __init__(self, string, base_url):
            made.append(string)

        def write_pdf(self):
            return b"%PDF-fake"

    monkeypatch.setattr(weasyprint, "HTML", FakeHTML)
    assessment = signed_off(world)
    add_action(world, assessment)
    url = reverse("panels:report_pdf", kwargs={"cycle_code": "2009-10", "code": "5NT"})
    assert world.client_for("pct_lead").get(url).status_code == 200
    assert "Annex: development plan" in made[-1] and "Recommendation text 3" in made[-1]
    panel_services.report_new_version(assessment=assessment, by=world.users["panel_chair"])
    assert world.client_for("panel_chair").get(url + "?version=2").status_code == 200
    assert "Annex: development plan" not in made[-1]  # a draft version has no plan yet
