"""Publishing or withdrawing twice (a double click): the second click says it is already done, never a 500.

A double click sends the same form twice; the second request may arrive after the first finished (the page it came
from is out of date) or while the first is still running (both on PostgreSQL at once).
"""

import html
import re
import threading

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.urls import reverse

from assurance.national import services
from assurance.national.models import Publication, Withdrawal
from tests.conftest import requires_postgres
from tests.national.helpers import sign_off_moderation, signed_off

PUBLISH = reverse("national:publication", args=["2009-10"])
CONFIRM = reverse("national:publish_confirm", args=["2009-10"])
WITHDRAW = reverse("national:withdraw", args=["2009-10"])
WITHDRAW_CONFIRM = reverse("national:withdraw_confirm", args=["2009-10"])


def _confirmation(client, url, data) -> dict:
    """What the confirmation page's form sends: its hidden fields, as the page shows them."""
    page = client.post(url, data)
    assert page.status_code == 200, page.content.decode()[:2000]
    fields: dict[str, list[str]] = {}
    for name, value in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', page.content.decode()):
        fields.setdefault(name, []).append(html.unescape(value))
    return fields


def _said(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_a_second_click_of_publish_says_it_is_already_published(world, eager_celery):
    signed_off("5NT", world.cycle, levels={1: 2})
    sign_off_moderation(world.cycle)
    client = world.client_for("dh_analyst")
    confirmed = _confirmation(client, PUBLISH, {"embargo_date": "", "embargo_time": ""})
    assert confirmed["pct"] == ["5NT"]
    assert client.post(CONFIRM, confirmed).status_code == 302
    second = client.post(CONFIRM, confirmed)  # the same form again
    assert second.status_code == 302
    assert "Already published: those 2009-10 report cards were published before." in _said(second)
    assert Publication.objects.count() == 1


def test_a_second_click_of_withdraw_says_it_is_already_withdrawn(world, eager_celery):
    signed_off("5NT", world.cycle, levels={1: 2})
    sign_off_moderation(world.cycle)
    client = world.client_for("dh_analyst")
    client.post(CONFIRM, _confirmation(client, PUBLISH, {}))
    clicked = _confirmation(client, WITHDRAW, {"which": "all", "reason": "A rating was recorded wrongly"})
    assert client.post(WITHDRAW_CONFIRM, clicked).status_code == 302
    second = client.post(WITHDRAW_CONFIRM, clicked)
    assert second.status_code == 302
    assert "Already withdrawn: those 2009-10 report cards are no longer published." in _said(second)
    assert Withdrawal.objects.get().reason == "A rating was recorded wrongly"


def test_publishing_again_from_a_fresh_page_adds_only_pcts_signed_off_since(world, eager_celery):
    signed_off("5NT", world.cycle, levels={1: 2})
    sign_off_moderation(world.cycle)
    client = world.client_for("dh_analyst")
    client.post(CONFIRM, _confirmation(client, PUBLISH, {}))
    signed_off("5HQ", world.cycle, levels={1: 3})
    response = client.post(CONFIRM, _confirmation(client, PUBLISH, {}))
    assert "1 2009-10 report card published: public now." in _said(response)
    assert [list(p.pcts.values_list("code", flat=True)) for p in Publication.objects.all()] == [["5HQ"], ["5NT"]]


@requires_postgres()
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("action", ["publish", "withdraw"])
def test_two_clicks_at_once_publish_or_withdraw_once(world_tx, action):
    from tests.national.helpers import signed_off as sign

    sign("5NT", world_tx.cycle, levels={1: 2})
    sign_off_moderation(world_tx.cycle)
    dh = world_tx.users["dh_analyst"]
    if action == "withdraw":
        services.cycle_publish(cycle=world_tx.cycle, by=dh)
    barrier, results = threading.Barrier(2), []

    def click():
        barrier.wait(timeout=10)  # both requests start together
        try:
            if action == "publish":
                services.cycle_publish(cycle=world_tx.cycle, by=dh, pct_codes=["5NT"])
            else:
                services.cycle_withdraw(cycle=world_tx.cycle, by=dh, reason="Wrong", pct_codes=["5NT"])
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
    assert Withdrawal.objects.count() == (1 if action == "withdraw" else 0)


def test_the_publication_page_nests_no_form(world, eager_celery):
    from tests.partnerships.test_web_hardening import form_depth

    signed_off("5NT", world.cycle, levels={1: 2})
    sign_off_moderation(world.cycle)
    client = world.client_for("dh_analyst")
    client.post(CONFIRM, _confirmation(client, PUBLISH, {}))
    page = client.get(PUBLISH).content.decode()
    assert "Which report cards?" in page and form_depth(page) == 1  # publish, withdraw and sign out side by side
