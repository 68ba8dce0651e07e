"""Who reads which partnership: a council partner its own council's PCTs, a PCT user only its own joint items."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from assurance import access
from assurance.choices import Role
from assurance.models import Membership, Organisation

LANCASHIRE = "E10000017"  # served by Central (5NG), East (5NH) and North (5NF) Lancashire PCTs


def _client_for(code: str, role: str) -> Client:
    user = get_user_model().objects.create_user(f"{role}-{code}")
    Membership.objects.create(user=user, organisation=Organisation.objects.get(code=code), role=role)
    client = Client()
    client.force_login(user)
    return client


def _pcts_on_page(client, ons_code: str) -> set[str]:
    data = client.get(reverse("partnerships:api", kwargs={"ons_code": ons_code})).json()
    return {p["pct"] for p in data["partnerships"]}


def test_a_council_partner_reads_all_its_councils_pcts(world):
    assert _pcts_on_page(_client_for(LANCASHIRE, Role.LA_PARTNER), LANCASHIRE) == {"5NG", "5NH", "5NF"}


def test_a_pct_user_reads_a_partner_councils_page_only_for_its_own_joint_items(world):
    client = _client_for("5NG", Role.PCT_LEAD)
    assert _pcts_on_page(client, LANCASHIRE) == {"5NG"}
    page = client.get(reverse("partnerships:council", kwargs={"ons_code": LANCASHIRE})).content.decode()
    assert "Central &amp; Eastern" not in page and "East Lancashire PCT" not in page


def test_a_pct_user_does_not_see_a_council_its_pct_does_not_partner(world):
    client = world.client_for("pct_lead")
    assert client.get(reverse("partnerships:council", kwargs={"ons_code": LANCASHIRE})).status_code == 404
    assert client.get(reverse("partnerships:api", kwargs={"ons_code": LANCASHIRE})).status_code == 404


def test_a_council_partner_sees_nothing_else_of_the_pct(world):
    la_partner = world.users["la_partner"]
    assert access.can(la_partner, access.VIEW, world.council)
    for action in (access.VIEW, access.EDIT, access.PANEL_READ):
        assert not access.can(la_partner, action, world.pct)
    assert world.client_for("la_partner").get(reverse("organisation", kwargs={"code": "5NT"})).status_code == 404


def test_only_a_councils_own_partner_users_may_comment_on_its_joint_outcomes(world):
    assert access.can(world.users["la_partner"], access.COMMENT_JOINT, world.council)
    for role in ("pct_lead", "sha_lead", "dh_analyst"):
        assert not access.can(world.users[role], access.COMMENT_JOINT, world.council)
    other_council = Organisation.objects.get(code=LANCASHIRE)
    assert not access.can(world.users["la_partner"], access.COMMENT_JOINT, other_council)


def test_the_la_home_page_lists_the_councils_partnerships(world):
    page = world.client_for("la_partner").get(reverse("home")).content.decode()
    assert "Manchester PCT (5NT): 100.0% of its population lives in Manchester City Council; coterminous" in page
    assert reverse("partnerships:council", kwargs={"ons_code": "E08000003"}) in page


@pytest.mark.parametrize("role", ["la_partner", "pct_lead"])
def test_the_partnership_csv_holds_the_page_rows(world, role):
    response = world.client_for(role).get(reverse("partnerships:csv", kwargs={"ons_code": "E08000003"}))
    lines = response.content.decode().splitlines()
    assert lines[0] == "section,pct_ods_code,council_ons_code,item,measure,period,value,note"
    assert "partnership,5NT,E08000003,Manchester PCT,population_share_percent,,100.0,coterminous" in lines
