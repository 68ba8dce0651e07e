"""Who made a change, and why: what django-simple-history writes on the history row of an instance's next save.

simple-history reads two attributes it does not declare (``_history_user``, ``_change_reason``); they are set here
only, so the rest of the code (and the type checker) sees one named call.
"""

from typing import Any


def record(instance: Any, *, by: Any = None, reason: str | None = None) -> Any:
    """Name ``by`` (and ``reason``) on the history row of ``instance``'s next save; returns the instance."""
    if by is not None:
        instance._history_user = by
    if reason is not None:
        instance._change_reason = reason
    return instance
