"""Reads of the assurance app for home pages and lists."""

from .choices import STATE_TAG, OrgKind, State
from .models import Assessment, Cycle, Organisation, Partnership


def assessment_if_started(organisation: Organisation, cycle: Cycle | None) -> Assessment | None:
    """The PCT's assessment in the cycle, if one has been started."""
    if cycle is None:
        return None
    return Assessment.objects.filter(organisation=organisation, cycle=cycle).first()


def pct_states(cycle: Cycle | None, *, sha: Organisation | None = None) -> list[dict]:
    """Every PCT (of one SHA, or of England) with its assessment state in the cycle, alphabetically by SHA.

    Plain rows (code, name, sha, state_label, state_tag, started) from one query: the home pages list all 152 PCTs.
    """
    pcts = Organisation.objects.filter(kind=OrgKind.PCT).order_by("parent__name", "name")
    if sha is not None:
        pcts = pcts.filter(parent=sha)
    states = {}
    if cycle is not None:
        states = dict(
            Assessment.objects.filter(cycle=cycle, organisation__in=pcts).values_list("organisation_id", "state")
        )
    rows = []
    for pk, code, name, sha_name in pcts.values_list("pk", "code", "name", "parent__name"):
        state = states.get(pk)
        label = State(state).label if state else "Not started"
        rows.append({"code": code, "name": name, "sha": sha_name, "state_label": label, "started": bool(state),
                     "state_tag": STATE_TAG[State(state)] if state else "govuk-tag--grey"})  # fmt: skip
    return rows


# The order every page lists states in: the workflow's, from not started to published.
STATE_ORDER = ["Not started", *State.labels]


def state_counts(rows: list[dict]) -> dict[str, int]:
    """How many PCTs sit in each state (those not started count as 'not started'), every state in workflow order
    (zeros included), so that each home page lists them alike."""
    counts = dict.fromkeys(STATE_ORDER, 0)
    for row in rows:
        counts[row["state_label"]] += 1
    return counts


def published_cards(cycle: Cycle | None, pcts) -> dict:
    """The public report cards a council's home links to: its partner PCTs published in the cycle (by code), and
    whether any PCT's card is public in the cycle (for the link to all of them)."""
    if cycle is None:
        return {"pcts": [], "any": False}
    published = Assessment.objects.filter(cycle=cycle, state=State.PUBLISHED)
    codes = set(published.filter(organisation__in=pcts).values_list("organisation__code", flat=True))
    return {"pcts": [pct for pct in pcts if pct.code in codes], "any": published.exists()}


def partnerships_of_council(council: Organisation, pcts=None):
    """The council's partnerships with its PCTs (all of them, or those in `pcts`)."""
    found = Partnership.objects.filter(council=council).select_related("pct", "pct__parent")
    return found if pcts is None else found.filter(pct__in=pcts)
