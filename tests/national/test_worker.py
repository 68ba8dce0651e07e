"""Sign-off and publication queue the rollups on a real Celery worker over Redis, which stores them."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings

from assurance.celery import app
from assurance.choices import Action, State
from assurance.national import selectors, services
from assurance.national.choices import RollupKind
from assurance.national.models import ReportCard, Rollup
from assurance.services import assessment_transition
from tests.conftest import requires_redis
from tests.national.helpers import sign_off_moderation, sign_off_report, signed_off, table


def _wait_for(check, seconds: float = 30.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if found := check():
            return found
        time.sleep(0.2)
    raise AssertionError("timed out waiting for the worker")


def _level_3_in_north_west(cycle) -> int:
    rollup = Rollup.objects.filter(cycle=cycle, scope__code="Q31", kind=RollupKind.COMPETENCY_LEVELS).first()
    return table(rollup).get(1, {}).get("level_3", 0) if rollup else 0


@requires_redis()
@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_sign_off_then_publication_are_rolled_up_by_a_worker(world_tx):
    cycle = world_tx.cycle
    sign_off_moderation(cycle)
    sign_off_report(signed_off("5NT", cycle, levels={1: 3}, state=State.IN_REVIEW))  # the report, then the state
    with start_worker(app, queues=[settings.CELERY_TASK_DEFAULT_QUEUE], perform_ping_check=False, pool="solo"):
        assessment_transition(assessment=world_tx.assessment, action=Action.SIGN_OFF, by=world_tx.users["panel_chair"])
        _wait_for(lambda: _level_3_in_north_west(cycle) == 1)
        services.cycle_publish(cycle=cycle, by=world_tx.users["dh_analyst"])
        _wait_for(lambda: ReportCard.objects.filter(organisation__code="5NT").exists())
    assert selectors.public_card("2009-10", "5NT").card["competencies"][0]["level"] == 3
