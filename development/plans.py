"""Pure rules of a development plan: when an action is overdue, and a plan's counts. No ORM, no request."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from .choices import FLAG_OVERDUE_DAYS, OPEN_STATUSES, Status


def is_overdue(status: str, due: date, today: date, *, by_days: int = 0) -> bool:
    """An open action (not started, on track, at risk) more than `by_days` days past its due date."""
    return status in OPEN_STATUSES and due < today - timedelta(days=by_days)


def is_flagged(status: str, due: date, today: date) -> bool:
    """Overdue by more than FLAG_OVERDUE_DAYS days: flagged on the PCT's and the SHA's home pages."""
    return is_overdue(status, due, today, by_days=FLAG_OVERDUE_DAYS)


@dataclass(frozen=True)
class Counts:
    total: int = 0
    overdue: int = 0
    flagged: int = 0
    at_risk: int = 0
    done: int = 0
    dropped: int = 0


def counts(actions: Iterable[tuple[str, date]], today: date) -> Counts:
    """The counts of (status, due date) pairs a plan summary shows."""
    rows = list(actions)
    return Counts(
        total=len(rows),
        overdue=sum(is_overdue(s, d, today) for s, d in rows),
        flagged=sum(is_flagged(s, d, today) for s, d in rows),
        at_risk=sum(s == Status.AT_RISK for s, _ in rows),
        done=sum(s == Status.DONE for s, _ in rows),
        dropped=sum(s == Status.DROPPED for s, _ in rows),
    )


FILTERS = {
    "overdue": ("Overdue", lambda s, d, today: is_overdue(s, d, today)),
    "at_risk": ("At risk", lambda s, d, today: s == Status.AT_RISK),
    "done": ("Done", lambda s, d, today: s == Status.DONE),
    "open": ("Open", lambda s, d, today: s in OPEN_STATUSES),
}


def keep(filter_name: str, status: str, due: date, today: date) -> bool:
    """Whether an action passes the SHA dashboard's filter ("" or unknown: every action)."""
    rule = FILTERS.get(filter_name)
    return True if rule is None else rule[1](status, due, today)
