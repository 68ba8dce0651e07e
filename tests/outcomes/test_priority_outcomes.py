"""Choosing priority outcomes: the cycle's rules, data only, read-only once submitted, no silent overwrite."""

import pytest
from django.urls import reverse

from assurance.checklist import COMPLETED, IN_PROGRESS, NOT_STARTED
from assurance.choices import State
from outcomes import checklist, services
from outcomes.models import IndicatorValue, PriorityOutcome
from tests.outcomes.conftest import ELEVEN

REQUIRED = ["LE_BIRTH_M", "LE_SII_M"]


def _url(world):
    return reverse("outcomes:priority_outcomes", kwargs={"code": world.pct.code, "cycle": world.cycle.code})


def _choose(world, codes, role="pct_lead", fingerprint=None):
    fingerprint = services.outcomes_fingerprint(world.assessment) if fingerprint is None else fingerprint
    return world.client_for(role).post(_url(world), {"indicators": codes, "fingerprint": fingerprint})


def _chosen(world):
    return set(PriorityOutcome.objects.filter(assessment=world.assessment).values_list("indicator__code", flat=True))


def test_a_pct_chooses_outcomes_and_gets_baselines_from_its_latest_values_before_the_plan(scored):
    response = _choose(scored, [*REQUIRED, "MORT_CVD_U75"])
    assert response.status_code == 302
    assert _chosen(scored) == {*REQUIRED, "MORT_CVD_U75"}
    outcome = PriorityOutcome.objects.get(assessment=scored.assessment, indicator__code="LE_BIRTH_M")
    assert outcome.baseline_period == "2008-09"  # the plan's first year is the cycle's, 2009-10
    assert (
        outcome.baseline
        == IndicatorValue.objects.get(indicator__code="LE_BIRTH_M", organisation__code="5NT", period="2008-09").value
    )


def test_an_eleventh_outcome_is_refused(scored):
    assert len(ELEVEN) == 11
    response = _choose(scored, ELEVEN)
    assert response.status_code == 400
    assert "Choose at most 10 priority outcomes: you chose 11." in response.content.decode()
    assert _chosen(scored) == set()


def test_dropping_a_required_outcome_is_refused(scored):
    _choose(scored, [*REQUIRED, "MORT_CVD_U75"])
    response = _choose(scored, ["LE_BIRTH_M", "MORT_CVD_U75"])
    assert response.status_code == 400
    assert "Choose at least one health inequalities indicator" in response.content.decode()
    assert _chosen(scored) == {*REQUIRED, "MORT_CVD_U75"}


def test_an_indicator_without_data_is_refused(scored):
    response = _choose(scored, [*REQUIRED, "CDIFF"])
    assert response.status_code == 400
    assert "has no data for Manchester" in response.content.decode()
    assert _chosen(scored) == set()


def test_an_indicator_with_data_only_after_the_cycle_is_refused(scored):
    """Cycle bounding: values for 2010-11 are no data for the 2009-10 cycle."""
    from tests.outcomes import data

    later = ["CDIFF,E92000001,2010-11,60,,,,", "CDIFF,5NT,2010-11,55,,,50,60"]
    assert not services.import_values(data.csv_text(later), "later.csv", recompute=False).refused
    response = _choose(scored, [*REQUIRED, "CDIFF"])
    assert response.status_code == 400
    assert "has no data for Manchester PCT in the 2009-10 cycle&#x27;s periods" in response.content.decode()
    assert _chosen(scored) == set()


def test_choices_are_read_only_once_submitted(scored):
    _choose(scored, REQUIRED)
    scored.assessment.state = State.SUBMITTED
    scored.assessment.save()
    page = scored.client_for("pct_lead").get(_url(scored)).content.decode()
    assert "Save outcomes" not in page and "can no longer be changed" in page
    response = _choose(scored, [*REQUIRED, "MORT_CVD_U75"])
    assert response.status_code == 400
    assert _chosen(scored) == set(REQUIRED)


