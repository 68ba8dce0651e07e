"""A partner form sent twice at once makes one response (PostgreSQL row lock and the one-to-one constraint)."""

import threading

import pytest
from django.db import connection

from feedback import links, services
from feedback.models import Answer, Response
from feedback.selectors import asked_competencies
from tests.conftest import requires_postgres
from tests.feedback.helpers import invite, signed

pytestmark = [requires_postgres(), pytest.mark.django_db(transaction=True)]


def test_two_sends_at_once_make_one_response(world_tx):
    invitation = invite(world_tx)
    answers = {c.pk: (3, "Sent twice") for c in asked_competencies(world_tx.cycle)}
    barrier, outcomes = threading.Barrier(2), []

    def send():
        try:
            barrier.wait(timeout=10)
            outcomes.append(services.response_submit(signed=signed(invitation), answers=answers))
        except services.LinkRefused as refused:
            outcomes.append(refused.state)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(type(o).__name__ for o in outcomes) == ["Response", "str"]
    assert links.USED in outcomes
    assert Response.objects.count() == 1
    assert Answer.objects.count() == len(answers)
