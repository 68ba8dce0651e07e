"""The panel's report may quote what partners said (issue 19): the chair ticks comments on the report's edit page
(those the pack shows: the same threshold, this PCT's only), and the report and its PDF show them under "What
partners said"."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from assurance.choices import State
from assurance.models import Assessment
from feedback import results
from feedback.choices import PartnerType
from feedback.selectors import asked_competencies, quotable_comments
from panels import services
from panels.choices import ReportState
from panels.models import Report
from panels.selectors import snapshot
from tests.feedback.helpers import responses
from tests.feedback.test_visibility import _text
from tests.panels.helpers import review_day


def _url(world, name="panels:report_edit") -> str:
    return reverse(name, kwargs={"cycle_code": world.cycle.code, "code": world.pct.code})


@pytest.fixture
def partners(world):
    """Manchester in review: three councils commented (shown), two providers (too few: never quotable); North
    East's 5ND had three councils comment too (another SHA's PCT: never on Manchester's report)."""
    day = review_day(world)
    responses(world, PartnerType.COUNCIL, 3, level=4, comment="Leads the local NHS")
    responses(world, PartnerType.PROVIDER, 2, level=2, comment="Provider view", start=10)
    responses(world, PartnerType.COUNCIL, 3, level=1, comment="North East council", start=20, pct=world.far_pct)
    return day


def _post(world, form, **changes) -> dict:
    data = {name: form.initial.get(name, "") for name in form.fields if name != "partner_quotes"}
    return data | changes


# Pure ---------------------------------------------------------------------------------------------------------------


def test_only_comments_shown_are_quotable_and_the_same_words_are_one_quote():
    competencies = [SimpleNamespace(pk=7, number=1, short_name="Lead"), SimpleNamespace(pk=8, number=2, short_name="B")]
    answers = [
        results.AnswerRow("council", 7, 3, "Good"),
        results.AnswerRow("council", 7, 3, "Good"),  # the same words from two partners: quoted once
        results.AnswerRow("council", 8, 3, "Good"),  # under another competency: another quote
        results.AnswerRow("provider", 7, 2, "Hidden"),
    ]
    types = [("council", "Local authority"), ("provider", "Providers")]
    summaries = results.summarise(competencies, types, {"council": 3, "provider": 2}, answers, {})
    quotes = results.quotable(summaries)
    assert [(q.competency, q.partner_type, q.text) for q in quotes] == [(1, "Local authority", "Good")] + [
        (2, "Local authority", "Good")
    ]
    assert len({q.key for q in quotes}) == 2 and "Hidden" not in {q.text for q in quotes}
    assert quotes[0].as_dict() == {"competency": 1, "name": "Lead", "partner_type": "Local authority", "text": "Good"}


# The chair's page ---------------------------------------------------------------------------------------------------


def test_the_edit_page_offers_this_pcts_shown_comments_per_competency(world, partners):
    response = world.client_for("panel_chair").get(_url(world))
    text = _text(response)
    assert response.status_code == 200 and "Quote what partners said" in text
    first = asked_competencies(world.cycle)[0]
    assert f"{first.number}. {first.short_name} “Leads the local NHS 0” Local authority" in text
    assert "Provider view" not in text  # two providers: too few to show
    assert "North East council" not in text  # another SHA's PCT
    assert not Report.objects.exists()  # a GET writes nothing


