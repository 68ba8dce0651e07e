"""Walk the site by its links only, from a page, as one signed-in person: which page types (URL pattern names) a
person reaches without typing an address. Used by tests/test_reachable.py.

The walk follows same-site links (`<a href>`) with GET only, never a form. It is bounded: at most `per_pattern`
pages of one pattern are fetched (the pattern fetched least goes next, so every page type is tried early; within a
pattern, links found on the page drawn from least go next, so one long list cannot use up the pattern) and at most
`max_pages` in all. A link to a file (CSV, PDF, a document) or to the API is recorded as reached, not fetched.
"""

import html
import re
from collections import Counter, deque
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve

LINK = re.compile(r"<a\b[^>]*?\bhref=\"([^\"#][^\"]*)\"", re.I)
NOT_FETCHED = re.compile(r"(\.csv$|/pdf/$|/download/$|/document/$|^/api/|^/accounts/logout/|^/admin/|^/static/)")


def pattern_name(path: str) -> str | None:
    """The URL pattern name (namespace:name) a path resolves to, or None."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name if match.url_name else None


@dataclass
class Walk:
    reached: dict[str, str] = field(default_factory=dict)  # pattern name -> first URL that reached it
    fetched: Counter = field(default_factory=Counter)  # pattern name -> pages fetched
    broken: list[tuple[str, int, str]] = field(default_factory=list)  # (url, status, found on)
    pages: int = 0


def walk(client, start: str = "/", *, per_pattern: int = 12, max_pages: int = 400, stop_when=None) -> Walk:
    """Follow links from `start` with `client`; `stop_when(reached_names)` ends the walk early when true."""
    result = Walk()
    pending: dict[str, dict[str, deque]] = {}  # pattern -> page the links were found on -> links
    drawn: Counter = Counter()  # (pattern, page found on) -> links fetched
    queued: set[str] = set()

    def add(url: str, found_on: str) -> None:
        url = html.unescape(url).split("#", 1)[0]
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            return  # another site, or mailto: and the like
        name = pattern_name(parts.path)
        if name is None:
            if not parts.path.startswith(("/static/", "/admin/")):
                result.broken.append((url, 404, found_on))
            return
        result.reached.setdefault(name, url)
        if url in queued or NOT_FETCHED.search(parts.path):
            return
        queued.add(url)
        pending.setdefault(name, {}).setdefault(found_on, deque()).append(url)

    add(start, "(start)")
    while result.pages < max_pages:
        if stop_when is not None and stop_when(set(result.reached)):
            break
        ready = [n for n, by_page in pending.items() if any(by_page.values()) and result.fetched[n] < per_pattern]
        if not ready:
            break
        name = min(ready, key=lambda n: (result.fetched[n], n))
        found_on = min((page for page, q in pending[name].items() if q), key=lambda page: drawn[name, page])
        drawn[name, found_on] += 1
        url = pending[name][found_on].popleft()
        result.fetched[name] += 1
        result.pages += 1
        response = client.get(url)
        if response.status_code in (301, 302):
            add(response["Location"], url)
            continue
        if response.status_code != 200:
            result.broken.append((url, response.status_code, found_on))
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        for href in LINK.findall(response.content.decode()):
            add(href, url)
    return result
