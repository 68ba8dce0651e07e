"""Compare areas, the SHA overview and indicator definitions: stored results only, bounded to the cycle, in a fixed
number of queries, open to any signed-in user."""

import csv
import io
import json
import re
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assurance.models import Organisation
from outcomes import compare, resultcache, services
from outcomes.choices import ValueType
from outcomes.models import Benchmark, Indicator, OrganisationBenchmark
from tests.outcomes import data
from tests.outcomes.conftest import load_values
from tests.queries import page_queries

PROPORTION = "BREASTFEEDING_INIT"  # counts in the test data: intervals by Wilson, a funnel plot


def _url(world, indicator=PROPORTION, query="", name="outcomes:compare"):
    return reverse(name, kwargs={"cycle": world.cycle.code, "indicator": indicator}) + query


def _orgs_in_table(page: str) -> list[str]:
    table = page[page.index('id="compare-table"') :]
    return re.findall(r'<tr class="govuk-table__row[^"]*" data-org="([^"]+)"', table)


def _figure(page: str, chart_id: str) -> dict:
    return json.loads(re.search(rf'<script type="application/json" id="{chart_id}">(.*?)</script>', page, re.S)[1])


def test_compare_areas_shows_every_pct_in_value_order_coloured_by_comparison_without_ranks(scored):
    page = scored.client_for("pct_lead").get(_url(scored)).content.decode()
    stored = OrganisationBenchmark.objects.filter(indicator__code=PROPORTION, period="2009-10", org_type="PCT")
    expected = [r.organisation.code for r in sorted(stored, key=lambda r: (r.value, r.organisation.name))]
    assert len(expected) == 6
    assert _orgs_in_table(page) == expected
    assert "Rank" not in page and "rank</th>" not in page.lower()
    england = Benchmark.objects.get(indicator__code=PROPORTION, period="2009-10", org_type="PCT").national_average
    assert f"{england:.2f}" in page
    for result in stored:
        assert compare.comparison_words(result.comparison) in page
    bars = _figure(page, "compare-chart")
    names = [t["name"] for t in bars["data"]]
    assert f"England {england:.4g}" in names
    bar_colours = {t["name"]: t["marker"]["color"] for t in bars["data"] if t["type"] == "bar"}
    for result in stored:
        words = compare.comparison_words(result.comparison)
        words = words[0].upper() + words[1:]
        assert bar_colours[words] == compare.comparison_colour(result.comparison)
    assert bars["layout"]["xaxis"]["categoryarray"] == [
        r.organisation.name for r in sorted(stored, key=lambda r: (r.value, r.organisation.name))
    ]
    assert reverse("outcomes:indicator", kwargs={"code": PROPORTION}) in page
    assert reverse("outcomes:methods") + "#compare-areas" in page
    assert "<script>" not in page


def test_the_funnel_plot_has_england_and_both_limits_for_a_proportion_and_none_for_life_expectancy(scored):
    client = scored.client_for("sha_lead")
    page = client.get(_url(scored)).content.decode()
    funnel = _figure(page, "funnel-chart")
    names = [t["name"] for t in funnel["data"]]
    assert names.count("95% limits") == 2 and names.count("99.8% limits") == 2
    points = [t for t in funnel["data"] if t.get("mode") == "markers"]
    assert sum(len(t["x"]) for t in points) == 6 and {x for t in points for x in t["x"]} == {2000}
    assert "Against the funnel limits" in page
    life = client.get(_url(scored, "LE_BIRTH_M")).content.decode()
    assert 'id="funnel-chart"' not in life
    assert "No funnel plot: it is drawn for proportions and crude rates" in life
    assert "life expectancy" in life