def test_ticked_comments_are_quoted_on_the_report_and_its_pdf(world, partners, monkeypatch):
    client = world.client_for("panel_chair")
    form = client.get(_url(world)).context["form"]
    quotes = quotable_comments(partners.assessment)
    chosen = [q for q in quotes if q.text == "Leads the local NHS 1"][:1]
    data = _post(world, form, strengths="Clear plans.", partner_quotes=[q.key for q in chosen])
    assert client.post(_url(world), data).status_code == 302
    report = Report.objects.get()
    assert report.partner_quotes == [q.as_dict() for q in chosen] and report.strengths == "Clear plans."
    page = _text(client.get(_url(world, "panels:report")))
    assert "Comments the panel quotes" in page and "“Leads the local NHS 1” Local authority" in page
    assert "Leads the local NHS 0" not in page  # not ticked

    rendered = {}

    class FakeHTML:  # WeasyPrint: keep the HTML it is given
        def __init__(self, string, base_url):
            rendered["html"] = string

        def write_pdf(self):
            return b"%PDF-1.7"

    monkeypatch.setattr("weasyprint.HTML", FakeHTML)
    assert client.get(_url(world, "panels:report_pdf")).content.startswith(b"%PDF")
    assert "What partners said" in rendered["html"] and "Leads the local NHS 1" in rendered["html"]

    # The edit page shows it ticked; unticking every comment stops quoting it.
    again = client.get(_url(world))
    assert again.context["form"].quotes_chosen == {chosen[0].key}
    data = _post(world, again.context["form"])
    assert client.post(_url(world), data).status_code == 302
    assert Report.objects.get().partner_quotes == []
    assert "Comments the panel quotes" not in _text(client.get(_url(world, "panels:report")))


def test_another_pcts_comment_is_refused_and_what_was_typed_is_kept(world, partners):
    client = world.client_for("panel_chair")
    form = client.get(_url(world)).context["form"]
    far, _ = Assessment.objects.get_or_create(organisation=world.far_pct, cycle=world.cycle)
    foreign = quotable_comments(far)[0]
    own = quotable_comments(partners.assessment)[0]
    data = _post(world, form, strengths="My careful words", partner_quotes=[own.key, foreign.key])
    response = client.post(_url(world), data)
    page = response.content.decode()
    assert response.status_code == 400 and "govuk-error-summary" in page
    assert "Choose comments from those shown" in page and "My careful words" in page
    assert f'value="{own.key}" checked' in page  # the ticks kept too
    assert not Report.objects.exists()  # a refused POST writes nothing, not even an empty version 1
    draft = services.report_current(assessment=partners.assessment, by=world.users["panel_chair"])
    with pytest.raises(ValidationError, match="partners made of this PCT"):  # the service refuses it too
        services.report_save(report=draft, by=world.users["panel_chair"], revision=1, quote_keys=[foreign.key])
    assert Report.objects.get().partner_quotes == []


def test_a_stale_save_keeps_the_ticks_and_saves_nothing(world, partners):
    client = world.client_for("panel_chair")
    form = client.get(_url(world)).context["form"]
    own = quotable_comments(partners.assessment)[0]
    assert client.post(_url(world), _post(world, form, strengths="First")).status_code == 302
    stale = client.post(_url(world), _post(world, form, strengths="Second", partner_quotes=[own.key]))
    page = stale.content.decode()
    assert stale.status_code == 400 and "Someone else saved this report since you opened it" in page
    assert "Second" in page and f'value="{own.key}" checked' in page
    report = Report.objects.get()
    assert (report.strengths, report.partner_quotes) == ("First", [])


def test_quotes_reach_the_pct_only_when_signed_off_and_a_correction_keeps_them(world, partners):
    chair = world.users["panel_chair"]
    own = quotable_comments(partners.assessment)[0]
    draft = Report.objects.create(assessment=partners.assessment)
    services.report_save(report=draft, by=chair, revision=1, quote_keys=[own.key])
    report_url = _url(world, "panels:report")
    assert own.text not in _text(world.client_for("pct_lead").get(report_url))  # a draft: not the PCT's to read
    partners.assessment.state = State.REPORTED
    partners.assessment.save()
    Report.objects.filter(pk=draft.pk).update(
        state=ReportState.SIGNED_OFF,
        ratings_snapshot=snapshot(partners.assessment),
        signed_off_by=chair,
        signed_off_at=timezone.now(),
    )
    assert f"“{own.text}”" in _text(world.client_for("pct_lead").get(report_url))
    corrected = services.report_new_version(assessment=partners.assessment, by=chair)
    assert corrected.partner_quotes == [own.as_dict()]


def test_no_quotable_comment_says_so(world):
    review_day(world)
    responses(world, PartnerType.PUBLIC, 2, comment="Too few to show")
    text = _text(world.client_for("panel_chair").get(_url(world)))
    assert "No partner comment on this PCT can be quoted" in text and "Too few to show" not in text
