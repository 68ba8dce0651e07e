"""What partners said, summarised (pure: plain data in, plain data out).

A partner type's answers show only where at least `minimum` partners of that type responded, so no one's answer
can be singled out; a type with fewer shows "too few responses to show" and nothing else, not even its count of
levels. No total across types is given: subtracting the shown types from it would reveal a hidden one.
"""

from dataclasses import dataclass, field
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
