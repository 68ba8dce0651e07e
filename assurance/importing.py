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


@dataclass
class ImportResult:
    """What an import did (created / updated / unchanged rows), or every problem that refused it."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return bool(self.errors)

    def summary(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"

    def __str__(self) -> str:
        return f"Refused: {len(self.errors)} problem(s)" if self.errors else self.summary()
