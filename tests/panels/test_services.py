"""Panel rules: who rates what, what stays hidden, sign-off and versions, the API's visibility."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from assurance.choices import State
from panels import selectors, services
from panels.access import review_day_for
from panels.choices import ReportState
from panels.models import AgreedRating, ProvisionalRating, Report, ReportImmutable
from panels.services import Entry
from tests.panels.helpers import review_day, seat_user

pytestmark = pytest.mark.django_db


def _first_competency(day):
    return next(r for r in selectors._items(day.assessment.cycle) if r.kind == "competency")


def _agree_all(day, chair):
    rows = selectors._items(day.assessment.cycle)
    entries = {r.key: Entry(value=2 if r.kind == "competency" else "amber", text="On the evidence") for r in rows}
    services.agreed_ratings_save(review_day=day, by=chair, entries=entries)


def test_others_provisional_ratings_stay_hidden_until_the_member_rates_the_item(world):
    day = review_day(world)
    row = _first_competency(day)
    services.provisional_ratings_save(review_day=day, by=world.users["panel_chair"], entries={row.key: Entry(4, "x")})
    client = world.client_for("panel_member")
    url = reverse("panels:pack", kwargs={"cycle_code": "2009-10", "code": "5NT"})
    assert "Panel's provisional levels" not in client.get(url).content.decode()
    client.post(url, {f"v_{row.key}": "2", f"t_{row.key}": "Weak evidence"})
    page = client.get(url).content.decode()
    assert "Panel's provisional levels" in page and "Level 4" in page
    workspace = client.get(reverse("panels:workspace", kwargs={"cycle_code": "2009-10", "code": "5NT"})).content
    assert "Weak evidence" in workspace.decode()  # the member's own note, and the chair's ("x"), once revealed


def test_a_pct_never_sees_provisional_ratings_or_notes(world):
    day = review_day(world, reported=True)
    assert ProvisionalRating.objects.filter(review_day=day).exists()
    lead = world.client_for("pct_lead")
    for name in ("panels:pack", "panels:workspace"):
        assert lead.get(reverse(name, kwargs={"cycle_code": "2009-10", "code": "5NT"})).status_code == 403
    report = lead.get(reverse("panels:report", kwargs={"cycle_code": "2009-10", "code": "5NT"})).content.decode()
    assert "Seen at the visit." not in report  # the members' notes
    api = lead.get(reverse("cycle-ratings", kwargs={"cycle": "2009-10", "org_code": "5NT"})).json()
    assert "Seen at the visit." not in str(api)


def test_a_member_of_another_shas_panel_sees_nothing_of_this_one(world):
    review_day(world)
    with pytest.raises(Exception) as refused:
        review_day_for(world.users["other_panel_chair"], "2009-10", "5NT")
    assert refused.typename == "Http404"


def test_a_panel_member_of_the_sha_without_a_seat_on_this_panel_sees_nothing(world):
    review_day(world)
    outsider = seat_user("panel_unseated", world.sha)
    with pytest.raises(Exception) as refused:
        review_day_for(outsider, "2009-10", "5NT")
    assert refused.typename == "Http404"


def test_only_the_chair_records_agreed_ratings(world):
    day = review_day(world)
    row = _first_competency(day)
    with pytest.raises(PermissionDenied):
        services.agreed_ratings_save(review_day=day, by=world.users["panel_member"], entries={row.key: Entry(3, "Why")})
    assert not AgreedRating.objects.exists()


def test_an_agreed_level_needs_its_rationale_and_the_input_is_kept(world):
    day = review_day(world)
    row = _first_competency(day)
    url = reverse("panels:workspace", kwargs={"cycle_code": "2009-10", "code": "5NT"})
    response = world.client_for("panel_chair").post(url, {f"v_{row.key}": "3", f"ver_{row.key}": "0"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Give the rationale for the agreed rating of 1. Locally lead the NHS" in page
    assert 'value="3" selected' in page and not AgreedRating.objects.exists()


def test_sign_off_with_missing_agreed_ratings_is_refused_naming_them(world):
    day = review_day(world)
    row = _first_competency(day)
    chair = world.users["panel_chair"]
    services.agreed_ratings_save(review_day=day, by=chair, entries={row.key: Entry(3, "Strong")})
    report = services.report_current(assessment=day.assessment, by=chair)
    with pytest.raises(ValidationError) as refused:
        services.report_sign_off(report=report, by=chair)
    message = refused.value.messages[0]
    assert "2. Work with community partners" in message and "Finance: Annual operating plan" in message
    assert "1. Locally lead the NHS" not in message
    day.assessment.refresh_from_db()
    assert day.assessment.state == State.IN_REVIEW


def test_sign_off_freezes_version_one_and_a_correction_makes_version_two(world):
    day = review_day(world)
    chair = world.users["panel_chair"]
    _agree_all(day, chair)
    draft = services.report_current(assessment=day.assessment, by=chair)
    draft = services.report_save(report=draft, by=chair, revision=draft.revision, strengths="Clear plans")
    signed = services.report_sign_off(report=draft, by=chair)
    day.assessment.refresh_from_db()
    assert day.assessment.state == State.REPORTED and signed.state == ReportState.SIGNED_OFF
    assert signed.ratings_snapshot["competencies"][0]["agreed"] == 2
    with pytest.raises(ReportImmutable):
        services.report_save(report=signed, by=chair, revision=signed.revision, strengths="Changed")
    signed.strengths = "Changed behind the service's back"
    with pytest.raises(ReportImmutable):
        signed.save()
    second = services.report_new_version(assessment=day.assessment, by=chair)
    assert (second.version, second.previous_id, second.strengths) == (2, signed.pk, "Clear plans")
    row = _first_competency(day)
    current = AgreedRating.objects.get(assessment=day.assessment, competency_id=row.item.pk)
    services.agreed_ratings_save(
        review_day=day, by=chair, entries={row.key: Entry(3, "Corrected", version=current.version)}
    )
    with pytest.raises(ValidationError, match="Say what this version changed"):
        services.report_sign_off(report=second, by=chair)
    second = services.report_save(report=second, by=chair, revision=second.revision, changes="Level of competency 1")
    services.report_sign_off(report=second, by=chair)
    old, new = Report.objects.get(version=1), Report.objects.get(version=2)
    assert old.ratings_snapshot["competencies"][0]["agreed"] == 2 and old.strengths == "Clear plans"
    assert new.ratings_snapshot["competencies"][0]["agreed"] == 3
    client = world.client_for("pct_lead")
    url = reverse("panels:report", kwargs={"cycle_code": "2009-10", "code": "5NT"})
    page = client.get(url).content.decode()
    assert "Level of competency 1" in page and "1. Locally lead the NHS: 2 to 3" in page
    assert client.get(url + "?version=1").status_code == 200
    assert AgreedRating.history.filter(competency_id=row.item.pk).count() == 2  # the audit trail of the rating


def test_the_pct_sees_no_draft_and_agreed_ratings_only_once_reported(world):
    day = review_day(world)
    chair = world.users["panel_chair"]
    _agree_all(day, chair)
    services.report_current(assessment=day.assessment, by=chair)
    lead = world.client_for("pct_lead")
    assert lead.get(reverse("panels:report", kwargs={"cycle_code": "2009-10", "code": "5NT"})).status_code == 404
    api_url = reverse("cycle-ratings", kwargs={"cycle": "2009-10", "org_code": "5NT"})
    before = lead.get(api_url).json()
    assert {c["agreed"] for c in before["competencies"]} == {None}
    assert {c["agreed"] for c in world.client_for("panel_member").get(api_url).json()["competencies"]} == {2}
    services.report_sign_off(report=Report.objects.get(), by=chair)
    after = lead.get(api_url).json()
    assert {c["agreed"] for c in after["competencies"]} == {2} and after["state"] == "reported"
    assert after["report"] == {"version": 1, "state": "signed_off", "signed_off_at": after["report"]["signed_off_at"]}


def test_factual_accuracy_comments_only_while_the_window_is_open(world):
    from datetime import timedelta

    from django.utils import timezone

    day = review_day(world, reported=True)
    report = Report.objects.get(assessment=day.assessment)
    comment = services.factual_comment_add(report=report, by=world.users["pct_lead"], text="Board met on 3 March")
    assert comment.report == report
    day.factual_accuracy_until = timezone.localdate() - timedelta(days=1)
    day.save()
    with pytest.raises(ValidationError, match="closed"):
        services.factual_comment_add(report=report, by=world.users["pct_lead"], text="Late")


def test_sha_summary_lists_the_competencies_pcts_over_rate_most(world):
    review_day(world, reported=True)
    summary = world.client_for("sha_lead").get(
        reverse("panels:differences", kwargs={"sha_code": "Q31", "cycle_code": "2009-10"})
    )
    assert summary.status_code == 200
    rows = selectors.sha_differences(world.sha, world.cycle)["rows"]
    assert len(rows) == 11 and sum(r["over"] + r["same"] + r["under"] for r in rows) == 11
    assert [r["mean_gap"] for r in rows] == sorted((r["mean_gap"] for r in rows), reverse=True)


def test_the_pack_shows_each_evidence_document_beside_the_items_it_supports(world):
    import datetime

    from django.core.files.base import ContentFile

    from evidence.models import Evidence

    day = review_day(world)
    row = _first_competency(day)
    document = Evidence.objects.create(
        assessment=day.assessment,
        title="Board minutes approving the plan",
        file=ContentFile(b"Minutes", name="minutes.txt"),
        original_name="minutes.txt",
        content_type="text/plain",
        size=7,
        document_date=datetime.date(2009, 3, 26),
    )
    document.competencies.add(row.item)
    context = selectors.pack(
        day, world.users["panel_member"], review_day_for(world.users["panel_member"], "2009-10", "5NT")[1]
    )
    assert [r.key for r in context["rows"] if r.evidence] == [row.key]
    page = world.client_for("panel_member").get(reverse("panels:pack", kwargs={"cycle_code": "2009-10", "code": "5NT"}))
    assert page.content.decode().count("Board minutes approving the plan") == 2  # the list, and beside competency 1
    assert "dated 26 March 2009" in page.content.decode()
    area = next(r for r in context["rows"] if r.kind == "governance")
    document.governance_areas.add(area.item)
    page = world.client_for("panel_member").get(reverse("panels:pack", kwargs={"cycle_code": "2009-10", "code": "5NT"}))
    supports = page.content.decode().split("Board minutes approving the plan</a></td>")[1].split("</tr>")[0]
    assert f"{row.label}; {area.label}" in supports.replace("&#x27;", "'")  # the evidence table: what it supports


def test_two_saves_of_the_same_draft_report_the_later_is_told(world):
    day = review_day(world)
    chair = world.users["panel_chair"]
    draft = services.report_current(assessment=day.assessment, by=chair)
    seen = draft.revision
    services.report_save(report=draft, by=chair, revision=seen, strengths="From the first tab")
    with pytest.raises(services.Conflict):
        services.report_save(report=draft, by=chair, revision=seen, strengths="From the second tab")
    assert Report.objects.get().strengths == "From the first tab"


def test_a_member_clearing_a_provisional_note_leaves_no_empty_row(world):  # a rating: test_provisional_history
    day = review_day(world)
    row = _first_competency(day)
    member = world.users["panel_member"]
    assert services.provisional_ratings_save(review_day=day, by=member, entries={row.key: Entry(None, "Ask")}) == 1
    assert services.provisional_ratings_save(review_day=day, by=member, entries={row.key: Entry(None, "")}) == 0
    assert not ProvisionalRating.objects.filter(review_day=day, member=member).exists()


def test_the_service_refuses_an_agreed_rating_without_its_rationale(world):
    """The rule holds whatever calls the service, not only through the form."""
    day = review_day(world)
    row = _first_competency(day)
    with pytest.raises(ValidationError, match=f"Give the rationale for the agreed rating of {row.label}"):
        services.agreed_ratings_save(review_day=day, by=world.users["panel_chair"], entries={row.key: Entry(3, "  ")})
    assert not AgreedRating.objects.exists()
