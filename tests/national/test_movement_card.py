"""The public report card shows each rating's movement since last cycle, page and API alike, but only against a
previous cycle whose card was published: the first cycle's results stayed between PCT and SHA."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assurance.choices import State
from assurance.models import Assessment
from assurance.national import selectors, services
from panels import movement
from panels.models import AgreedRating
from tests.development.helpers import signed_off
from tests.national.helpers import sign_off_moderation
from tests.panels.helpers import review_day


def _publish(world, django_capture_on_commit_callbacks):
    sign_off_moderation(world.cycle, by=world.users["dh_analyst"])
    with django_capture_on_commit_callbacks(execute=True):
        services.cycle_publish(cycle=world.cycle, by=world.users["dh_analyst"])


@pytest.mark.django_db
def test_the_card_page_and_api_show_movement(world, client, eager_celery, django_capture_on_commit_callbacks):
    signed_off(world, cycle=world.previous_cycle)
    Assessment.objects.filter(cycle=world.previous_cycle).update(state=State.PUBLISHED)
    before = AgreedRating.objects.get(assessment__cycle=world.previous_cycle, competency__number=1).level
    day = review_day(world, reported=True)
    day.factual_accuracy_until = timezone.localdate() - timedelta(days=1)
    day.save()
    now = AgreedRating.objects.get(assessment=day.assessment, competency__number=1).level
    _publish(world, django_capture_on_commit_callbacks)
    expected = movement.movement(before, now)
    card = selectors.public_card("2009-10", "5NT").card
    assert card["competencies"][0]["movement"] == expected
    assert all(g["movement"] in (movement.UP, movement.SAME, movement.DOWN) for g in card["governance"])
    page = client.get(reverse("national:report_card", args=["2009-10", "5NT"])).content.decode()
    assert "Since last cycle" in page and movement.LABELS[expected] in page
    api = client.get(reverse("national-report-card", args=["2009-10", "5NT"])).json()
    assert api["competencies"][0]["movement"] == expected


@pytest.mark.django_db
def test_no_movement_from_a_cycle_that_was_never_published(
    world, client, eager_celery, django_capture_on_commit_callbacks
):
    signed_off(world, cycle=world.previous_cycle)  # signed off but kept between PCT and SHA
    day = review_day(world, reported=True)
    day.factual_accuracy_until = timezone.localdate() - timedelta(days=1)
    day.save()
    _publish(world, django_capture_on_commit_callbacks)
    card = selectors.public_card("2009-10", "5NT").card
    assert not card["has_movement"]
    assert all(c["movement"] is None for c in card["competencies"])
    assert all(g["movement"] is None for g in card["governance"])
    page = client.get(reverse("national:report_card", args=["2009-10", "5NT"])).content.decode()
    assert "Since last cycle" not in page
    api = client.get(reverse("national-report-card", args=["2009-10", "5NT"])).json()
    assert api["competencies"][0]["movement"] is None
