"""The activity of one self-assessment: who changed what, when, from what to what.

Each app that keeps history of a PCT's answers has `<app>/activity.py` with `entries(assessment) ->
list[ActivityEntry]`; this module gathers them (the base app imports no other app) and turns history records
into entries.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from .discovery import hook_modules


@dataclass(frozen=True)
class Change:
    """One field's old and new value, as shown to people."""

    field: str
    old: str
    new: str


@dataclass(frozen=True)
class ActivityEntry:
    """One recorded change to a part of the self-assessment."""

    when: datetime
    who: str
    subject: str  # e.g. "Competency 3: Engage with public and patients"
    action: str  # "Created", "Changed", "Deleted"
    changes: tuple[Change, ...] = field(default_factory=tuple)
    reason: str = ""


ACTIONS = {"+": "Created", "~": "Changed", "-": "Deleted"}


def _person(user) -> str:
    return (user.get_full_name() or user.username) if user else "System"


def from_history(
    records: Iterable, *, fields: dict[str, Callable], subject: Callable, key: str = "id"
) -> list[ActivityEntry]:
    """Entries from simple_history records: each compared with the previous record of the same object.

    `fields` maps a field name to a function that shows its value (with its label as the function's `label`).
    Records must come ordered by object then history date; a change that touches none of `fields` is left out.
    """
    entries, previous = [], {}
    for record in records:
        before = previous.get(getattr(record, key))
        previous[getattr(record, key)] = record
        changes = tuple(
            Change(show.label, show(getattr(before, name)) if before else "", show(getattr(record, name)))
            for name, show in fields.items()
            if before is None or getattr(before, name) != getattr(record, name)
        )
        if record.history_type == "~" and not changes:
            continue
        entries.append(
            ActivityEntry(
                when=record.history_date,
                who=_person(record.history_user),
                subject=subject(record),
                action=ACTIONS[record.history_type],
                changes=tuple(c for c in changes if c.old or c.new),
                reason=record.history_change_reason or "",
            )
        )
    return entries


def shown(label: str, show: Callable = lambda v: "" if v in (None, "") else str(v)) -> Callable:
    """A value formatter carrying the field's label."""

    def formatter(value) -> str:
        return show(value)

    formatter.label = label
    return formatter


def collect(assessment) -> list[ActivityEntry]:
    """Every recorded change to the assessment and its answers, newest first."""
    entries = [entry for module in hook_modules("activity") for entry in module.entries(assessment)]
    return sorted(entries, key=lambda entry: entry.when, reverse=True)


def entries(assessment) -> list[ActivityEntry]:
    """The workflow's own history: submissions and reopenings, with their reasons."""
    from .choices import State

    records = assessment.history.select_related("history_user").order_by("history_date", "history_id")
    state = shown("State", lambda value: State(value).label if value else "")
    return from_history(records, fields={"state": state}, subject=lambda record: "Self-assessment")
