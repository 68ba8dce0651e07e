"""Reads of the assurance app for home pages and lists."""

from .choices import OrgKind
from .models import Assessment, Cycle, Organisation


def assessment_of(organisation: Organisation, cycle: Cycle | None) -> Assessment | None:
    """The PCT's assessment in the cycle, if one has been started."""
    if cycle is None:
        return None
    return Assessment.objects.filter(organisation=organisation, cycle=cycle).first()


def pct_states(cycle: Cycle | None, *, sha: Organisation | None = None) -> list[dict]:
    """Every PCT (of one SHA, or of England) with its assessment state in the cycle, alphabetically by SHA."""
    pcts = Organisation.objects.filter(kind=OrgKind.PCT).select_related("parent").order_by("parent__name", "name")
    if sha is not None:
        pcts = pcts.filter(parent=sha)
    states = {}
    if cycle is not None:
        states = {a.organisation_id: a for a in Assessment.objects.filter(cycle=cycle, organisation__in=pcts)}
    return [{"organisation": pct, "assessment": states.get(pct.pk)} for pct in pcts]


def state_counts(rows: list[dict]) -> dict[str, int]:
    """How many PCTs sit in each state (those not started count as 'not started')."""
    counts: dict[str, int] = {}
    for row in rows:
        label = row["assessment"].get_state_display() if row["assessment"] else "Not started"
        counts[label] = counts.get(label, 0) + 1
    return counts
