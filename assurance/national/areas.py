"""Governance by area and mean competency levels, as pure computation (plain frames in, count tables out).

No ORM, no request. The inputs are the signed-off agreed ratings (`selectors.agreed_frames`): only the area-level
governance ratings count here (strategy, finance, board), never the items beneath them. Every table is given for
England (scope "E92000001") and for each SHA, like `rollups`.

- `area_counts`: per area, PCTs agreed red, amber, green (and not rated); shares are of the PCTs rated on the area.
- `every_area`: PCTs green on every area, red on every area; shares are of the PCTs rated on every area.
- `competency_means`: per competency, the mean agreed level of the PCTs rated on it.
- `side_by_side`: two cycles' rows of one table joined by key, with the movement (current minus previous).
"""

import pandas as pd

from .rollups import RAGS, _scoped

SHARE_DIGITS = 4
MEAN_DIGITS = 2


def _share(count: pd.Series, of: pd.Series) -> pd.Series:
    """count / of, rounded; missing (None) where `of` is zero."""
    share = (count / of.where(of > 0)).round(SHARE_DIGITS)
    return share.astype(object).where(share.notna(), None)


def area_counts(rags: pd.DataFrame) -> pd.DataFrame:
    """Per scope and area: red, amber, green, not_rated, rated, total, share_red, share_amber, share_green.

    `rags` has columns pct, sha, area (name), rag ("red", "amber", "green" or missing), one row per PCT and area.
    """
    columns = ["scope", "area", *RAGS, "not_rated", "rated", "total", *[f"share_{r}" for r in RAGS]]
    if rags.empty:
        return pd.DataFrame(columns=columns)
    frame = _scoped(rags.assign(rag=rags["rag"].fillna("").replace("", "none")))
    counts = frame.groupby(["scope", "area"], sort=False)["rag"].value_counts().unstack("rag", fill_value=0)
    counts = counts.reindex(columns=[*RAGS, "none"], fill_value=0).rename(columns={"none": "not_rated"})
    counts["rated"] = counts[list(RAGS)].sum(axis=1)
    counts["total"] = counts["rated"] + counts["not_rated"]
    for rag in RAGS:
        counts[f"share_{rag}"] = _share(counts[rag], counts["rated"])
    return counts.reset_index()[columns].sort_values(["scope"], kind="stable", ignore_index=True)


def every_area(rags: pd.DataFrame, areas: list[str]) -> pd.DataFrame:
    """Per scope: counted (PCTs), rated_all (rated on every area), green_all, red_all and their shares of rated_all.

    A PCT is green (red) on every area when each of `areas` is agreed green (red). With no areas there is no row.
    """
    columns = ["scope", "counted", "rated_all", "green_all", "red_all", "share_green_all", "share_red_all"]
    if rags.empty or not areas:
        return pd.DataFrame(columns=columns)
    pcts = rags[["pct", "sha"]].drop_duplicates().set_index(["pct", "sha"])
    wide = rags[rags["area"].isin(areas)].set_index(["pct", "sha", "area"])["rag"].unstack("area")
    wide = wide.reindex(index=pcts.index, columns=areas)
    per_pct = pd.DataFrame(
        {
            "counted": 1,
            "rated_all": wide.isin(RAGS).all(axis=1).astype(int),
            "green_all": wide.eq("green").all(axis=1).astype(int),
            "red_all": wide.eq("red").all(axis=1).astype(int),
        }
    ).reset_index()
    totals = _scoped(per_pct).groupby("scope", sort=False)[["counted", "rated_all", "green_all", "red_all"]].sum()
    totals["share_green_all"] = _share(totals["green_all"], totals["rated_all"])
    totals["share_red_all"] = _share(totals["red_all"], totals["rated_all"])
    return totals.reset_index()[columns]


def competency_means(ratings: pd.DataFrame) -> pd.DataFrame:
    """Per scope and competency: rated (PCTs with an agreed level) and mean (their mean level; missing if none).

    `ratings` has columns pct, sha, competency (number), level (1-4 or missing).
    """
    columns = ["scope", "competency", "rated", "mean"]
    if ratings.empty:
        return pd.DataFrame(columns=columns)
    grouped = _scoped(ratings).groupby(["scope", "competency"], sort=False)["level"]
    out = pd.DataFrame({"rated": grouped.count(), "mean": grouped.mean().round(MEAN_DIGITS)}).reset_index()
    out["mean"] = out["mean"].astype(object).where(out["mean"].notna(), None)
    return out.sort_values(["scope", "competency"], kind="stable", ignore_index=True)[columns]


def side_by_side(previous: list[dict], current: list[dict], key: str, values: list[str]) -> list[dict]:
    """Join two cycles' records of one table on `key`, in the current cycle's order (then keys only the previous
    had): for each value v, `previous_v`, `v` and `change_v` (current minus previous; None when either is missing)."""
    before = {r[key]: r for r in previous}
    now = {r[key]: r for r in current}
    keys = [r[key] for r in current] + [k for k in before if k not in now]
    rows = []
    for k in keys:
        old, new = before.get(k, {}), now.get(k, {})
        row = {key: k, "name": new.get("name", old.get("name", k))}
        for v in values:
            a, b = old.get(v), new.get(v)
            row[f"previous_{v}"], row[v] = a, b
            row[f"change_{v}"] = round(b - a, SHARE_DIGITS) if a is not None and b is not None else None
        rows.append(row)
    return rows