def test_a_stale_page_does_not_overwrite_a_newer_choice(scored):
    stale = services.outcomes_fingerprint(scored.assessment)
    _choose(scored, REQUIRED, role="pct_contributor")
    response = _choose(scored, [*REQUIRED, "MORT_CVD_U75"], fingerprint=stale)
    assert response.status_code == 400
    assert "Someone else changed these outcomes" in response.content.decode()
    assert _chosen(scored) == set(REQUIRED)


@pytest.mark.parametrize(("role", "status"), [("panel_chair", 403), ("la_partner", 404), ("other_pct_lead", 404)])
def test_only_the_pct_may_choose(scored, role, status):
    assert _choose(scored, REQUIRED, role=role).status_code == status
    assert _chosen(scored) == set()


def test_setting_a_trajectory_completes_the_task(scored):
    assert checklist.items(scored.assessment)[0].status == NOT_STARTED
    _choose(scored, REQUIRED)
    assert checklist.items(scored.assessment)[0].status == IN_PROGRESS
    client = scored.client_for("pct_lead")
    for outcome in PriorityOutcome.objects.filter(assessment=scored.assessment):
        url = reverse(
            "outcomes:outcome_edit",
            kwargs={"code": "5NT", "cycle": "2009-10", "indicator": outcome.indicator.code},
        )
        form = {"baseline": "9", "updated_at": f"{outcome.updated_at.timestamp():.6f}"}
        form.update({f"year_{i}": str(9 - i * 0.1) for i in range(1, 6)})
        assert client.post(url, form).status_code == 302
    item = checklist.items(scored.assessment)[0]
    assert (item.title, item.status) == ("Priority outcomes", COMPLETED)
    assert PriorityOutcome.objects.filter(assessment=scored.assessment).first().trajectory == [8.9, 8.8, 8.7, 8.6, 8.5]


def test_a_trajectory_that_is_not_a_number_is_refused_next_to_the_field(scored):
    _choose(scored, REQUIRED)
    outcome = PriorityOutcome.objects.get(assessment=scored.assessment, indicator__code="LE_BIRTH_M")
    url = reverse("outcomes:outcome_edit", kwargs={"code": "5NT", "cycle": "2009-10", "indicator": "LE_BIRTH_M"})
    form = {"baseline": "76", "updated_at": f"{outcome.updated_at.timestamp():.6f}", "year_1": "lots"}
    response = scored.client_for("pct_lead").post(url, form)
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page and "Aim for 2009-10 must be a number" in page
    assert "Enter a value for aim for 2010-11" in page
    outcome.refresh_from_db()
    assert outcome.trajectory == []


def test_a_negative_rate_in_a_trajectory_is_refused_next_to_the_field(scored):
    """A trajectory of -5 was accepted for a rate per 100,000."""
    _choose(scored, [*REQUIRED, "MORT_CVD_U75"])
    outcome = PriorityOutcome.objects.get(assessment=scored.assessment, indicator__code="MORT_CVD_U75")
    url = reverse("outcomes:outcome_edit", kwargs={"code": "5NT", "cycle": "2009-10", "indicator": "MORT_CVD_U75"})
    form = {"baseline": "90", "updated_at": f"{outcome.updated_at.timestamp():.6f}"}
    form.update({f"year_{i}": "80" for i in range(1, 6)}, year_3="-5")
    response = scored.client_for("pct_lead").post(url, form)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Aim for 2011-12 cannot be negative: a rate per 100,000 is 0 or more" in page
    assert 'value="-5"' in page  # what was typed is kept
    outcome.refresh_from_db()
    assert outcome.trajectory == []


@pytest.mark.parametrize(("typed", "error"), [("-1", True), ("100.5", True), ("0", False), ("100", False)])
def test_a_percentage_trajectory_lies_from_0_to_100(typed, error):
    from outcomes.forms import TrajectoryForm

    data = {"baseline": "50", "updated_at": "1", **{f"year_{i}": "60" for i in range(1, 6)}, "year_1": typed}
    form = TrajectoryForm(data, plan_years=["2009-10", "2010-11", "2011-12", "2012-13", "2013-14"], unit="%")
    assert form.is_valid() is not error
    if error:
        assert form.errors["year_1"] == ["Aim for 2009-10 must be a percentage from 0 to 100, like 72.5"]
