"""The plan's API: the same reading as the page and the CSV, the report's access rules, in the schema."""

import pytest
from django.urls import reverse

from development import services
from tests.development.helpers import add_action, in_review, signed_off

pytestmark = pytest.mark.django_db


def _url(world, org="5NT", cycle="2009-10"):
    return reverse("development-plan", kwargs={"cycle": cycle, "org_code": org})


def test_the_api_gives_the_plan(world):
    assessment = signed_off(world)
    action = add_action(world, assessment)
    services.action_update(
        action=action, by=world.users["pct_contributor"], version=1, status="dropped", dropped_reason="Merged"
    )
    body = world.client_for("pct_lead").get(_url(world)).json()
    assert body["organisation"] == "5NT" and body["cycle"] == "2009-10" and body["report_version"] == 1
    assert [r["number"] for r in body["recommendations"]] == [1, 2, 3]
    first = body["recommendations"][0]
    assert first["priority"] == "high" and first["competency"] == 1
    assert first["actions"][0]["status"] == "dropped" and first["actions"][0]["dropped_reason"] == "Merged"
    assert body["counts"] == {"total": 1, "overdue": 0, "overdue_30_days": 0, "at_risk": 0, "done": 0, "dropped": 1}
    assert body["recommendations"][1]["governance_area"]


def test_the_api_follows_the_reports_access(world):
    in_review(world)
    services.recommendation_add(
        assessment=world.assessment, by=world.users["panel_chair"], text="Draft", priority="low"
    )
    assert world.client_for("pct_lead").get(_url(world)).status_code == 404  # not signed off: the PCT sees nothing
    panel = world.client_for("panel_chair").get(_url(world)).json()
    assert panel["recommendations"] == []  # drafts are never part of the plan
    assert world.client_for("other_pct_lead").get(_url(world)).status_code == 404
    assert world.client_for("anonymous").get(_url(world)).status_code == 403
    assert world.client_for("dh_analyst").get(_url(world, cycle="1999-00")).status_code == 404
    assert world.client_for("dh_analyst").get(_url(world, org="<x>")).status_code == 404


def test_the_schema_documents_it(world):
    schema = world.client_for("dh_analyst").get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    operation = schema["paths"]["/api/v1/cycles/{cycle}/development-plans/{org_code}/"]["get"]
    assert {"200", "403", "404"} <= set(operation["responses"])
