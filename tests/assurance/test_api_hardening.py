"""The API refuses what it cannot answer with a 400 or 404 and a message (never a 500), and token calls leave no
session behind (issue 14 items 7 and 10, issue 21's pagination)."""

import json

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from rest_framework.authtoken.models import Token

from assurance.request_guards import MAX_JSON_DEPTH, json_depth


@pytest.fixture
def token(world):
    return Token.objects.create(user=world.users["dh_analyst"]).key


def _get(token: str, url: str):
    return Client().get(url, HTTP_AUTHORIZATION=f"Token {token}")


def test_token_calls_touch_no_session(token):
    before = Session.objects.count()
    urls = ["/api/v1/cycles/", "/api/v1/organisations/?limit=5", "/api/v1/cycles/2009-10/"] * 7
    for url in urls[:20]:
        response = _get(token, url)
        assert response.status_code == 200, url
        assert settings.SESSION_COOKIE_NAME not in response.cookies, url
        assert not response.has_header("Set-Cookie"), url
    assert Session.objects.count() == before


def test_a_signed_in_browser_still_renews_its_session(world):
    client = world.client_for("dh_analyst")
    client.session.save()
    response = client.get("/api/v1/cycles/")
    assert response.status_code == 200
    assert Session.objects.count() >= 1


@pytest.mark.parametrize(
    "query, name",
    [
        ("limit=true&offset=null", "limit"),
        ("offset=null", "offset"),
        ("limit=391325686399518986048855080960", "limit"),
        ("offset=391325686399518986048855080960", "offset"),
        ("limit=0", "limit"),
        ("limit=1001", "limit"),
        ("limit=-1", "limit"),
        ("limit=1e3", "limit"),
        ("offset=-5", "offset"),
    ],
)
@pytest.mark.parametrize("path", ["/api/v1/cycles/", "/api/v1/organisations/"])
def test_a_bad_pagination_parameter_is_a_400_that_says_why(token, path, query, name):
    response = _get(token, f"{path}?{query}")
    assert response.status_code == 400
    assert response.json()[name] == [
        "Enter a whole number from 1 to 1,000." if name == "limit" else "Enter a whole number from 0 to 1,000,000,000."
    ]


def test_good_pagination_still_pages(token):
    page = _get(token, "/api/v1/organisations/?limit=1000&offset=3").json()
    assert len(page["results"]) == min(1000, page["count"] - 3)
    assert _get(token, "/api/v1/organisations/?limit=2&offset=1000000000").json()["results"] == []


@pytest.mark.parametrize(
    "url, status",
    [
        ("/public/2009-10/report-cards/%00/", 404),
        ("/api/v1/public/2009-10/report-cards/%00/", 404),
        ("/api/v1/cycles/%00/", 404),
        ("/api/v1/organisations/5N%00T/", 404),
        ("/api/v1/indicators/OBESE_Y6/benchmarks/?period=%00", 400),
        ("/api/v1/indicators/OBESE_Y6/benchmarks/?org_type=PCT%00", 400),
        ("/api/v1/cycles/2009-10/rollup/?scope=%00", 400),
        ("/public/2009-10/report-cards/?x%00=1", 400),
    ],
)
def test_a_nul_byte_in_the_path_or_a_parameter_is_refused(token, url, status):
    """A 500 on PostgreSQL before (it refuses NUL in text); the same answer on every database now."""
    response = _get(token, url)
    assert response.status_code == status
    if url.startswith("/api/"):
        assert "detail" in response.json()


def test_a_deeply_nested_json_body_is_refused_before_any_view(world):
    client = world.client_for("dh_analyst")
    body = "[" * 100_000 + "]" * 100_000
    response = client.post("/api/v1/cycles/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"detail": f"A JSON body may nest at most {MAX_JSON_DEPTH} levels deep."}
    shallow = client.post("/api/v1/cycles/", json.dumps({"a": [[1]]}), content_type="application/json")
    assert shallow.status_code in (403, 405)  # refused as before: CSRF for a session, no POST on a list


def test_an_oversized_json_body_is_refused(world):
    client = world.client_for("dh_analyst")
    response = client.post("/api/v1/cycles/", json.dumps(["x" * 1024] * 1100), content_type="application/json")
    assert response.status_code == 400
    assert "at most 1024 KB" in response.json()["detail"]


def test_json_depth_ignores_brackets_in_strings():
    assert json_depth(b'{"a": "[[[[[[", "b": [{"c": "\\"]]]"}]}') == 3
    assert json_depth(b"1") == 0


def test_an_unknown_api_url_answers_json(token):
    response = _get(token, "/api/v1/cycles/2009-10/nothing/here/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
