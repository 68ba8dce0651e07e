"""The one way tests count a page's queries: it also checks that the page answered 200, so a test of a fixed number of
queries cannot pass on an error page that runs none."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def page_queries(client, url: str) -> int:
    """How many queries a GET of `url` ran; fails unless the page answered 200."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(captured)
