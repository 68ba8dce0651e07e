"""Publishing or withdrawing twice (a double click): the second click says it is already done, never a 500.

A double click sends the same form twice; the second request may arrive after the first finished (the page it came
from is out of date) or while the first is still running (both on PostgreSQL at once).
"""

import threading

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.urls import reverse

from assurance.national import services
from assurance.national.models import Publication
from tests.conftest import requires_postgres
from tests.national.helpers import signed_off

PUBLISH = reverse("national:publication", args=["2009-10"])
WITHDRAW = reverse("national:withdraw", args=["2009-10"])


def _page_form(client, name) -> dict:
    """What the publication page's form `name` sends as it stands (its hidden fields included)."""
    form = client.get(PUBLISH).context[name]
    return {field: form[field].value() or "" for field in form.fields}


def _said(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_a_second_click_of_publish_says_it_is_already_published(world, eager_celery):
    signed_off("5NT", world.cycle, levels={1: 2})
    client = world.client_for("dh_analyst")
    clicked = _page_form(client, "form")
    assert client.post(PUBLISH, clicked).status_code == 302
    second = client.post(PUBLISH, clicked)  # the same form again
    assert second.status_code == 302
    assert "2009-10 is already published." in _said(second)
    assert Publication.objects.count() == 1


def test_a_second_click_of_withdraw_says_it_is_already_withdrawn(world, eager_celery):
    signed_off("5NT", world.cycle, levels={1: 2})
    client = world.client_for("dh_analyst")
    client.post(PUBLISH, _page_form(client, "form"))
    clicked = _page_form(client, "withdraw_form") | {"reason": "A rating was recorded wrongly"}
    assert client.post(WITHDRAW, clicked).status_code == 302
    second = client.post(WITHDRAW, clicked)
    assert second.status_code == 302
    assert "The publication of 2009-10 is already withdrawn." in _said(second)
    assert Publication.objects.get().withdrawn_reason == "A rating was recorded wrongly"


def test_publishing_again_from_a_fresh_page_still_adds_pcts_signed_off_since(world, eager_celery):
    signed_off("5NT", world.cycle, levels={1: 2})
    client = world.client_for("dh_analyst")
    client.post(PUBLISH, _page_form(client, "form"))
    signed_off("5HQ", world.cycle, levels={1: 3})
    response = client.post(PUBLISH, _page_form(client, "form"))  # the page now shows the open publication
    assert "2009-10 is published. Rollups and report cards are being updated." in _said(response)
    assert Publication.objects.get().pct_count == 2


@requires_postgres()
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("action", ["publish", "withdraw"])
def test_two_clicks_at_once_publish_or_withdraw_once(world_tx, action):
    from tests.national.helpers import signed_off as sign

    sign("5NT", world_tx.cycle, levels={1: 2})
    dh = world_tx.users["dh_analyst"]
    if action == "withdraw":
        services.cycle_publish(cycle=world_tx.cycle, by=dh)
    seen = str(Publication.objects.get().pk) if action == "withdraw" else services.NOT_PUBLISHED
    barrier, results = threading.Barrier(2), []

    def click():
        barrier.wait(timeout=10)  # both requests start together
        try:
            if action == "publish":
                services.cycle_publish(cycle=world_tx.cycle, by=dh, seen=seen)
            else:
                services.cycle_withdraw(cycle=world_tx.cycle, by=dh, reason="Wrong", seen=seen)
            results.append("done")
        except services.AlreadyDone:
            results.append("already")
        except Exception as error:  # the test reports what each click got
            results.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(2)]
    [t.start() for t in threads]
    [t.join(30) for t in threads]
    assert sorted(results) == ["already", "done"]
    assert Publication.objects.count() == 1


def test_the_publication_page_nests_no_form(world, eager_celery):
    from tests.partnerships.test_web_hardening import form_depth

    signed_off("5NT", world.cycle, levels={1: 2})
    client = world.client_for("dh_analyst")
    client.post(PUBLISH, _page_form(client, "form"))
    page = client.get(PUBLISH).content.decode()
    assert "Withdraw publication" in page and form_depth(page) == 1  # publish, withdraw and sign out side by side
