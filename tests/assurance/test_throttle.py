"""Sign-in throttling: the account is limited across addresses, behind a trusted proxy each client is itself,
the proxy's header is ignored unless configured, and locks grow rather than last for ever (assurance/throttle.py).

Time passes by moving the recorded failures back (never by waiting): `_later(minutes)`.
"""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.db.models import F
from django.test import RequestFactory
from django.urls import reverse

from assurance import throttle
from tests.personas import PASSWORD

LOGIN = reverse("login")


def _sign_in(client, password, *, peer="10.0.0.1", forwarded=None, username="pct_lead"):
    headers = {"REMOTE_ADDR": peer}
    if forwarded:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(LOGIN, {"username": username, "password": password}, **headers)


def _signed_in(response) -> bool:
    return response.status_code == 302


def _later(minutes: float):
    """As if `minutes` had passed: every recorded failure and lock moves that far into the past."""
    shift = timedelta(minutes=minutes)
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - shift)
    AccessFailureLog.objects.update(attempt_time=F("attempt_time") - shift)


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    return settings


def test_guesses_at_one_account_from_many_addresses_are_throttled(world, client):
    statuses = [  # 20 guesses, two from each of 10 addresses: no address reaches its own limit of 5
        _sign_in(client, "wrong", peer=f"192.0.2.{n // 2 + 1}").status_code for n in range(20)
    ]
    assert statuses == [200] * 19 + [429]  # the account's limit (20) is reached
    response = _sign_in(client, PASSWORD, peer="192.0.2.99")
    assert response.status_code == 429
    assert "Too many sign-in attempts" in response.content.decode()


def test_a_stranger_behind_the_shared_proxy_cannot_lock_a_named_user_out(world, client, behind_proxy):
    for _ in range(15):  # five to lock the stranger's own address, ten more during the lock
        _sign_in(client, "wrong", forwarded="203.0.113.9")
    assert _sign_in(client, PASSWORD, forwarded="203.0.113.9").status_code == 429  # the stranger's address is locked
    assert _signed_in(_sign_in(client, PASSWORD, forwarded="198.51.100.7"))  # the user, at their own address


def test_without_the_proxy_setting_a_lock_ends_and_failures_during_it_do_not_extend_it(world, client):
    for _ in range(5):
        _sign_in(client, "wrong", forwarded="203.0.113.9")
    _later(10)
    for _ in range(10):  # a stranger keeps trying during the lock
        assert _sign_in(client, "wrong", forwarded="203.0.113.9").status_code == 429
    assert _sign_in(client, PASSWORD, forwarded="198.51.100.7").status_code == 429  # everyone shares 10.0.0.1
    _later(6)  # 16 minutes after the lock began: a 15-minute lock is over, however often the stranger tried
    assert _signed_in(_sign_in(client, PASSWORD, forwarded="198.51.100.7"))


def test_the_proxy_header_is_ignored_unless_configured(world, client, settings):
    request = RequestFactory().post(LOGIN, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert throttle.client_ip(request) == "10.0.0.1"
    for n in range(5):  # a client inventing a new forwarded address for each guess stays one address
        _sign_in(client, "wrong", forwarded=f"203.0.113.{n + 1}")
    assert _sign_in(client, PASSWORD, forwarded="203.0.113.77").status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"10.0.0.1"}


def test_behind_the_proxy_the_client_is_the_entry_the_proxy_appended(behind_proxy):
    factory = RequestFactory()
    spoofed = factory.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    assert throttle.client_ip(spoofed) == "203.0.113.9"  # what the client wrote itself (1.2.3.4) is ignored
    assert throttle.client_ip(factory.get("/", REMOTE_ADDR="10.0.0.1")) == "10.0.0.1"  # not through the proxy
    assert throttle.client_ip(factory.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="junk")) == "10.0.0.1"
    behind_proxy.TRUSTED_PROXY_COUNT = 2
    assert throttle.client_ip(spoofed) == "1.2.3.4"


def test_each_further_lock_lasts_longer_up_to_the_cap(world, client, settings):
    settings.AXES_COOLOFF_HOURS, settings.AXES_COOLOFF_MAX_HOURS = 0.25, 2
    assert [throttle.delay_after(n).total_seconds() / 60 for n in range(7)] == [15, 15, 30, 60, 120, 120, 120]
    for _ in range(5):
        _sign_in(client, "wrong")
    _later(16)
    assert _signed_in(_sign_in(client, PASSWORD))  # the first lock lasted 15 minutes
    client.logout()
    for _ in range(5):
        _sign_in(client, "wrong")
    _later(16)
    response = _sign_in(client, PASSWORD)
    assert response.status_code == 429  # the second lasts 30
    assert "Wait 30 minutes" in response.content.decode() and response["Retry-After"] == "1800"
    _later(15)
    assert _signed_in(_sign_in(client, PASSWORD))
