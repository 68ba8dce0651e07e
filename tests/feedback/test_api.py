"""What partners said, through the API (issue 19): the page's numbers and access rules, only aggregates, only where
enough partners of a type responded, never a comment or a name; documented in the schema."""

import pytest
from django.urls import reverse

from feedback.choices import PartnerType
from feedback.selectors import asked_competencies
from tests.feedback.helpers import invite, responses
from tests.panels.helpers import review_day


def _url(world, org=None, cycle=None) -> str:
    return reverse("partner-feedback", kwargs={"cycle": cycle or world.cycle.code, "org_code": org or world.pct.code})


@pytest.mark.parametrize(("count", "shown"), [(2, False), (3, True), (4, True)])
def test_levels_are_given_only_from_three_responses_of_a_type(world, count, shown):
    review_day(world)
    responses(world, PartnerType.PROVIDER, count, level=2, comment="Contracts managed well")
    response = world.client_for("panel_member").get(_url(world))
    assert response.status_code == 200
    body = response.json()
    providers = next(t for t in body["partner_types"] if t["partner_type"] == "provider")
    assert (providers["invited"], providers["responded"], providers["shown"]) == (count, count, shown)
    assert body["minimum_responses"] == 3
    assert [c["number"] for c in body["competencies"]] == [c.number for c in asked_competencies(world.cycle)]
    for competency in body["competencies"]:
        row = next(p for p in competency["partners"] if p["partner_type"] == "provider")
        expected = {"level_1": 0, "level_2": count, "level_3": 0, "level_4": 0, "dont_know": 0} if shown else None
        assert (row["shown"], row["levels"]) == (shown, expected)
    assert "Contracts managed well" not in response.content.decode()  # no comment, shown or not


def test_the_self_assessed_level_and_dont_know_are_given_and_no_name(world):
    day = review_day(world)
    responses(world, PartnerType.COUNCIL, 3, level=None)
    body = world.client_for("dh_analyst").get(_url(world)).json()
    first = body["competencies"][0]
    own = day.assessment.competency_assessments.get(competency__number=first["number"]).level
    assert first["self_level"] == own
    council = next(p for p in first["partners"] if p["partner_type"] == "council")
    assert council["levels"]["dont_know"] == 3
    invitation = invite(world, 99, PartnerType.PUBLIC)
    text = world.client_for("dh_analyst").get(_url(world)).content.decode()
    assert invitation.name not in text and invitation.email not in text


def test_the_api_follows_the_pages_access(world):
    review_day(world)
    responses(world, PartnerType.PRACTICE, 3, comment="x")
    refused = world.client_for("pct_lead").get(_url(world))  # before its panel signs off
    assert refused.status_code == 403 and "once its panel has signed off" in refused.json()["detail"]
    assert world.client_for("other_sha_lead").get(_url(world)).status_code == 404  # another SHA: not told it exists
    assert world.client_for("other_pct_lead").get(_url(world)).status_code == 404
    assert world.client_for("anonymous").get(_url(world)).status_code == 403
    assert world.client_for("dh_analyst").get(_url(world, cycle="1999-00")).status_code == 404
    assert world.client_for("dh_analyst").get(_url(world, org=world.sha.code)).status_code == 404  # not a PCT
    review_day(world, reported=True)
    assert world.client_for("pct_lead").get(_url(world)).status_code == 200


def test_the_schema_documents_it(world):
    schema = world.client_for("dh_analyst").get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    operation = schema["paths"]["/api/v1/cycles/{cycle}/partner-feedback/{org_code}/"]["get"]
    assert {"200", "403", "404"} <= set(operation["responses"])
    components = schema["components"]["schemas"]
    result = components["PartnerTypeResult"]["properties"]
    assert result["levels"]["nullable"] is True
    assert set(components["PartnerLevels"]["properties"]) == {"level_1", "level_2", "level_3", "level_4", "dont_know"}
    assert "comments" not in str(components["PartnerFeedback"]) and "comment" not in str(result)
