"""Joint outcomes, comments, pooled budgets and the joint needs assessment, through services and pages."""

from decimal import Decimal

import pytest
from django.urls import reverse

from assurance.choices import State
from assurance.models import Organisation
from competencies import jsna
from competencies.models import JointNeedsAssessment
from outcomes import joint_services
from outcomes.choices import LegalBasis, Trend
from outcomes.models import (
    Indicator,
    JointOutcome,
    JointOutcomeComment,
    OrganisationBenchmark,
    PooledBudget,
    PriorityOutcome,
)
from tests.partnerships.access_cases import joint_outcome, needs_assessment
from tests.partnerships.test_access import _client_for
from tests.queries import page_queries

LANCASHIRE = "E10000017"


@pytest.fixture
def outcome(world):
    indicator = Indicator.objects.get(code="ALCOHOL_ADM")
    return PriorityOutcome.objects.get_or_create(assessment=world.assessment, indicator=indicator)[0]


def _result(indicator, organisation, value, trend, period="2009-10"):
    return OrganisationBenchmark.objects.create(
        indicator=indicator, organisation=organisation, period=period, period_start_year=int(period[:4]),
        org_type=organisation.kind, value=value, comparison="similar", trend=trend,
    )  # fmt: skip


def test_a_pct_marks_an_outcome_joint_with_a_partner_council_only(world, outcome):
    joint_services.joint_outcome_set(outcome=outcome, councils=[world.council], by=world.users["pct_lead"])
    assert list(JointOutcome.objects.filter(outcome=outcome).values_list("council__code", flat=True)) == ["E08000003"]
    assert PriorityOutcome.objects.get(pk=outcome.pk).joint
    stranger = Organisation.objects.get(code=LANCASHIRE)
    refusal = "Lancashire County Council is not a partner council of Manchester PCT"
    with pytest.raises(joint_services.JointRefused, match=refusal):
        joint_services.joint_outcome_set(outcome=outcome, councils=[stranger], by=world.users["pct_lead"])


def test_an_outcome_stays_joint_with_a_council_that_has_commented(world, outcome):
    joint_services.joint_outcome_set(outcome=outcome, councils=[world.council], by=world.users["pct_lead"])
    joint = JointOutcome.objects.get(outcome=outcome)
    joint_services.joint_comment_add(joint=joint, text="Agreed", by=world.users["la_partner"])
    with pytest.raises(joint_services.JointRefused, match="has commented on this outcome"):
        joint_services.joint_outcome_set(outcome=outcome, councils=[], by=world.users["pct_lead"])
    assert JointOutcomeComment.objects.filter(joint_outcome=joint).count() == 1


def test_a_submitted_assessment_freezes_joint_outcomes(world, outcome):
    world.assessment.state = State.SUBMITTED
    world.assessment.save()
    with pytest.raises(joint_services.JointRefused, match="has been submitted"):
        joint_services.joint_outcome_set(outcome=outcome, councils=[world.council], by=world.users["pct_lead"])


def test_the_joint_outcome_page_saves_and_the_scorecard_shows_it(world, outcome):
    client = world.client_for("pct_lead")
    url = reverse("partnerships:joint_outcome", args=["2009-10", "5NT", "ALCOHOL_ADM"])
    response = client.post(url, {"councils": [world.council.pk]})
    assert response.status_code == 302
    scorecard = client.get(reverse("outcomes:scorecard", args=["2009-10", "5NT"])).content.decode()
    assert "Joint</strong> with" in scorecard and "Manchester City Council" in scorecard


def test_comments_are_checked_and_kept_next_to_the_field(world):
    joint = joint_outcome(world)
    client = world.client_for("la_partner")
    url = reverse("partnerships:comment", args=[world.council.code, joint.pk])
    response = client.post(url, {"text": "   "})
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
    long = "x" * 2001
    response = client.post(url, {"text": long})
    assert response.status_code == 400 and long in response.content.decode()  # what was typed is kept
    assert not JointOutcomeComment.objects.exists()
    assert client.post(url, {"text": "We will share ward data"}).status_code == 302
    page = client.get(reverse("partnerships:council", args=[world.council.code])).content.decode()
    assert "We will share ward data" in page


