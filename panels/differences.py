"""Differences between self-assessed and agreed levels: pure functions over report snapshots, no database."""

from collections import defaultdict

RAG_ORDER = {"red": 1, "amber": 2, "green": 3}


def spread(values: list) -> int | None:
    """The distance between the highest and lowest of the given levels (or RAG steps); None below two values."""
    numbers = [RAG_ORDER.get(v, v) for v in values if v not in (None, "")]
    return max(numbers) - min(numbers) if len(numbers) >= 2 else None


def difference(self_level: int | None, agreed_level: int | None) -> int | None:
    """Self-assessed minus agreed: positive when the PCT rated itself higher than the panel."""
    if self_level is None or agreed_level is None:
        return None
    return self_level - agreed_level


def summarise(snapshots: list[dict]) -> list[dict]:
    """Per competency, across PCTs: how many over-rated, matched and under-rated themselves, and the mean gap.

    Sorted by how far PCTs over-rate on average, most first; competencies are matched by number.
    """
    gaps: dict[int, list[int]] = defaultdict(list)
    names: dict[int, str] = {}
    for snapshot in snapshots:
        for row in snapshot.get("competencies", []):
            gap = difference(row.get("self"), row.get("agreed"))
            names[row["number"]] = row["name"]
            if gap is not None:
                gaps[row["number"]].append(gap)
    rows = []
    for number, name in names.items():
        values = gaps[number]
        rows.append(
            {
                "number": number,
                "name": name,
                "pcts": len(values),
                "over": sum(1 for g in values if g > 0),
                "same": sum(1 for g in values if g == 0),
                "under": sum(1 for g in values if g < 0),
                "mean_gap": round(sum(values) / len(values), 2) if values else None,
            }
        )
    return sorted(rows, key=lambda r: (-(r["mean_gap"] or 0), r["number"]))


def rating_changes(old: dict, new: dict) -> list[str]:
    """The agreed ratings that differ between two report snapshots, e.g. "2. Work with partners: 2 to 3"."""

    def agreed(snapshot: dict) -> dict[str, object]:
        found = {f"{r['number']}. {r['name']}": r.get("agreed") for r in snapshot.get("competencies", [])}
        return found | {r["name"]: r.get("agreed") for r in snapshot.get("governance", [])}

    before, after = agreed(old), agreed(new)
    return [
        f"{name}: {before.get(name) or 'not rated'} to {value or 'not rated'}"
        for name, value in after.items()
        if before.get(name) != value
    ]
