"""What every import reports, whatever it imports (indicator values, partnerships): pure, no database.

An import writes all of its file or nothing: `ImportResult` counts what it did, or lists every `RowError` that
refused the file, each by spreadsheet row and column.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RowError:
    """One problem in an uploaded file: spreadsheet row (None for the whole file), column and message."""

    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        """Return the problem as a person reads it ("Row 3, value: ...")."""
        where = [f"Row {self.row}" if self.row is not None else "", self.column or ""]
        prefix = ", ".join(part for part in where if part)
        return f"{prefix}: {self.message}" if prefix else self.message


MAX_PROBLEMS = 300  # a refused file lists its first problems and counts the rest: a page of 300,000 helps nobody


class Problems(list):
    """The first problems of a file (RowError, by row), and `total`: how many it has in all."""

    def __init__(self, errors=(), total: int | None = None):
        super().__init__(errors)
        self.total = len(self) if total is None else total

    @property
    def more(self) -> int:
        """How many problems are not listed."""
        return self.total - len(self)


def first_problems(errors: list[RowError], limit: int = MAX_PROBLEMS) -> Problems:
    """The first `limit` problems of a list, counting them all."""
    return Problems(errors[:limit], total=len(errors))


@dataclass
class ImportResult:
    """What an import did (created / updated / unchanged rows), or the problems that refused it (the first few
    hundred, by row: ``problem_count`` says how many there are in all)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return bool(self.errors)

    @property
    def problem_count(self) -> int:
        """How many problems refused the file: the importers list the first few hundred (``total`` on the list)."""
        return getattr(self.errors, "total", len(self.errors))

    @property
    def more_problems(self) -> int:
        """How many problems are not listed."""
        return self.problem_count - len(self.errors)

    def summary(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"

    def __str__(self) -> str:
        return f"Refused: {self.problem_count} problem(s)" if self.errors else self.summary()
