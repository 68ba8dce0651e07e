"""Who reads what partners said: the panel at any time, the PCT after sign-off, never another SHA (issue 19)."""

import html
import re

import pytest
from django.urls import reverse

from competencies.models import CompetencyAssessment
from feedback.choices import PartnerType
from feedback.selectors import asked_competencies
from tests.feedback.helpers import invite, responses
from tests.panels.helpers import review_day

TOO_FEW = "Too few responses to show"


def _text(response) -> str:
    """The page's words, without tags."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def _results(world):
    return reverse("feedback:results", args=[world.cycle.code, world.pct.code])


@pytest.mark.parametrize(("count", "shown"), [(2, False), (3, True), (4, True)])
def test_a_type_shows_on_the_panel_pack_only_from_three_responses(world, count, shown):
    review_day(world)
    responses(world, PartnerType.PROVIDER, count, level=2, comment="Contracts managed well")
    text = _text(world.client_for("panel_member").get(reverse("panels:pack", args=[world.cycle.code, world.pct.code])))
    assert "What partners said" in text
    assert ("Contracts managed well 0" in text) is shown
    # each asked competency: the providers' row has `count` at level 2, or says too few
    row = f"Providers {0} {count} {0} {0} {0}"
    assert (text.count(row) == len(asked_competencies(world.cycle))) is shown
    assert (text.count(f"Providers {TOO_FEW}") == len(asked_competencies(world.cycle))) is not shown


def test_the_pack_and_workspace_show_the_self_assessed_level_beside_partners(world):
    day = review_day(world)
    first = asked_competencies(world.cycle)[0]
    level = CompetencyAssessment.objects.get(assessment=day.assessment, competency=first).level
    responses(world, PartnerType.COUNCIL, 3, level=4, comment="Leads the local NHS")
    for name in ("panels:pack", "panels:workspace"):
        text = _text(world.client_for("panel_chair").get(reverse(name, args=[world.cycle.code, world.pct.code])))
        assert f"1. Locally lead the NHS PCT's self-assessed level: Level {level}" in text
        assert "Local authority 0 0 0 3 0" in text and "Leads the local NHS 2" in text
        assert f"Practice-based commissioners {TOO_FEW}" in text


def test_the_pct_reads_partners_only_after_its_panel_has_signed_off(world):
    responses(world, PartnerType.PRACTICE, 3, comment="Listens to practices")
    review_day(world)
    for role in ("pct_lead", "pct_contributor"):
        refused = world.client_for(role).get(_results(world))
        assert refused.status_code == 403 and "once its panel has signed off" in _text(refused)
        assert "Listens to practices" not in _text(refused)
        home = _text(world.client_for(role).get(reverse("home")))
        assert "Read what partners said" not in home
    review_day(world, reported=True)
    for role in ("pct_lead", "pct_contributor"):
        page = world.client_for(role).get(_results(world))
        assert page.status_code == 200 and "Listens to practices 0" in _text(page)
        assert "Read what partners said" in _text(world.client_for(role).get(reverse("home")))
    report = world.client_for("pct_lead").get(reverse("panels:report", args=[world.cycle.code, world.pct.code]))
    assert _results(world) in report.content.decode()


def test_another_shas_people_never_see_them(world):
    responses(world, PartnerType.PRACTICE, 3, comment="Listens to practices")
    review_day(world, reported=True)
    for role in ("other_sha_lead", "other_panel_chair", "other_pct_lead", "la_partner"):
        assert world.client_for(role).get(_results(world)).status_code == 404, role
    home = _text(world.client_for("other_sha_lead").get(reverse("home")))
    assert "Manchester" not in home.split("Partner feedback")[-1]


def test_the_sha_home_counts_invited_and_responded_by_type_for_each_pct(world):
    responses(world, PartnerType.PRACTICE, 3)
    invite(world, 7, PartnerType.PRACTICE)
    invite(world, 8, PartnerType.PUBLIC)
    text = _text(world.client_for("sha_lead").get(reverse("home")))
    assert "Partner feedback 2009-10" in text
    section = text.split("Partner feedback 2009-10")[1]
    assert "Manchester PCT 3 of 4 0 of 0 0 of 0 0 of 1 3 of 5" in section
    assert "Bolton PCT 0 of 0 0 of 0 0 of 0 0 of 0 0 of 0" in section
    page = world.client_for("sha_lead").get(reverse("home")).content.decode()
    assert reverse("feedback:invitations", args=[world.cycle.code, world.pct.code]) in page
    # the panel chair sees the counts, linked to the answers rather than the invitations
    chair = world.client_for("panel_chair").get(reverse("home")).content.decode()
    assert _results(world) in chair


def test_the_pct_home_offers_inviting_to_the_lead_only(world):
    link = reverse("feedback:invitations", args=[world.cycle.code, world.pct.code])
    assert link in world.client_for("pct_lead").get(reverse("home")).content.decode()
    assert link not in world.client_for("pct_contributor").get(reverse("home")).content.decode()


def test_the_results_and_the_sha_table_download_as_csv(world):
    responses(world, PartnerType.COUNCIL, 3, level=4)
    responses(world, PartnerType.PUBLIC, 2, level=1, start=5)
    lines = world.client_for("sha_lead").get(_results(world).replace("results/", "results.csv")).content.decode()
    rows = lines.splitlines()
    assert rows[0].startswith("Competency number,Competency,PCT's self-assessed level,Type of partner")
    assert "1,Locally lead the NHS,,Local authority,3,yes,0,0,0,3,0" in rows
    assert "1,Locally lead the NHS,,Patient and public groups,2,no: too few responses to show,,,,," in rows
    table = world.client_for("sha_lead").get(reverse("feedback:sha_csv", args=[world.cycle.code, world.sha.code]))
    assert "5NT,Manchester PCT,0,0,3,3,0,0,2,2,5,5" in table.content.decode().splitlines()
    other = world.client_for("other_sha_lead").get(reverse("feedback:sha_csv", args=[world.cycle.code, world.sha.code]))
    assert other.status_code == 404
