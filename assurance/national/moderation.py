"""Moderation across SHAs as pure computation: did each SHA's panels judge like the rest of England's?

For each competency and each SHA: how many of its signed-off PCTs were agreed at each level, their mean level, and
the mean of every other SHA's PCTs (the rest of England, so an SHA is never compared with itself). An SHA whose
mean differs from the rest of England's by the threshold or more (half a level by default) is flagged. No ORM, no
request: the page's selector reads the agreed ratings and calls `compare`.

Governance areas are moderated the same way (`compare_areas`): each agreed area RAG is put on a scale of red = 1,
amber = 2, green = 3, so an SHA's mean and the rest of England's are compared at the same threshold.
"""

import pandas as pd

LEVELS = (1, 2, 3, 4)
# Differences are sums of quarters and halves; a tolerance keeps 2.5 - 2.0 from falling a hair short of 0.5.
TOLERANCE = 1e-9
COLUMNS = [
    "competency",
    "sha",
    *(f"level_{n}" for n in LEVELS),
    "rated",
    "mean",
    "rest_rated",
    "rest_mean",
    "difference",
    "flagged",
]


def compare(ratings: pd.DataFrame, *, shas: list[str], competencies: list, threshold: float) -> pd.DataFrame:
    """One row per competency and SHA (in the orders given), every SHA present even with nothing rated.

    `ratings` has columns pct, sha, competency, level (1-4, or missing when the panel gave none: not counted).
    Columns: level_1..level_4 (counts), rated (PCTs with a level), mean (their mean level, missing when none),
    rest_rated and rest_mean (the same over every other SHA), difference (mean - rest_mean) and flagged
    (|difference| >= threshold; never when either mean is missing).
    """
    rated = ratings.dropna(subset=["level"]).astype({"level": int})
    grid = pd.MultiIndex.from_product([competencies, shas], names=["competency", "sha"])
    counts = (
        rated.groupby(["competency", "sha", "level"]).size().unstack("level", fill_value=0)
        if not rated.empty
        else pd.DataFrame(index=pd.MultiIndex.from_tuples([], names=["competency", "sha"]))
    )
    counts = counts.reindex(index=grid, columns=list(LEVELS), fill_value=0).fillna(0).astype(int)
    counts.columns = [f"level_{n}" for n in LEVELS]
    sums = (counts.to_numpy() * list(LEVELS)).sum(axis=1)
    out = counts.reset_index()
    out["rated"] = counts.sum(axis=1).to_numpy()
    out["_sum"] = sums
    totals = out.groupby("competency")[["rated", "_sum"]].transform("sum")
    out["rest_rated"] = totals["rated"] - out["rated"]
    rest_sum = totals["_sum"] - out["_sum"]
    out["mean"] = (out["_sum"] / out["rated"]).where(out["rated"] > 0)
    out["rest_mean"] = (rest_sum / out["rest_rated"]).where(out["rest_rated"] > 0)
    out["difference"] = out["mean"] - out["rest_mean"]
    out["flagged"] = (out["difference"].abs() >= threshold - TOLERANCE).fillna(False).astype(bool)
    return out[COLUMNS]


RAG_SCALE = {"red": 1, "amber": 2, "green": 3}
AREA_COLUMNS = [
    "area",
    "sha",
    *RAG_SCALE,
    "rated",
    "mean",
    "rest_rated",
    "rest_mean",
    "difference",
    "flagged",
]


def compare_areas(rags: pd.DataFrame, *, shas: list[str], areas: list[str], threshold: float) -> pd.DataFrame:
    """One row per governance area and SHA (in the orders given), like `compare` on the scale red 1, amber 2, green 3.

    `rags` has columns pct, sha, area (name), rag ("red", "amber", "green", or missing when the panel gave none:
    not counted). Columns: red, amber, green (counts), rated, mean, rest_rated, rest_mean, difference, flagged.
    """
    levels = rags.assign(competency=rags["area"], level=rags["rag"].map(RAG_SCALE).astype("float"))
    table = compare(levels[["pct", "sha", "competency", "level"]], shas=shas, competencies=areas, threshold=threshold)
    table = table.rename(columns={"competency": "area", "level_1": "red", "level_2": "amber", "level_3": "green"})
    return table[AREA_COLUMNS]


def records(table: pd.DataFrame) -> list[dict]:
    """The rows as plain dictionaries (missing numbers as None), for pages, CSV and charts."""
    return [
        {key: (None if isinstance(value, float) and pd.isna(value) else value) for key, value in row.items()}
        for row in table.astype(object).to_dict("records")
    ]
