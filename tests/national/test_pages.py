"""The national dashboard, downloads, the public report cards and the API, read from stored rollups."""

import csv
import io

import pytest
from django.urls import reverse

from assurance.choices import State
from assurance.models import Assessment, Organisation
from assurance.national import services
from assurance.national.models import Publication
from tests.national.helpers import record_publication, signed_off
from tests.queries import page_queries

E = "E92000001"


def _publish(world, *codes):
    """Mark PCTs published in 2009-10, record the publication and build their cards (as DH's publishing does)."""
    for code in codes:
        Assessment.objects.update_or_create(
            organisation=Organisation.objects.get(code=code), cycle=world.cycle, defaults={"state": State.PUBLISHED}
        )
    record_publication(world.cycle, codes)
    services.rollups_refresh(cycle=world.cycle)


def test_dashboard_queries_do_not_grow_with_the_number_of_pcts(world):
    client = world.client_for("dh_analyst")
    services.rollups_refresh(cycle=world.cycle)
    urls = [reverse("national:dashboard", args=["2009-10"]), reverse("national:sha", args=["2009-10", "Q31"])]
    [page_queries(client, url) for url in urls]  # warm up: the first request of a session caches what it may
    few = [page_queries(client, url) for url in urls]
    for pct in Organisation.objects.pcts():
        Assessment.objects.update_or_create(organisation=pct, cycle=world.cycle, defaults={"state": State.REPORTED})
    services.rollups_refresh(cycle=world.cycle)
    assert [page_queries(client, url) for url in urls] == few


def test_the_sha_lead_sees_its_sha_with_england_beside_it(world):
    signed_off("5NT", world.cycle, levels={1: 2})
    services.rollups_refresh(cycle=world.cycle)
    client = world.client_for("sha_lead")
    response = client.get(reverse("national:dashboard", args=["2009-10"]))
    assert response.status_code == 302 and response["Location"] == reverse("national:sha", args=["2009-10", "Q31"])
    page = client.get(response["Location"]).content.decode()
    assert "National rollups: NHS North West" in page
    assert "Agreed competency levels: England (number of PCTs)" in page
    assert "Manchester PCT" in page
    assert client.get(reverse("national:sha", args=["2009-10", "Q30"])).status_code == 404


def test_every_table_downloads_as_csv_with_the_page_columns(world):
    signed_off("5NT", world.cycle, levels={1: 2})
    services.rollups_refresh(cycle=world.cycle)
    client = world.client_for("dh_analyst")
    response = client.get(reverse("national:download", args=["2009-10", E, "competency_levels"]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Competency", "Level 1", "Level 2", "Level 3", "Level 4", "Not rated", "PCTs"]
    assert len(rows) == 1 + 11
    assert response["Content-Disposition"] == 'attachment; filename="2009-10-E92000001-competency_levels.csv"'
    pcts = client.get(reverse("national:download", args=["2009-10", "Q31", "pcts"])).content.decode()
    assert "Manchester PCT" in pcts and "County Durham PCT" not in pcts


def test_anonymous_404s_do_not_tell_which_reason(world):
    _publish(world, "5NT")
    client = world.client_for("anonymous")
    assert client.get(reverse("national:report_card", args=["2009-10", "5NT"])).status_code == 200
    refused = [
        ("2008-09", "5NT"),  # a cycle not published
        ("2009-10", "ZZZ"),  # an unknown code
        ("2009-10", "5HQ"),  # a PCT not published
        ("2009-10", "Q31"),  # an SHA
        ("2009-10", "E08000003"),  # a local authority
        ("2009-10", E),  # England
        ("2031-32", "5NT"),  # a cycle that does not exist
    ]
    bodies = set()
    for cycle, code in refused:
        response = client.get(reverse("national:report_card", args=[cycle, code]))
        assert response.status_code == 404, (cycle, code)
        bodies.add(response.content)
        api = client.get(reverse("national-report-card", args=[cycle, code]))
        assert api.status_code == 404, (cycle, code)
        bodies.add(b"api:" + api.content)
    assert len(bodies) == 2  # one page body and one API body for every reason
    assert client.get(reverse("national:report_card_index", args=["2008-09"])).status_code == 404


def test_the_report_card_compares_without_ranking(world):
    _publish(world, "5NT", "5HQ", "5ND")
    client = world.client_for("anonymous")
    page = client.get(reverse("national:report_card", args=["2009-10", "5NT"])).content.decode()
    assert "How to read these figures" in page
    assert "Synthetic" in page and "Resident population" in page
    for forbidden in ("Rank", "ranked", "League", "position 1", "out of 15"):
        assert forbidden not in page
    card = client.get(reverse("national-report-card", args=["2009-10", "5NT"])).json()
    assert len(card["peer_group"]) == 10
    names = [p["name"] for p in card["peer_group"]]
    assert names == sorted(names)
    assert {m["code"]: m["synthetic"] for m in card["measures"]} == {
        "population": False,
        "deprivation": True,
        "aged_65_plus": True,
        "rurality": True,
    }
    assert "rank" not in str(card).lower()


def test_the_index_lists_published_pcts_by_sha_then_name(world):
    _publish(world, "5NT", "5HQ", "5ND")
    page = world.client_for("anonymous").get(reverse("national:report_card_index", args=["2009-10"])).content.decode()
    order = [
        page.index(name)
        for name in ("NHS North East", "County Durham PCT", "NHS North West", "Bolton PCT", "Manchester PCT")
    ]
    assert order == sorted(order)


def test_the_api_gives_the_dashboard_numbers_and_keeps_an_sha_lead_to_its_own(world):
    services.rollups_refresh(cycle=world.cycle)
    dh = world.client_for("dh_analyst").get(reverse("national-rollup", args=["2009-10"])).json()
    assert [s["code"] for s in dh["scopes"]][:2] == [E, "Q30"] and len(dh["scopes"]) == 11
    lead = world.client_for("sha_lead")
    mine = lead.get(reverse("national-rollup", args=["2009-10"])).json()
    assert [s["code"] for s in mine["scopes"]] == [E, "Q31"]
    assert lead.get(reverse("national-rollup", args=["2009-10"]) + "?scope=Q30").status_code == 404
    england = next(s for s in dh["scopes"] if s["code"] == E)["tables"]["competency_levels"]
    download = world.client_for("dh_analyst").get(
        reverse("national:download", args=["2009-10", E, "competency_levels"])
    )
    csv_rows = list(csv.reader(io.StringIO(download.content.decode())))
    assert len(england["rows"]) == len(csv_rows) - 1


@pytest.mark.parametrize("role", ["dh_analyst"])
def test_publishing_2008_09_from_the_page_shows_the_reason(world, role):
    response = world.client_for(role).post(reverse("national:publication", args=["2008-09"]), {})
    assert response.status_code == 400
    assert "does not allow its ratings to be published" in response.content.decode()


def test_a_bad_embargo_is_explained_next_to_the_field(world):
    client = world.client_for("dh_analyst")
    response = client.post(reverse("national:publication", args=["2009-10"]), {"embargo_date": "2031-01-01"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and "Enter the time the embargo ends" in page
    assert 'value="2031-01-01"' in page  # what was typed is kept
    assert not Publication.objects.exists()
