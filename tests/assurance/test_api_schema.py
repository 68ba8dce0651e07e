"""The OpenAPI schema says what the API does (issue 21): nullable fields, real shapes, error answers, bounds.

tests/test_api_fuzz.py checks the running API against this schema; these check the schema's own claims.
"""

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from outcomes.api import NATIONAL_SOURCES, TRENDS


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    with django_db_blocker.unblock():
        return Client().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()


def _operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield f"{method.upper()} {path}", path, operation


def _component(schema, ref: str) -> dict:
    return schema["components"]["schemas"][ref.rsplit("/", 1)[-1]]


def _ok(schema, path: str) -> dict:
    body = schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    return _component(schema, body["$ref"])


def _enum(schema, prop: dict) -> set:
    """The values a property may take, following its $ref/oneOf to enum components."""
    values = set(prop.get("enum", []))
    if prop.get("nullable"):
        values.add(None)
    for part in [prop, *prop.get("oneOf", []), *prop.get("allOf", [])]:
        if "$ref" in part:
            values |= _enum(schema, _component(schema, part["$ref"]))
    return values


def test_fields_that_can_be_null_are_documented_nullable(schema, world):
    assert _component(schema, "Cycle")["properties"]["previous"]["nullable"] is True
    assert _component(schema, "Organisation")["properties"]["parent"]["nullable"] is True
    client = world.client_for("dh_analyst")
    assert client.get("/api/v1/cycles/2008-09/").json()["previous"] is None
    assert client.get("/api/v1/organisations/E92000001/").json()["parent"] is None


def test_benchmarks_are_documented_with_their_own_shape(schema):
    benchmarks = _ok(schema, "/api/v1/indicators/{code}/benchmarks/")
    assert "code" not in benchmarks["properties"]
    assert {"indicator", "period", "national_average", "national_source", "upper_quartile", "organisations"} <= set(
        benchmarks["properties"]
    )
    assert _enum(schema, benchmarks["properties"]["national_source"]) == {"england", "aggregate", None}
    result = _component(schema, benchmarks["properties"]["organisations"]["items"]["$ref"])
    assert _enum(schema, result["properties"]["trend"]) == set(TRENDS) == {
        "improving", "worsening", "increasing", "decreasing", "no significant change", "not enough data",
        "not tested",
    }  # fmt: skip
    assert NATIONAL_SOURCES == ["england", "aggregate"]


def _free_form(schema, node, seen=None) -> list[str]:
    """Every object in a response schema with no properties and no typed additionalProperties."""
    seen = seen if seen is not None else set()
    found = []
    if isinstance(node, dict):
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            if name not in seen:
                seen.add(name)
                found += _free_form(schema, schema["components"]["schemas"][name], seen)
        if node.get("type") == "object" and not node.get("properties") and not node.get("additionalProperties"):
            found.append(str(node))
        for value in node.values():
            if isinstance(value, dict | list):
                found += _free_form(schema, value, seen)
    elif isinstance(node, list):
        for value in node:
            found += _free_form(schema, value, seen)
    return found


def test_no_answer_is_a_free_form_object(schema):
    for name, _, operation in _operations(schema):
        for status, response in operation["responses"].items():
            assert not _free_form(schema, response), (name, status)


@pytest.mark.parametrize(
    "path, shape",
    [
        ("/api/v1/cycles/{cycle}/scorecards/{org_code}/", "Scorecard"),
        ("/api/v1/cycles/{cycle}/ratings/{org_code}/", "PanelRatings"),
        ("/api/v1/cycles/{cycle}/rollup/", "Rollup"),
        ("/api/v1/partnerships/{ons_code}/", "CouncilPartnerships"),
        ("/api/v1/public/{cycle}/report-cards/{org_code}/", "ReportCard"),
    ],
)
def test_each_document_has_a_named_shape(schema, path, shape):
    assert schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": f"#/components/schemas/{shape}"
    }
    assert _component(schema, shape)["properties"]


def test_every_operation_documents_its_error_answers(schema):
    for name, path, operation in _operations(schema):
        codes = set(operation["responses"])
        public = path.startswith("/api/v1/public/")
        expected = {"200", "400"} | (set() if public else {"401", "403"})
        if "{" in path or "scope" in {p["name"] for p in operation.get("parameters", [])}:
            expected.add("404")
        assert codes == expected, name
        for code in codes - {"200"}:
            body = operation["responses"][code]["content"]["application/json"]["schema"]["$ref"]
            assert body.endswith("/FieldErrors" if code == "400" else "/Error"), (name, code)


def test_the_documented_error_bodies_are_what_the_api_sends(world):
    key = Token.objects.create(user=world.users["dh_analyst"]).key
    client = Client(HTTP_AUTHORIZATION=f"Token {key}")
    assert set(client.get("/api/v1/cycles/1999-00/").json()) == {"detail"}  # 404
    assert set(Client().get("/api/v1/cycles/").json()) == {"detail"}  # 403, anonymous
    bad = client.get("/api/v1/cycles/?limit=0").json()  # 400: the parameter and its messages
    assert isinstance(bad["limit"], list) and all(isinstance(m, str) for m in bad["limit"])


def test_pagination_parameters_are_documented_as_bounded_integers(schema):
    for path in ("/api/v1/cycles/", "/api/v1/organisations/"):
        parameters = {p["name"]: p["schema"] for p in schema["paths"][path]["get"]["parameters"]}
        assert parameters["limit"] == {"type": "integer", "minimum": 1, "maximum": 1000}
        assert parameters["offset"] == {"type": "integer", "minimum": 0, "maximum": 1_000_000_000}