def test_the_partnership_page_shows_both_sides_values_and_trends(world):
    joint = joint_outcome(world)
    indicator = joint.outcome.indicator
    _result(indicator, world.pct, 2276.39, Trend.WORSENING)
    _result(indicator, world.council, 1584.8, Trend.IMPROVING)
    data = world.client_for("la_partner").get(reverse("partnerships:api", args=[world.council.code])).json()
    [row] = data["joint_outcomes"]
    assert (row["pct_result"]["value"], row["pct_result"]["trend"]) == (2276.39, "worsening")
    assert (row["council_result"]["value"], row["council_result"]["trend"]) == (1584.8, "improving")
    csv = world.client_for("pct_lead").get(reverse("partnerships:csv", args=[world.council.code])).content.decode()
    assert "joint_outcome,5NT,E08000003,ALCOHOL_ADM,council_value,2009-10,1584.8,improving" in csv.splitlines()


def _budget(world, councils, contributions, outcomes=()):
    return joint_services.pooled_budget_create(
        pct=world.pct, name="Intermediate care", legal_basis=LegalBasis.SECTION_75, services="Reablement",
        councils=councils, outcomes=list(outcomes), contributions=contributions, by=world.users["pct_lead"],
    )  # fmt: skip


def test_a_pooled_budget_needs_two_partners_and_non_negative_pounds(world):
    with pytest.raises(joint_services.JointRefused, match="at least two partners"):
        _budget(world, [], [("5NT", "2009-10", "100")])
    with pytest.raises(joint_services.JointRefused, match="An amount must be 0 or more"):
        _budget(world, [world.council], [("E08000003", "2009-10", "-5")])
    with pytest.raises(joint_services.JointRefused, match="not a partner council of Manchester PCT"):
        _budget(world, [Organisation.objects.get(code=LANCASHIRE)], [])
    assert not PooledBudget.objects.exists()
    budget = _budget(world, [world.council], [("5NT", "2009-10", "1,000.50"), ("E08000003", "2009-10", "0")])
    assert sorted(c.amount for c in budget.contributions.all()) == [Decimal("0.00"), Decimal("1000.50")]


def test_the_report_flags_a_budget_without_outcomes_and_shows_trends_for_the_rest(world):
    indicator = Indicator.objects.get(code="DELAYED_TRANSFERS")
    _result(indicator, world.council, 10.4, Trend.IMPROVING)
    _budget(world, [world.council], [("5NT", "2009-10", "100")], outcomes=[indicator])
    joint_services.pooled_budget_create(
        pct=world.pct, name="Equipment", legal_basis=LegalBasis.SECTION_75, services="Aids", councils=[world.council],
        outcomes=[], contributions=[], by=world.users["pct_lead"],
    )  # fmt: skip
    page = world.client_for("la_partner").get(reverse("partnerships:council", args=["E08000003"])).content.decode()
    assert page.count("No measurable outcome") == 1
    assert "Improving for at least one partner: Delayed transfers of care" in page
    data = world.client_for("la_partner").get(reverse("partnerships:api", args=["E08000003"])).json()
    flags = {b["name"]: b["measurable_outcome"] for b in data["pooled_budgets"]}
    assert flags == {"Equipment": False, "Intermediate care": True}


def test_the_pooled_budget_form_shows_each_problem_next_to_its_field(world):
    client = world.client_for("pct_lead")
    url = reverse("partnerships:pooled_budget_new", args=["5NT"])
    data = {"name": "Pool", "legal_basis": "section 75", "services": "Care", "amount_5NT_2009-10": "-10"}
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "An amount must be 0 or more" in page and "choose a partner council" in page
    assert 'value="-10"' in page  # nothing typed is lost
    data.update({"councils": [world.council.pk], "amount_5NT_2009-10": "2500", "amount_E08000003_2010-11": "1000"})
    assert client.post(url, data).status_code == 302
    budget = PooledBudget.objects.get(name="Pool")
    assert {(c.partner.code, c.year, c.amount) for c in budget.contributions.all()} == {
        ("5NT", "2009-10", Decimal("2500.00")),
        ("E08000003", "2010-11", Decimal("1000.00")),
    }


def test_the_joint_needs_assessment_is_saved_once_and_a_stale_save_is_refused(world):
    client = world.client_for("pct_lead")
    url = reverse("partnerships:needs_assessment", args=["5NT"])
    data = {"title": "JSNA 2009", "assessment_date": "2009-06-30", "councils": [world.council.pk],
            "needs": "Obesity\n\nAlcohol\n", "version": ""}  # fmt: skip
    assert client.post(url, data).status_code == 302
    saved = JointNeedsAssessment.objects.get(pct=world.pct)
    assert saved.needs == ["Obesity", "Alcohol"]
    response = client.post(url, {**data, "title": "Someone else's"})  # the version loaded before the first save
    assert response.status_code == 400 and "Someone else changed" in response.content.decode()
    assert JointNeedsAssessment.objects.get(pct=world.pct).title == "JSNA 2009"
    assert jsna.for_council(world.council, [world.pct]) == [saved]


