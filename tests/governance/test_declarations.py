"""Governance self-declarations: red/amber/green with commentary and evidence, stale saves and locking."""

import pytest
from django.urls import reverse

from governance.models import GovernanceDeclaration


@pytest.fixture(autouse=True)
def _evidence_root(settings, tmp_path):
    settings.EVIDENCE_ROOT = tmp_path / "evidence"


def area_url(world, area):
    return reverse("governance:area", args=[world.cycle.code, world.pct.code, area.pk])


def test_a_contributor_declares_an_area_and_the_index_shows_it(world):
    area = world.cycle.governance_areas.first()
    client = world.client_for("pct_contributor")
    response = client.post(area_url(world, area), {"version": 1, "rag": "amber", "commentary": "Gaps known."})
    assert response.status_code == 302
    row = GovernanceDeclaration.objects.get(assessment=world.assessment, area=area)
    assert (row.rag, row.commentary, row.completed, row.version) == ("amber", "Gaps known.", False, 2)
    index = client.get(reverse("governance:index", args=[world.cycle.code, world.pct.code])).content.decode()
    assert "app-rag--amber" in index and "In progress" in index


def test_completion_needs_a_rating_and_commentary(world):
    area = world.cycle.governance_areas.first()
    response = world.client_for("pct_contributor").post(
        area_url(world, area), {"version": 1, "commentary": "Typed text", "completed": "on"}
    )
    html = response.content.decode()
    assert "Give the rating before marking this as completed" in html
    assert "Typed text</textarea>" in html
    assert not GovernanceDeclaration.objects.exists()


def test_an_unknown_rating_is_refused_by_the_field(world):
    area = world.cycle.governance_areas.first()
    response = world.client_for("pct_contributor").post(area_url(world, area), {"version": 1, "rag": "purple"})
    assert "Select a valid choice" in response.content.decode()
    assert not GovernanceDeclaration.objects.exists()


def test_a_stale_declaration_is_refused_with_both_versions(world):
    area = world.cycle.governance_areas.first()
    lead, contributor = world.client_for("pct_lead"), world.client_for("pct_contributor")
    lead.post(area_url(world, area), {"version": 1, "rag": "green", "commentary": "All in place."})
    response = contributor.post(area_url(world, area), {"version": 1, "rag": "red", "commentary": "Missing."})
    html = response.content.decode()
    assert response.status_code == 409
    assert "All in place." in html and "Missing.</textarea>" in html
    assert GovernanceDeclaration.objects.get(area=area).rag == "green"


def test_an_area_of_another_cycle_is_404(world):
    old_area = world.previous_cycle.governance_areas.first()
    assert world.client_for("pct_lead").get(area_url(world, old_area)).status_code == 404


def test_editing_after_submission_is_refused(world):
    world.assessment.state = "submitted"
    world.assessment.save()
    area = world.cycle.governance_areas.first()
    response = world.client_for("pct_lead").post(
        area_url(world, area), {"version": 1, "rag": "green", "commentary": "Late"}, follow=True
    )
    assert "can no longer be changed" in response.content.decode()
    assert not GovernanceDeclaration.objects.exists()