def test_an_sha_scope_shows_its_pcts_and_the_sha_value_from_their_counts(scored):
    page = scored.client_for("other_sha_lead").get(_url(scored, query="?sha=Q31&pct=5NT")).content.decode()
    in_sha = set(Organisation.objects.filter(parent__code="Q31").values_list("code", flat=True))
    shown = _orgs_in_table(page)
    assert shown and set(shown) <= in_sha and "5ND" not in shown  # County Durham is in the North East
    assert "selected" in page and 'data-org="5NT"' in page
    values = services.IndicatorValue.objects.filter(
        indicator__code=PROPORTION, period="2009-10", organisation__code__in=shown
    )
    aggregate = sum(v.numerator for v in values) / sum(v.denominator for v in values) * 100
    assert f"{aggregate:.2f}" in page
    assert "sum of its PCTs' numerators over their denominators" in page
    names = [t["name"] for t in _figure(page, "compare-chart")["data"]]
    assert any(n.startswith("NHS North West ") for n in names)


def test_the_csv_has_the_page_numbers_in_the_page_order(scored):
    client = scored.client_for("la_partner")
    page = client.get(_url(scored, query="?sha=Q31")).content.decode()
    response = client.get(_url(scored, query="?sha=Q31", name="outcomes:compare_csv"))
    assert response["Content-Type"].startswith("text/csv")
    lines = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [line["org_code"] for line in lines] == _orgs_in_table(page)
    stored = {
        r.organisation.code: r
        for r in OrganisationBenchmark.objects.filter(indicator__code=PROPORTION, period="2009-10", org_type="PCT")
    }
    for line in lines:
        assert float(line["value"]) == pytest.approx(stored[line["org_code"]].value)
        assert line["comparison"] == stored[line["org_code"]].comparison
        assert line["scope"] == "Q31" and line["period"] == "2009-10" and line["denominator"] == "2000.0"
        assert line["funnel_position"] in {compare.INSIDE, compare.BETWEEN_HIGH, compare.BETWEEN_LOW,
                                           compare.OUTSIDE_HIGH, compare.OUTSIDE_LOW}  # fmt: skip
    assert "rank" not in response.content.decode().splitlines()[0]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/cycles/2009-10/compare/NO_SUCH_INDICATOR/", ""),
        ("/cycles/2099-00/compare/BREASTFEEDING_INIT/", ""),
        ("/cycles/2009-10/compare/BREASTFEEDING_INIT/?sha=5NT", ""),  # a PCT is not an SHA
        ("/cycles/2009-10/compare/BREASTFEEDING_INIT/?period=2003-04", "for the period 2003-04"),
        ("/cycles/2009-10/compare/BREASTFEEDING_INIT/?indicator=NOPE", ""),
        ("/cycles/2009-10/compare/BREASTFEEDING_INIT.csv?period=nonsense", ""),
        ("/cycles/2009-10/overview/Q99/", ""),
        ("/cycles/2009-10/overview/5NT/", ""),
        ("/cycles/2009-10/overview/Q31/?sha=nonsense", ""),
        ("/indicators/NOPE/", ""),
    ],
)
def test_unknown_indicators_periods_cycles_and_areas_are_not_found(scored, path, message):
    response = scored.client_for("pct_lead").get(path)
    assert response.status_code == 404
    assert message in response.content.decode()


def test_choosing_another_indicator_or_sha_in_the_form_opens_its_page_keeping_the_scope(scored):
    client = scored.client_for("pct_lead")
    response = client.get(_url(scored, query="?indicator=LE_BIRTH_M&sha=Q31&period=2009-10&pct=5NT"))
    assert response.status_code == 302
    assert response["Location"] == _url(scored, "LE_BIRTH_M", "?sha=Q31&pct=5NT")
    response = client.get("/cycles/2009-10/overview/Q31/?sha=Q30")
    assert response["Location"] == "/cycles/2009-10/overview/Q30/"


def test_compare_areas_reads_only_the_periods_of_its_cycle(scored):
    later = [f"{PROPORTION},{pct},2010-11,50,1000,2000,," for pct in data.pct_codes(6)]
    result = services.import_values(data.csv_text(later), "later.csv", recompute=False)
    assert not result.refused, result.errors
    services.scorecards_compute()
    assert Benchmark.objects.filter(indicator__code=PROPORTION, period="2010-11").exists()
    client = scored.client_for("pct_lead")
    page = client.get(_url(scored)).content.decode()
    assert "2010-11" not in page
    assert ", 2009-10:" in page  # the latest period of the 2009-10 cycle is shown by default
    assert client.get(_url(scored, query="?period=2010-11")).status_code == 404
    overview = client.get("/cycles/2009-10/overview/Q31/").content.decode()
    assert "2010-11" not in overview


