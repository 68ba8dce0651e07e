"""A normal day's work, as each role meets it: what the pages say after reopening, the emails, the state counts,
the page titles and the names of things (issue: no surprises on review day or publication day)."""

import re

from django.urls import reverse

from assurance.choices import Action, State
from assurance.selectors import STATE_ORDER
from assurance.services import assessment_reopen, assessment_transition
from tests.competencies.helpers import sign_off_board


def _submit_and_reopen(world, django_capture_on_commit_callbacks):
    sign_off_board(world.assessment, world.users["pct_lead"])  # every submission needs it
    with django_capture_on_commit_callbacks(execute=True):
        submitted = assessment_transition(assessment=world.assessment, action=Action.SUBMIT, by=world.users["pct_lead"])
        return assessment_reopen(
            assessment=submitted, by=world.users["sha_lead"], reason="Evidence for competency 5 is missing"
        )


def test_the_pct_is_emailed_when_the_sha_reopens_its_submission(world, mailoutbox, django_capture_on_commit_callbacks):
    _submit_and_reopen(world, django_capture_on_commit_callbacks)
    to_pct = [m for m in mailoutbox if "pct_lead@example.nhs.uk" in m.to]
    assert len(to_pct) == 1
    mail = to_pct[0]
    assert set(mail.to) == {"pct_lead@example.nhs.uk", "pct_contributor@example.nhs.uk"}
    assert mail.subject == "NHS North West reopened your 2009-10 self-assessment"
    assert "Reason: Evidence for competency 5 is missing" in mail.body
    assert "Manchester PCT" in mail.body


def test_after_reopening_the_pct_home_does_not_call_a_draft_submitted(world, django_capture_on_commit_callbacks):
    reopened = _submit_and_reopen(world, django_capture_on_commit_callbacks)
    assert reopened.state == State.DRAFT
    page = world.client_for("pct_lead").get(reverse("home")).content.decode()
    text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert "State Draft" in text
    assert "Submitted" not in text.replace("It was submitted on", "")
    assert "Reopened The SHA reopened the self-assessment for changes: Evidence for competency 5 is missing." in text


def _state_labels(page: str) -> list[str]:
    return re.findall(r'<dt class="govuk-summary-list__key">([^<]+)</dt>\s*<dd[^>]*>\d+ PCTs?</dd>', page)


def test_state_counts_are_listed_in_one_order_on_every_home_page(world):
    sign_off_board(world.assessment, world.users["pct_lead"])
    assessment_transition(assessment=world.assessment, action=Action.SUBMIT, by=world.users["pct_lead"])
    sha = _state_labels(world.client_for("sha_lead").get(reverse("home")).content.decode())
    dh = _state_labels(world.client_for("dh_analyst").get(reverse("home")).content.decode())
    assert sha == dh == STATE_ORDER == ["Not started", "Draft", "Submitted", "In review", "Reported", "Published"]


def test_page_titles_separate_the_page_from_the_service(world):
    page = world.client_for("pct_lead").get(reverse("home")).content.decode()
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert title == "Manchester PCT – Commissioning assurance"


def test_the_council_is_called_by_its_name(world):
    assert world.council.name == "Manchester City Council"
    page = world.client_for("la_partner").get(reverse("home")).content.decode()
    assert "Manchester City Council" in page and "MCD" not in page


def test_the_council_home_links_its_partners_published_report_cards(world):
    from assurance.models import Assessment, Partnership

    assert Partnership.objects.filter(council=world.council, pct=world.pct).exists()
    card = reverse("national:report_card", args=[world.cycle.code, world.pct.code])
    page = world.client_for("la_partner").get(reverse("home")).content.decode()
    assert card not in page and "has been published for 2009-10 yet" in page
    Assessment.objects.filter(pk=world.assessment.pk).update(state=State.PUBLISHED)
    page = world.client_for("la_partner").get(reverse("home")).content.decode()
    assert f'href="{card}">Manchester PCT: public report card, 2009-10</a>' in page
    assert reverse("national:report_card_index", args=[world.cycle.code]) in page


def test_the_dh_and_sha_homes_link_their_work(world):
    dh = world.client_for("dh_analyst").get(reverse("home")).content.decode()
    for name, args in [("national:dashboard", ["2009-10"]), ("national:publication", ["2009-10"]),
                       ("outcomes:import_upload", []), ("partnerships:import", [])]:  # fmt: skip
        assert f'href="{reverse(name, args=args)}"' in dh, name
    sha = world.client_for("sha_lead").get(reverse("home")).content.decode()
    assert f'href="{reverse("national:sha", args=["2009-10", "Q31"])}"' in sha
    member = world.client_for("panel_member").get(reverse("home")).content.decode()
    assert reverse("national:sha", args=["2009-10", "Q31"]) not in member  # the dashboard is the SHA lead's


def test_the_sha_leads_home_lists_every_review_day_of_its_panel(world):
    """The SHA lead runs the review days without sitting on the panel: its "Review days" section listed none."""
    from tests.panels.helpers import review_day

    day = review_day(world)
    home = world.client_for("sha_lead").get(reverse("home")).content.decode()
    section = home[home.index('<h2 class="govuk-heading-m">Review days</h2>') :]
    section = section[: section.index("</ul>")]
    assert "Manchester PCT" in section and day.place in section
    assert reverse("panels:review_day", args=["Q31", "2009-10", "5NT"]) in section
    assert reverse("panels:pack", args=["2009-10", "5NT"]) in section
    assert reverse("panels:workspace", args=["2009-10", "5NT"]) in section
    assert reverse("panels:differences", args=["Q31", "2009-10"]) in home
