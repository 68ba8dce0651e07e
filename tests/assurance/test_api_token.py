"""API tokens: a DH analyst creates, replaces and revokes their own; programs use it; nobody else may hold one."""

import re

from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token


def _key(response) -> str:
    match = re.search(r'id="new-token">([0-9a-f]{40})<', response.content.decode())
    assert match, "the new key is shown on the page"
    return match.group(1)


def _api(key: str):
    return Client().get(reverse("organisation-list"), HTTP_AUTHORIZATION=f"Token {key}")


def _refused(response) -> bool:
    """A refused token: 403 (session authentication is listed first, so DRF answers 403 rather than 401)."""
    return response.status_code == 403 and response.json()["detail"] == "Invalid token."


def test_dh_analyst_creates_a_token_and_a_program_reads_the_api_with_it(world):
    client = world.client_for("dh_analyst")
    assert "You do not have a token" in client.get(reverse("api-token")).content.decode()
    key = _key(client.post(reverse("api-token"), {"action": "create"}))
    assert Token.objects.get(user=world.users["dh_analyst"]).key == key
    response = _api(key)
    assert response.status_code == 200
    assert response.json()["count"] > 500  # a DH analyst sees every organisation
    page = client.get(reverse("api-token")).content.decode()
    assert key not in page, "the key is shown once only"
    assert "Token created" in page


def test_replacing_the_token_stops_the_old_key(world):
    client = world.client_for("dh_analyst")
    old = _key(client.post(reverse("api-token"), {"action": "create"}))
    new = _key(client.post(reverse("api-token"), {"action": "replace"}))
    assert old != new
    assert _refused(_api(old))
    assert _api(new).status_code == 200
    assert Token.objects.filter(user=world.users["dh_analyst"]).count() == 1


def test_revoking_the_token_stops_it(world):
    client = world.client_for("dh_analyst")
    key = _key(client.post(reverse("api-token"), {"action": "create"}))
    response = client.post(reverse("api-token"), {"action": "revoke"}, follow=True)
    assert "Your API token has been revoked" in response.content.decode()
    assert _refused(_api(key))
    assert not Token.objects.filter(user=world.users["dh_analyst"]).exists()


def test_other_roles_cannot_create_a_token(world):
    for role in ("pct_lead", "sha_lead", "panel_chair", "la_partner", "no_membership"):
        response = world.client_for(role).post(reverse("api-token"), {"action": "create"})
        assert response.status_code == 403, role
    assert not Token.objects.exists()


def test_a_bad_token_is_refused(world):
    assert _refused(_api("0" * 40))


def test_the_schema_documents_token_authentication(world):
    schema = Client().get(reverse("schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    schemes = schema["components"]["securitySchemes"]
    token = schemes["tokenAuth"]
    assert token["type"] == "apiKey" and token["in"] == "header" and token["name"] == "Authorization"
    operation = schema["paths"]["/api/v1/organisations/"]["get"]
    assert {"tokenAuth": []} in operation["security"]