def test_the_sha_overview_is_a_table_of_indicators_by_pct_with_colours_in_words(scored):
    client = scored.client_for("panel_member")
    page = client.get("/cycles/2009-10/overview/Q31/?pct=5NT").content.decode()
    pcts = list(Organisation.objects.filter(parent__code="Q31", kind="PCT").order_by("name"))
    header = page[page.index('id="overview"') : page.index("</thead>")]
    assert re.findall(r'data-org="([^"]+)"', header) == [p.code for p in pcts]
    assert '<th scope="colgroup"' in page and "Community services" in page  # rows grouped by data-pack area
    row = page[page.index(">Breastfeeding initiation, % of maternities</a>") :]
    row = row[: row.index("</tr>")]
    england = Benchmark.objects.get(indicator__code=PROPORTION, period="2009-10", org_type="PCT").national_average
    assert f">{england:,.1f}<" in row
    for result in OrganisationBenchmark.objects.filter(
        indicator__code=PROPORTION, period="2009-10", organisation__parent__code="Q31"
    ):
        cell = f"{compare.comparison_css(result.comparison)}"
        assert cell in row
        link = _url(scored, PROPORTION, f"?sha=Q31&amp;pct={result.organisation.code}")
        assert f'href="{link}">{result.value:,.1f}<span class="app-cmp__word">' \
               f"{compare.comparison_words(result.comparison)}</span>" in row  # fmt: skip
    assert row.count("No value") == len(pcts) - 2  # two of the six PCTs with values are in the North West
    assert "app-col--highlight" in page


def test_the_indicator_page_api_and_admin_give_its_definition(scored):
    client = scored.client_for("la_partner")
    indicator = Indicator.objects.get(code="TEEN_CONCEPTIONS")
    assert indicator.value_type == ValueType.CRUDE_RATE and indicator.multiplier == 1000
    page = client.get(reverse("outcomes:indicator", kwargs={"code": indicator.code})).content.decode()
    for text in (indicator.definition, indicator.numerator_definition, indicator.denominator_definition,
                 "per 1000", "Crude rate", "Lower is better", "Byar", indicator.source, indicator.caveats):  # fmt: skip
        assert text and text in page, text
    assert _url(scored, indicator.code) in page
    api = client.get(reverse("indicator-detail", kwargs={"code": indicator.code})).json()
    assert api["value_type"] == "crude rate" and api["multiplier"] == 1000.0
    assert api["numerator"] == indicator.numerator_definition and api["caveats"] == indicator.caveats
    schema = client.get("/api/schema/?format=json").json()
    fields = schema["components"]["schemas"]["Indicator"]["properties"]
    assert {"definition", "numerator", "denominator", "multiplier", "value_type", "interval_method", "caveats"} <= set(
        fields
    )
    admin = scored.client_for("dh_analyst")
    admin_user = scored.users["dh_analyst"]
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    form = admin.get(f"/admin/outcomes/indicator/{indicator.pk}/change/").content.decode()
    for field in ("definition", "numerator_definition", "multiplier", "value_type", "interval_method", "caveats"):
        assert f'name="{field}"' in form


