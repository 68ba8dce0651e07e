"""National and public views read only what was signed off: never the agreed ratings of a draft correction
(issue 14, finding 1)."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assurance.national import selectors, services
from assurance.national.choices import RollupKind
from assurance.national.models import Rollup
from panels import services as panel_services
from panels.models import AgreedRating
from tests.national.helpers import sign_off_moderation, table
from tests.panels.helpers import review_day

E = "E92000001"


@pytest.fixture
def draft_correction(world, eager_celery, django_capture_on_commit_callbacks):
    """Manchester signed off and published; the chair then starts version 2 and changes competency 1's level."""
    day = review_day(world, reported=True)
    day.factual_accuracy_until = timezone.localdate() - timedelta(days=1)
    day.save()
    sign_off_moderation(world.cycle)
    with django_capture_on_commit_callbacks(execute=True):
        services.cycle_publish(cycle=world.cycle, by=world.users["dh_analyst"])
    rating = AgreedRating.objects.get(assessment=world.assessment, competency__number=1)
    signed = rating.level
    draft = 1 if signed != 1 else 4
    chair = world.users["panel_chair"]
    panel_services.report_new_version(assessment=world.assessment, by=chair)
    entry = panel_services.Entry(value=draft, text="Changed in the draft", version=rating.version)
    panel_services.agreed_ratings_save(review_day=day, by=chair, entries={f"c{rating.competency_id}": entry})
    assert AgreedRating.objects.get(pk=rating.pk).level == draft  # the workspace holds the draft level
    services.rollups_refresh(cycle=world.cycle)  # any recompute: the hourly beat, a sign-off, an import
    return {"signed": signed, "draft": draft}


def test_the_public_card_page_and_api_show_the_signed_off_level(world, client, draft_correction):
    signed = draft_correction["signed"]
    assert selectors.public_card("2009-10", "5NT").card["competencies"][0]["level"] == signed
    page = client.get(reverse("national:report_card", args=["2009-10", "5NT"]))
    assert page.context["card"]["competencies"][0]["level"] == signed
    api = client.get(reverse("national-report-card", args=["2009-10", "5NT"]))
    assert api.json()["competencies"][0]["level"] == signed


def test_rollups_and_the_pct_table_count_the_signed_off_level(world, draft_correction):
    signed, draft = draft_correction["signed"], draft_correction["draft"]
    for scope in (E, "Q31"):
        levels = table(Rollup.objects.get(cycle=world.cycle, scope__code=scope, kind=RollupKind.COMPETENCY_LEVELS))
        assert (levels[1][f"level_{signed}"], levels[1][f"level_{draft}"]) == (1, 0)
    pcts = Rollup.objects.get(cycle=world.cycle, scope__code="Q31", kind=RollupKind.PCTS).records
    assert next(r for r in pcts if r["pct"] == "5NT")["competency_1"] == signed


def test_the_national_csvs_show_the_signed_off_level(world, draft_correction):
    signed, draft = draft_correction["signed"], draft_correction["draft"]
    client = world.client_for("dh_analyst")
    pcts = client.get(reverse("national:download", args=["2009-10", "Q31", "pcts"])).content.decode()
    rows = list(csv.DictReader(io.StringIO(pcts)))
    manchester = next(r for r in rows if r["PCT code"] == "5NT")
    first = next(k for k in manchester if k.startswith("Competency 1:"))
    assert manchester[first] == str(signed)
    levels = client.get(reverse("national:download", args=["2009-10", E, "competency_levels"])).content.decode()
    row = list(csv.reader(io.StringIO(levels)))[1]
    assert (row[signed], row[draft]) == ("1", "0")  # columns: name, level 1..4, not rated, total
