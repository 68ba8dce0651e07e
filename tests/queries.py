"""The one way tests count a page's queries: it also checks that the page answered 200, so a test of a fixed number of
queries cannot pass on an error page that runs none."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

_TABLE = re.compile(r'(?:FROM|JOIN)\s+"(\w+)"')


def page_queries(client, url: str) -> int:
    """How many queries a GET of `url` ran; fails unless the page answered 200."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(captured)


def page_tables(client, url: str) -> set[str]:
    """The tables a GET of `url` reads when no page is kept (assurance/pagecache.py), the session's aside; fails
    unless the page answered 200."""
    from django.core.cache import caches

    from assurance import pagecache

    caches[pagecache.ALIAS].clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return {table for query in captured for table in _TABLE.findall(query["sql"])} - {"django_session"}
