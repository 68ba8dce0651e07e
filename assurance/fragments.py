"""Parts of pages rendered once and cached under a fingerprint of everything they show, so they are never stale.

A fragment (`{% fragment "name" key=value ... %}...{% endfragment %}`, assurance/templatetags/fragments.py) renders
with only the values it is given: its text is a function of those values and of the code and templates. The cache
key is the fragment's name, a fingerprint of the values (every attribute of every object reachable from them, as
loaded) and a fingerprint of the source code. When the data changes, the key changes: nothing is invalidated, and
no write anywhere needs to know which pages show what.

A fragment is stored only when its rendering ran no database query and left the fingerprint of its values as it
was: otherwise the template read something the key does not cover, so the text is used once and not stored (in
tests, and with DEBUG on, that is an error, so that a template change that breaks the rule is found).
"""

import contextlib
import datetime
import decimal
import enum
import hashlib
import uuid
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.db.models import Model, QuerySet

ALIAS = "fragments"


class NotFingerprintable(TypeError):
    """A value whose content cannot be read into a fingerprint (a form, a function): render it outside a fragment."""


PLAIN = (
    str,
    int,
    float,
    bool,
    type(None),
    decimal.Decimal,
    datetime.date,
    datetime.time,
    datetime.timedelta,
    uuid.UUID,
)
_EXACT = frozenset(PLAIN) | {datetime.datetime}
_LEAVES = (*PLAIN, enum.Enum)


def fingerprint(*values) -> str:
    """A digest of the content of `values`: model instances by all they hold (fields, related objects already
    loaded, prefetched lists, attributes set on them), dataclasses and plain objects of the project by their
    attributes, containers by their items. The structure becomes nested tuples of plain values, written out once."""
    return hashlib.blake2b(repr(_tree(values, {})).encode(), digest_size=20).hexdigest()


def _tree(value, seen: dict):
    if type(value) in _EXACT or isinstance(value, _LEAVES):
        return value
    if id(value) in seen:
        return ("@", seen[id(value)][0])
    seen[id(value)] = (len(seen), value)  # the value is held, so that no later temporary object reuses its id
    if isinstance(value, dict):
        return ("{", tuple((k, v if type(v) in _EXACT else _tree(v, seen)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return ("[", tuple(v if type(v) in _EXACT else _tree(v, seen) for v in value))
    if isinstance(value, (set, frozenset)):
        return ("[", tuple(sorted((_tree(v, seen) for v in value), key=repr)))
    if isinstance(value, QuerySet):
        if value._result_cache is None:
            raise NotFingerprintable("An unevaluated queryset: evaluate it (or prefetch it) before the fragment")
        return _tree(value._result_cache, seen)
    if isinstance(value, Model):
        attributes = tuple(
            (k, v if type(v) in _EXACT else _tree(v, seen)) for k, v in value.__dict__.items() if k != "_state"
        )
        return (value._meta.label, attributes, _tree(value._state.fields_cache, seen))
    if type(value).__module__.split(".")[0] in _own_packages():
        if hasattr(value, "__dict__"):
            return (type(value).__qualname__, _tree(vars(value), seen))
        if hasattr(value, "__slots__"):
            return (
                type(value).__qualname__,
                _tree({slot: getattr(value, slot, None) for slot in value.__slots__}, seen),
            )
    raise NotFingerprintable(f"Cannot fingerprint a {type(value).__module__}.{type(value).__qualname__}")


def strict() -> bool:
    """Whether breaking the rule is an error (tests and DEBUG) rather than a warning (production)."""
    return settings.DEBUG or settings.FRAGMENTS_STRICT


@cache
def _own_packages() -> frozenset[str]:
    return frozenset(path.name for path in settings.BASE_DIR.iterdir() if (path / "__init__.py").exists())


@cache
def code_version() -> str:
    """A digest of the project's Python code and templates: a release that changes either starts afresh."""
    digest = hashlib.blake2b(digest_size=10)
    root = Path(settings.BASE_DIR)
    files = [path for package in sorted(_own_packages()) for path in sorted((root / package).glob("**/*.py"))]
    for path in files + sorted((root / "templates").glob("**/*.html")):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


class QueryCounter(contextlib.ExitStack):
    """Counts the queries run on every open database connection while it is active (a `with` block)."""

    def __init__(self):
        super().__init__()
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

    def __enter__(self):
        super().__enter__()
        for connection in connections.all(initialized_only=True):
            self.enter_context(connection.execute_wrapper(self))
        return self