def test_every_indicator_of_the_library_is_defined():
    import csv as csv_module

    from django.conf import settings

    with open(Path(settings.FIXTURES_DIR) / "indicators.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv_module.DictReader(fh))
    for row in rows:
        assert row["value_type"] in ValueType.values, row["code"]
        assert row["definition"] and row["source"] and row["interval_method"], row["code"]
        if row["value_type"] in (ValueType.PROPORTION, ValueType.CRUDE_RATE):
            assert float(row["multiplier"]) in (100, 1000, 100000) and row["denominator"], row["code"]


def test_the_funnel_worked_example_is_what_the_methods_page_and_docs_say(client, db):
    page = client.get("/methods/").content.decode()
    docs = (Path(__file__).resolve().parents[2] / "docs" / "outcomes.md").read_text()
    worked = [
        (ValueType.PROPORTION, 20.0, 100.0, 400),
        (ValueType.CRUDE_RATE, 50.0, 100_000.0, 200_000),
    ]
    texts = []
    for value_type, england, multiplier, n in worked:
        for z in (compare.Z_95, compare.Z_998):
            (low,), (high,) = compare.limits(value_type, england, multiplier, [n], z)
            texts.append(f"{low:.2f} to {high:.2f}")
    assert texts == ["16.08 to 23.92", "13.82 to 26.18", "40.68 to 60.81", "35.95 to 67.47"]
    assert compare.funnel_position(ValueType.PROPORTION, 20.0, 100.0, 25.0, 400) == compare.BETWEEN_HIGH
    for text in texts:
        assert text in page, text
        assert text in docs, text


def test_compare_and_overview_run_a_fixed_number_of_queries_whatever_the_number_of_pcts(
    world, django_capture_on_commit_callbacks
):
    indicators = [PROPORTION, "LE_BIRTH_M", "TEEN_CONCEPTIONS"]
    load_values(pct_count=4, indicators=indicators)
    largest = max(Organisation.objects.filter(kind="SHA"), key=lambda sha: sha.children.count())
    client = world.client_for("dh_analyst")
    urls = [_url(world), _url(world, query=f"?sha={largest.code}"), f"/cycles/2009-10/overview/{largest.code}/"]
    client.get(urls[0])  # the first request of a session also reads the demo-data flag into the cache
    resultcache.bump()  # measure the rendering, not the body found rendered
    few = [page_queries(client, url) for url in urls]
    with django_capture_on_commit_callbacks(execute=True):  # storing sends scorecards_stored once committed
        load_values(pct_count=151, indicators=indicators)
    assert OrganisationBenchmark.objects.filter(indicator__code=PROPORTION, period="2009-10").count() == 151
    many = [page_queries(client, url) for url in urls]
    assert few == many
    assert max(many) <= 13  # the session, the user, the memberships and the page's own reads
    page = client.get(urls[0]).content.decode()
    assert len(_orgs_in_table(page)) == 151


def test_a_page_read_again_is_the_stored_body_until_new_results_are_stored(world, django_capture_on_commit_callbacks):
    load_values(pct_count=4, indicators=[PROPORTION])
    client = world.client_for("sha_lead")
    urls = [_url(world), "/cycles/2009-10/overview/Q31/"]
    client.get(urls[0])  # the demo-data flag, read once a session
    resultcache.bump()
    first = [page_queries(client, url) for url in urls]
    again = [page_queries(client, url) for url in urls]
    assert all(a < f for a, f in zip(again, first, strict=True))  # read again: the body is not rendered again
    before = client.get(urls[0]).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        load_values(pct_count=8, indicators=[PROPORTION])
    after = client.get(urls[0]).content.decode()
    assert len(_orgs_in_table(before)) == 4 and len(_orgs_in_table(after)) == 8
    # An edit of the indicator's definition in the admin shows at once, with no recomputation.
    Indicator.objects.filter(code=PROPORTION).update(name="Breastfeeding started, % of maternities")
    assert "Breastfeeding started" in client.get(urls[0]).content.decode()
    assert "Breastfeeding started" in client.get(urls[1]).content.decode()


def test_a_typed_in_pct_or_period_adds_no_cached_body(world):
    """Only addresses the pages link to are kept rendered: an unknown ?pct= or ?period= is rendered each time, so a
    signed-in user cannot fill the cache by typing addresses."""
    load_values(pct_count=4, indicators=[PROPORTION])
    client = world.client_for("sha_lead")
    client.get(_url(world))  # the demo-data flag, read once a session
    resultcache.bump()
    overview = "/cycles/2009-10/overview/Q31/?pct=NOPE"
    urls = [_url(world, query="?pct=NOPE1"), _url(world, query="?period=1999"), overview]

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        return len(captured)

    first = [queries(url) for url in urls]
    again = [queries(url) for url in urls]
    assert again == first  # rendered again from the stored results, not found in the cache
    assert queries(_url(world)) > queries(_url(world))  # a linked address is kept rendered
