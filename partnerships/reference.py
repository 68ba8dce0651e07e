"""Load the PCT-council partnerships from fixtures/partnerships.csv (idempotent), after the organisations."""

from pathlib import Path

from .services import load_reference


def load(fixtures: Path) -> str:
    """Import fixtures/partnerships.csv; return a summary line."""
    return str(load_reference(fixtures))
