"""The API answers as its OpenAPI schema says: schemathesis fuzzes every operation against the running app.

The app runs in pytest-django's live server (PostgreSQL in CI) with a little of everything the API reads:
indicator values and scorecards, a priority outcome, a signed-off and published PCT with its rollups and report
card. Schemathesis (pinned in pyproject.toml) reads /api/schema/ and runs its examples, coverage and fuzzing phases
with every check: any 5xx, any response the schema does not allow, any status code an operation does not document,
a bad parameter accepted, a good one refused, or credentials ignored fails the test with schemathesis's own report.

It runs twice: with a DH analyst's token (the only role that may hold one) over every operation, and
anonymously over the public ones. A fixed seed and a bounded number of examples keep it short and repeatable.

Alone: `.venv/bin/pytest -q tests/test_api_fuzz.py` (set FUZZ_EXAMPLES to try more examples per operation).
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from assurance.choices import State
from assurance.models import Assessment
from assurance.national import services as national
from outcomes.models import Indicator, PriorityOutcome
from tests.national.helpers import record_publication, signed_off
from tests.outcomes.conftest import ELEVEN, load_values

SEED = 20091
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "8"))
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")


def _dictionary(name: str, values: list[str]) -> str:
    return f"[dictionaries.{name}]\nvalues = [{', '.join(repr(v) for v in values)}]\n"


def config(token: str | None) -> str:
    """A schemathesis.toml: the token (when any) as the schema's tokenAuth, and real names as likely values.

    Each path parameter takes a real name (a cycle, a PCT, an indicator...) half the time and anything the
    schema allows the other half, so the fuzzer reaches the 200s as well as the 404s.
    """
    text = f"seed = {SEED}\n"
    if token:
        text += f'[auth.openapi.tokenAuth]\napi_key = "Token {token}"\n'
    text += _dictionary("cycles", ["2009-10", "2008-09"])
    text += _dictionary("orgs", ["5NT", "5HQ", "5ND", "Q31", "E92000001", "E08000003"])
    text += _dictionary("indicators", ELEVEN[:4])
    text += _dictionary("councils", ["E08000003", "E10000017"])
    text += _dictionary("periods", ["2009-10", "2008-09", "2007-08"])
    text += _dictionary("scopes", ["E92000001", "Q31", "Q30"])
    binding = '{{ dictionary = "{}", probability = 0.5 }}'
    text += "[parameters]\n"
    for name, dictionary in [
        ("path.cycle", "cycles"),
        ("path.org_code", "orgs"),
        ("path.ons_code", "councils"),
        ("query.period", "periods"),
        ("query.scope", "scopes"),
    ]:
        text += f'"{name}" = {binding.format(dictionary)}\n'
    for path, dictionary in [
        ("/api/v1/cycles/{code}/", "cycles"),
        ("/api/v1/organisations/{code}/", "orgs"),
        ("/api/v1/indicators/{code}/", "indicators"),
        ("/api/v1/indicators/{code}/benchmarks/", "indicators"),
    ]:
        text += f'[[operations]]\ninclude-path = "{path}"\n'
        text += f'parameters = {{ "path.code" = {binding.format(dictionary)} }}\n'
    return text


def fuzz(url: str, tmp_path: Path, *, token: str | None, include_path_regex: str | None = None) -> str:
    """Run schemathesis over the live server's schema; fail with its report on any failure."""
    config_file = tmp_path / f"schemathesis-{'token' if token else 'anonymous'}.toml"
    config_file.write_text(config(token))
    command = [
        str(SCHEMATHESIS), "--config-file", str(config_file), "run", f"{url}/api/schema/",
        "--checks", "all", "--phases", "examples,coverage,fuzzing", "--max-examples", str(EXAMPLES),
        "--seed", str(SEED), "--workers", "1", "--no-color", "--warnings", "off",
    ]  # fmt: skip
    if include_path_regex:
        command += ["--include-path-regex", include_path_regex]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    config_file.with_suffix(".log").write_text(done.stdout + done.stderr)
    assert done.returncode == 0, done.stdout[-20000:] + done.stderr[-2000:]
    return done.stdout


@pytest.fixture
def api_data(world_tx):
    """Committed data for every operation to answer 200 to a good request (the live server reads it)."""
    from assurance.celery import app

    eager, app.conf.task_always_eager = app.conf.task_always_eager, True
    load_values(indicators=ELEVEN[:4])
    world = world_tx
    for code in ELEVEN[:2]:
        PriorityOutcome.objects.get_or_create(assessment=world.assessment, indicator=Indicator.objects.get(code=code))
    signed_off("5HQ", world.cycle, levels={1: 2, 2: 3}, rags={0: "green", 1: "amber"}, state=State.PUBLISHED)
    Assessment.objects.filter(organisation__code="5NT", cycle=world.cycle).update(state=State.REPORTED)
    record_publication(world.cycle, ["5HQ"])
    national.rollups_refresh(cycle=world.cycle)
    yield world
    app.conf.task_always_eager = eager


@pytest.mark.django_db(transaction=True)
def test_the_api_answers_as_its_schema_says(live_server, api_data, tmp_path):
    token = Token.objects.create(user=api_data.users["dh_analyst"]).key
    schema = Client().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    operations = sum(len(item) for item in schema["paths"].values())
    report = fuzz(live_server.url, tmp_path, token=token)
    assert f"Tested: {operations}\n" in report, report  # every operation, not a filtered few
    public = fuzz(live_server.url, tmp_path, token=None, include_path_regex="^/api/v1/public/")
    assert "Tested: 1\n" in public, public
