"""What partners said, summarised (pure: plain data in, plain data out).

A partner type's answers show only where at least `minimum` partners of that type responded, so no one's answer
can be singled out; a type with fewer shows "too few responses to show" and nothing else, not even its count of
levels. No total across types is given: subtracting the shown types from it would reveal a hidden one.
"""

from dataclasses import dataclass, field
from hashlib import sha256
from typing import Any

MIN_RESPONSES = 3
LEVEL_KEYS = (1, 2, 3, 4, None)  # None: "don't know"


@dataclass(frozen=True)
class AnswerRow:
    partner_type: str
    competency_id: int
    level: int | None
    comment: str


@dataclass
class TypeSummary:
    partner_type: str
    label: str
    responses: int
    shown: bool
    counts: dict = field(default_factory=dict)  # level (None: don't know) -> partners; empty when not shown
    comments: list = field(default_factory=list)  # empty when not shown

    @property
    def count_list(self) -> list[int]:
        return [self.counts.get(k, 0) for k in LEVEL_KEYS]


@dataclass
class CompetencySummary:
    competency: Any  # the Competency row (this module imports no model)
    self_level: int | None
    types: list  # TypeSummary, in partner-type order

    @property
    def any_shown(self) -> bool:
        return any(t.shown for t in self.types)


def summarise(
    competencies: list,
    types: list[tuple[str, str]],
    responded: dict[str, int],
    answers: list[AnswerRow],
    self_levels: dict[int, int | None],
    minimum: int = MIN_RESPONSES,
) -> list[CompetencySummary]:
    """Per competency (objects with `pk`), per partner type ((value, label) pairs): the distribution of levels and
    the comments, shown only where `responded[type] >= minimum`."""
    by_key: dict[tuple[int, str], list[AnswerRow]] = {}
    for answer in answers:
        by_key.setdefault((answer.competency_id, answer.partner_type), []).append(answer)
    summaries = []
    for competency in competencies:
        rows = []
        for value, label in types:
            count = responded.get(value, 0)
            shown = count >= minimum
            summary = TypeSummary(value, label, count, shown)
            if shown:
                found = by_key.get((competency.pk, value), [])
                summary.counts = {k: sum(1 for a in found if a.level == k) for k in LEVEL_KEYS}
                summary.comments = sorted(a.comment.strip() for a in found if a.comment.strip())
            rows.append(summary)
        summaries.append(CompetencySummary(competency, self_levels.get(competency.pk), rows))
    return summaries


@dataclass(frozen=True)
class Quote:
    """A partner's comment the panel's report may quote: shown under the same rule as the pack (its type reached
    the threshold). `key` names it in a form without saying whose it is."""

    key: str
    competency: int  # the competency's number
    name: str  # the competency's short name
    partner_type: str  # the type's label
    text: str

    def as_dict(self) -> dict:
        return {"competency": self.competency, "name": self.name, "partner_type": self.partner_type, "text": self.text}


def quotable(summaries: list[CompetencySummary]) -> list[Quote]:
    """Every comment shown in the summaries (types below the threshold show none), per competency and type in their
    order; the same words twice under one competency and type are one quote."""
    quotes: dict[str, Quote] = {}
    for summary in summaries:
        competency = summary.competency
        for shown in summary.types:
            for text in shown.comments if shown.shown else []:
                key = sha256(f"{competency.pk}|{shown.partner_type}|{text}".encode()).hexdigest()[:16]
                quotes.setdefault(key, Quote(key, competency.number, competency.short_name, shown.label, text))
    return list(quotes.values())
