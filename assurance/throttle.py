"""Sign-in throttling on top of django-axes: the client's address behind a trusted proxy, two limits, growing delays.

- **Address.** `client_ip` reads the address the trusted proxy saw from its header (`TRUSTED_PROXY_HEADER`, by
  default `X-Forwarded-For`) only when `TRUSTED_PROXY_COUNT` says how many proxies stand in front of the app; each
  proxy appends the address it received from, so the client is that many entries from the right (entries further
  left were written by the client and are ignored). Without the setting the header is ignored: `REMOTE_ADDR`.
- **Two limits.** `AXES_FAILURE_LIMIT` failures of one account from one address lock that pair; the account itself,
  from any address, locks after `SIGNIN_ACCOUNT_FAILURE_LIMIT` failures (guessing from many addresses is stopped,
  and a stranger at another address cannot lock a named user out with a few guesses).
- **Growing delay.** A lock lasts `AXES_COOLOFF_HOURS` the first time; each further lock of the same account within
  a day doubles it, up to `AXES_COOLOFF_MAX_HOURS`. Failures during a lock are not counted, so they never extend
  it (`AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT` is off). Nothing locks for ever.
"""

import ipaddress
from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render
from django.utils import timezone

# Lock-outs of an account further back than this no longer lengthen the next one.
LOCKOUT_MEMORY = timedelta(days=1)


def client_ip(request) -> str | None:
    """The client's address: from the trusted proxies' header when `TRUSTED_PROXY_COUNT` is set, else the peer's."""
    peer = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if count < 1:
        return peer
    meta_key = "HTTP_" + settings.TRUSTED_PROXY_HEADER.upper().replace("-", "_")
    hops = [hop.strip() for hop in request.META.get(meta_key, "").split(",") if hop.strip()]
    if len(hops) < count:
        return peer  # the request did not come through every trusted proxy
    try:
        return str(ipaddress.ip_address(hops[-count]))
    except ValueError:
        return peer


def base_cool_off() -> timedelta:
    return timedelta(hours=settings.AXES_COOLOFF_HOURS)


def max_cool_off() -> timedelta:
    return max(timedelta(hours=settings.AXES_COOLOFF_MAX_HOURS), base_cool_off())


def delay_after(lockouts: int) -> timedelta:
    """How long the `lockouts`-th lock of an account within a day lasts: the base, doubling each time, capped."""
    return min(base_cool_off() * 2 ** max(lockouts - 1, 0), max_cool_off())


def recent_lockouts(username: str | None) -> int:
    """How many times the account was locked within the last day (axes logs the failure that locked it)."""
    if not username:
        return 0
    since = timezone.now() - LOCKOUT_MEMORY
    return AccessFailureLog.objects.filter(username=username, locked_out=True, attempt_time__gte=since).count()


def _username(request, credentials=None) -> str | None:
    if request is None:
        return None
    return get_client_username(request, credentials)


def cool_off(request) -> timedelta:
    """AXES_COOLOFF_TIME: the current cool-off of the account signing in (the base when it was never locked)."""
    return delay_after(recent_lockouts(_username(request)))


class ThrottleHandler(AxesDatabaseHandler):
    """Axes's database handler with the per-account limit and per-account cool-offs of this module."""

    def get_failures(self, request, credentials=None) -> int:
        """Failures counted against AXES_FAILURE_LIMIT: the pair's, or the limit itself once the account's is reached.

        AXES_LOCKOUT_PARAMETERS is [["username", "ip_address"], "username"]: the pair's attempts, then the account's.
        """
        pair, account = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        if account >= settings.SIGNIN_ACCOUNT_FAILURE_LIMIT:
            return max(pair, settings.AXES_FAILURE_LIMIT)
        return pair

    def clean_expired_user_attempts(self, request=None, credentials=None) -> int:
        """Forget failures older than the longest cool-off, and this account's older than its own.

        Axes would delete every account's failures older than the cool-off of the account now signing in, which
        would end a longer lock of another account early.
        """
        now = timezone.now()
        count, _ = AccessAttempt.objects.filter(attempt_time__lte=now - max_cool_off()).delete()
        if username := _username(request, credentials):
            threshold = now - delay_after(recent_lockouts(username))
            count += AccessAttempt.objects.filter(username=username, attempt_time__lte=threshold).delete()[0]
        return count


def _wait_text(delay: timedelta) -> str:
    minutes = round(delay.total_seconds() / 60)
    if minutes % 60:
        return f"{minutes} minutes"
    hours = minutes // 60
    return "1 hour" if hours == 1 else f"{hours} hours"


def locked_out(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the page saying how long to wait, with a Retry-After header (429)."""
    delay = delay_after(recent_lockouts(_username(request, credentials)))
    response = render(request, "registration/locked_out.html", {"wait": _wait_text(delay)}, status=429)
    response["Retry-After"] = str(int(delay.total_seconds()))
    return response