def test_the_council_downloads_the_jsna_document_but_not_other_pct_evidence(world):
    found = needs_assessment(world)
    la = world.client_for("la_partner")
    response = la.get(reverse("partnerships:needs_assessment_document", args=[found.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"needs"
    assert la.get(reverse("competencies:evidence-download", args=[found.document.pk])).status_code == 404
    assert la.get(reverse("partnerships:needs_assessment", args=["5NT"])).status_code == 404


def test_competency_2_links_to_the_joint_needs_assessment(world):
    needs_assessment(world)
    client = world.client_for("pct_lead")
    page = client.get(reverse("competencies:competency", args=["2009-10", "5NT", 2])).content.decode()
    assert reverse("partnerships:needs_assessment", args=["5NT"]) in page
    other = client.get(reverse("competencies:competency", args=["2009-10", "5NT", 3])).content.decode()
    assert reverse("partnerships:needs_assessment", args=["5NT"]) not in other


def test_the_competency_that_links_the_joint_needs_assessment_comes_from_the_framework_data(world):
    from competencies.models import Competency

    assert list(
        Competency.objects.filter(cycle=world.cycle, holds_joint_needs_assessment=True).values_list("number", flat=True)
    ) == [2]  # fixtures/framework/competencies.csv
    Competency.objects.filter(cycle=world.cycle).update(holds_joint_needs_assessment=False)
    Competency.objects.filter(cycle=world.cycle, number=5).update(holds_joint_needs_assessment=True)
    client, link = world.client_for("pct_lead"), reverse("partnerships:needs_assessment", args=["5NT"])
    assert link not in client.get(reverse("competencies:competency", args=["2009-10", "5NT", 2])).content.decode()
    page = client.get(reverse("competencies:competency", args=["2009-10", "5NT", 5])).content.decode()
    assert link in page and "No joint strategic needs assessment has been recorded" in page


def test_the_scorecard_shows_each_outcomes_councils_and_the_share_link_only_to_editors(world, outcome):
    joint_services.joint_outcome_set(outcome=outcome, councils=[world.council], by=world.users["pct_lead"])
    url = reverse("outcomes:scorecard", args=["2009-10", "5NT"])
    lead = world.client_for("pct_lead").get(url).content.decode()
    assert "Joint</strong> with" in lead and "Manchester City Council" in lead and "Change partner councils" in lead
    panel = world.client_for("panel_member").get(url).content.decode()
    assert "Manchester City Council" in panel and "Change partner councils" not in panel


def test_a_pct_user_reads_only_its_own_joint_items_on_a_shared_council_page(world):
    lancashire = Organisation.objects.get(code=LANCASHIRE)
    central, east = Organisation.objects.get(code="5NG"), Organisation.objects.get(code="5NH")
    for pct in (central, east):
        budget = PooledBudget.objects.create(name=f"Pool of {pct.code}", legal_basis="section 75", services="x")
        budget.partners.set([pct, lancashire])
    data = _client_for("5NG", "pct_lead").get(reverse("partnerships:api", args=[LANCASHIRE])).json()
    assert [b["name"] for b in data["pooled_budgets"]] == ["Pool of 5NG"]
    data = _client_for(LANCASHIRE, "la_partner").get(reverse("partnerships:api", args=[LANCASHIRE])).json()
    assert sorted(b["name"] for b in data["pooled_budgets"]) == ["Pool of 5NG", "Pool of 5NH"]


def test_the_partnership_page_reads_a_fixed_number_of_queries_whatever_it_shows(world):
    client = world.client_for("la_partner")
    url = reverse("partnerships:council", args=["E08000003"])
    client.get(url)  # the first request of a session also reads the demo-data flag into the cache
    joint_outcome(world)
    _budget(world, [world.council], [("5NT", "2009-10", "1")], outcomes=[Indicator.objects.get(code="SUICIDE")])
    few = page_queries(client, url)
    for code in ("TEEN_CONCEPTIONS", "OBESE_Y6", "SMOKING_QUITTERS"):
        outcome = PriorityOutcome.objects.create(
            assessment=world.assessment, indicator=Indicator.objects.get(code=code)
        )
        JointOutcome.objects.create(outcome=outcome, council=world.council)
        _budget(world, [world.council], [("5NT", "2009-10", "2")], outcomes=[outcome.indicator])
    assert page_queries(client, url) == few <= 20, few
