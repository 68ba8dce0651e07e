"""Movement of a PCT's agreed ratings since the previous cycle: up, same, down or new. Pure: no ORM, no request.

Both sides are signed-off results ({"competencies": {number: level}, "governance": {area name: RAG}}, as
`panels.selectors.signed_off_ratings` gives them). Competencies match by number. Governance areas match by name,
or, where a later cycle rates items within an area ("Strategy: Strategic plan") and the earlier one rated the area
whole ("Strategy"), by the area.
"""

UP, SAME, DOWN, NEW = "up", "same", "down", "new"
LABELS = {UP: "Up", SAME: "Same", DOWN: "Down", NEW: "New"}
RAG_RANK = {"red": 1, "amber": 2, "green": 3}


def _rank(value) -> int | None:
    if value in (None, ""):
        return None
    return RAG_RANK.get(value) if isinstance(value, str) else int(value)


def movement(previous, current) -> str | None:
    """How one rating moved: None when there is no current rating, NEW when there was none before."""
    now, before = _rank(current), _rank(previous)
    if now is None:
        return None
    if before is None:
        return NEW
    return UP if now > before else DOWN if now < before else SAME


def previous_governance(previous: dict, name: str):
    """The earlier rating of a governance area: by its name, else by the whole area it sits in."""
    if name in previous:
        return previous[name]
    return previous.get(name.split(":", 1)[0].strip())


def movements(previous: dict | None, current: dict | None) -> dict:
    """Every item's movement: {"competencies": {number: movement}, "governance": {name: movement}}."""
    previous, current = previous or {}, current or {}
    before_c, before_g = previous.get("competencies", {}), previous.get("governance", {})
    return {
        "competencies": {n: movement(before_c.get(n), v) for n, v in current.get("competencies", {}).items()},
        "governance": {
            name: movement(previous_governance(before_g, name), v) for name, v in current.get("governance", {}).items()
        },
    }


def from_snapshot(snapshot: dict) -> dict:
    """A report's ratings snapshot in the shape `movements` takes."""
    return {
        "competencies": {r["number"]: r.get("agreed") for r in snapshot.get("competencies", [])},
        "governance": {r["name"]: r.get("agreed") for r in snapshot.get("governance", [])},
    }
