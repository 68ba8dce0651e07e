"""Whole pages kept under a stamp of every row their request reads, so a page served again is never stale.

A busy page that changes during the day (the review-day workspace) declares the rows its request reads, the access
rule's included: for each table, a condition that picks a superset of the rows read (`Rows`). `stamp()` hashes the
full text of all those rows in one PostgreSQL query. The page's body is kept under that stamp, the user, the
address, the user's CSRF secret, today's date, whether demo data is loaded and the code's version. Any change to
any of those rows, by any route (a service, the admin, an import, a bulk update), changes the stamp, so the next
request renders afresh and runs the access rule afresh. A kept body is served only to the user it was rendered for,
while every row the rule read to allow it is as it was, so the rule would decide the same. Nothing is invalidated
and no write needs to know which pages show what.

The rows must cover everything the request reads. Two guards: a test compares the tables a request queries with the
tables the stamp covers, and in tests (FRAGMENTS_STRICT) and with DEBUG every kept body served is rendered again,
access rule and all, and compared, so a page that reads a row its stamp misses fails the test that changes it.

Not kept: anything but a GET that answered 200, a request with messages to show, a rendering that gave the client
its first CSRF secret (the body's tokens belong to the next request's key, not this one's). On SQLite (the demo)
there is no stamp and pages always render.
"""

import hashlib
import re
import weakref
from collections.abc import Callable, Iterable
from functools import cache
from typing import NamedTuple

from django.contrib.messages import get_messages
from django.core.cache import caches
from django.db import connection
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from . import fragments
from .context_processors import demo_data
from .models import Assessment, Organisation

ALIAS = "pages"  # CACHES["pages"]: each process's memory, at most PAGE_CACHE_ENTRIES bodies
TIMEOUT = 60 * 60
_TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*"')


class StalePage(AssertionError):
    """A kept page differs from a fresh rendering: the page reads rows its stamp does not cover."""


class Rows(NamedTuple):
    """Rows of one table a page shows: `where` is an SQL condition on the table's own columns, with named
    parameters."""

    model: type[Model]
    where: str = "TRUE"

    @property
    def table(self) -> str:
        return self.model._meta.db_table


def stamp(rows: tuple[Rows, ...], params: dict) -> str | None:
    """A digest of the full text of every row picked by `rows` (one query), or None where that cannot be read."""
    if connection.vendor != "postgresql":
        return None
    names = tuple(sorted(params))
    with connection.cursor() as cursor:
        statement = _prepared(cursor, _query(rows, names))
        arguments = f"({', '.join(['%s'] * len(names))})" if names else ""
        cursor.execute(f"EXECUTE {statement}{arguments}", [params[n] for n in names])
        return cursor.fetchone()[0]


@cache
def _query(rows: tuple[Rows, ...], names: tuple[str, ...]) -> str:
    """The stamp's SQL, its named parameters numbered ($1, $2, ...) in the order of `names`."""
    parts = [
        f"coalesce((SELECT string_agg(t::text, ',' ORDER BY t.id) FROM {connection.ops.quote_name(r.table)} t "
        f"WHERE {r.where}), '')"
        for r in rows
    ]
    sql = f"SELECT md5(concat_ws('|', {', '.join(parts)}))"
    for number, name in enumerate(names, start=1):
        sql = sql.replace(f"%({name})s", f"${number}")
    return sql


# The statements prepared on each open connection. Planning the stamp's query cost as much as running it, and a page
# asks the same one on every request: prepared once per connection, it is planned once.
_PREPARED: "weakref.WeakKeyDictionary[object, set[str]]" = weakref.WeakKeyDictionary()


def _prepared(cursor, sql: str) -> str:
    """The name of `sql` prepared on the cursor's connection (prepared now if it is not yet)."""
    name = "pagecache_" + hashlib.blake2b(sql.encode(), digest_size=8).hexdigest()
    done = _PREPARED.setdefault(connection.connection, set())
    if name not in done:
        cursor.execute(f"PREPARE {name} AS {sql}")
        done.add(name)
    return name


def select(model: type[Model], where: str, column: str = "id") -> str:
    """SQL for a subquery: `column` of the rows of `model` meeting `where` (on that table's own columns)."""
    return f"SELECT {column} FROM {connection.ops.quote_name(model._meta.db_table)} WHERE {where}"


def pct() -> str:
    """SQL for a subquery: the id of the organisation whose code is %(code)s."""
    return select(Organisation, "code = %(code)s")


def pct_assessments() -> str:
    """SQL for a subquery: the ids of the assessments, in every cycle, of the organisation whose code is %(code)s."""
    return select(Assessment, f"organisation_id IN ({pct()})")


def tables(rows: Iterable[Rows]) -> set[str]:
    return {r.table for r in rows}


def _secret(request: HttpRequest) -> str:
    """The client's CSRF secret: a body's tokens are masks of it."""
    return request.META.get("CSRF_COOKIE", "")


def _key(request: HttpRequest, name: str, page_stamp: str) -> str:
    secret, day = _secret(request), timezone.localdate()
    parts = (name, fragments.code_version(), request.user.pk, secret, day, request.get_full_path(), demo_data())
    digest = hashlib.blake2b(repr((parts, page_stamp)).encode(), digest_size=20).hexdigest()
    return f"page:{name}:{digest}"


def _comparable(body: bytes) -> bytes:
    """The body without its CSRF tokens (each rendering masks the same secret differently)."""
    return _TOKEN.sub(rb'\1"', body)


def _check(name: str, body: bytes, render: Callable[[], HttpResponse]) -> None:
    """Raise StalePage unless a fresh rendering (its access rule included) gives the kept body."""
    try:
        fresh = render()
    except Exception as refused:  # the rule refuses now what it allowed when the body was kept
        raise StalePage(f"The kept {name} page is refused afresh: its stamp misses a row the rule reads") from refused
    if fresh.status_code != 200 or _comparable(fresh.content) != _comparable(body):
        raise StalePage(f"The kept {name} page differs from a fresh one: its stamp misses a row it shows")


def serve(request: HttpRequest, name: str, restamp: Callable[[], str | None], render: Callable[[], HttpResponse]):
    """The page `name` as kept under its stamp (`restamp()`), or `render()`.

    Only a GET or HEAD without messages to show is served kept. A rendering is kept when it answered 200, gave the
    client no new CSRF secret, and the stamp is the same after it as before: a write that landed while it rendered
    might show in it only in part, so it is not kept.
    """
    if request.method not in ("GET", "HEAD") or len(get_messages(request)):
        return render()
    page_stamp = restamp()
    if page_stamp is None:
        return render()
    store = caches[ALIAS]
    key, secret = _key(request, name, page_stamp), _secret(request)
    body = store.get(key)
    if body is not None:
        if fragments.strict():
            _check(name, body, render)
        return HttpResponse(body)
    response = render()
    if (
        response.status_code == 200
        and not response.streaming
        and _secret(request) == secret  # its tokens are for the secret in the key
        and restamp() == page_stamp  # no write landed while it rendered: it shows the rows stamped
    ):
        store.set(key, response.content, TIMEOUT)
    return response
