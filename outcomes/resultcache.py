"""The rendered bodies of compare areas and the SHA overview, cached under the version of the stored results.

Both pages show a thousand figures or more that change only when scorecards are recomputed. Their bodies (everything
but the page's frame, which names the signed-in user) are rendered once per version of the stored results, per
request parameters, per definition of what they show (the indicators as loaded) and per version of the code and
templates (`assurance.fragments.code_version`). Storing new results sends `outcomes.signals.scorecards_stored`
(whatever ran the computation), which gives the results a new version here: nothing is invalidated, a new key is
simply never found. A cache that has lost the version starts a new one, so an old body is never shown.
"""

import hashlib
import uuid

from django.core.cache import cache

from assurance.fragments import code_version

VERSION_KEY = "outcomes:results-version"
TIMEOUT = 7 * 24 * 3600  # a body unread for a week is dropped; the version itself never expires


def version() -> str:
    """The current version of the stored results (a new one after every `scorecards_stored`)."""
    current = cache.get(VERSION_KEY)
    if current is None:
        current = uuid.uuid4().hex
        if not cache.add(VERSION_KEY, current, None):
            current = cache.get(VERSION_KEY) or current
    return current


def bump(**kwargs) -> None:
    """New results are stored: every cached body is for an old version from now on."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def key(name: str, *parts) -> str:
    """The cache key of one body: its name, the results' version, the code's version and the request's parts."""
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
    return f"outcomes:{name}:{version()}:{code_version()}:{digest}"


def get(cache_key: str):
    return cache.get(cache_key)


def put(cache_key: str, value) -> None:
    cache.set(cache_key, value, TIMEOUT)
