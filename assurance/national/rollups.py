"""National rollups as pure computation: rating and benchmark frames in, count tables out.

No ORM, no request: `tasks.compute_rollups` loads the frames, calls these and stores the result. Every count is
given for England (scope "E92000001") and for each SHA (scope = the SHA's code), so a page shows an SHA with England
beside it from one stored table. Nothing here ranks PCTs: the outputs are counts per category.
"""

import pandas as pd

from assurance.codes import ENGLAND_CODE

LEVELS = (1, 2, 3, 4)
RAGS = ("red", "amber", "green")
COMPARISONS = ("better", "similar", "worse", "not tested", "higher", "lower")
QUARTILES = (1, 2, 3, 4)
NOT_RATED = 0  # stands for a missing level or RAG in the count tables


def _scoped(frame: pd.DataFrame) -> pd.DataFrame:
    """Each row twice: once in England's scope, once in its SHA's."""
    return pd.concat([frame.assign(scope=ENGLAND_CODE), frame.assign(scope=frame["sha"])], ignore_index=True)


def _count(frame: pd.DataFrame, by: list[str], column: str, categories, names: list[str]) -> pd.DataFrame:
    """Count rows per (scope, *by) in each category of `column`, every category present (zero when none)."""
    keys = ["scope", *by]
    if frame.empty:
        return pd.DataFrame(columns=[*keys, *names])
    scoped = _scoped(frame)
    counts = scoped.groupby([*keys, column], dropna=False).size().unstack(column, fill_value=0)
    counts = counts.reindex(columns=list(categories), fill_value=0)
    counts.columns = names
    return counts.reset_index().sort_values(keys, kind="stable", ignore_index=True)


def competency_levels(ratings: pd.DataFrame) -> pd.DataFrame:
    """Per scope and competency, how many PCTs were agreed at each level (and how many not rated).

    `ratings` has columns pct, sha, competency (number), level (1-4 or missing), one row per PCT and competency.
    """
    frame = ratings.assign(level=ratings["level"].fillna(NOT_RATED).astype(int))
    names = [f"level_{n}" for n in LEVELS] + ["not_rated"]
    out = _count(frame, ["competency"], "level", [*LEVELS, NOT_RATED], names)
    return out.assign(total=out[names].sum(axis=1).astype(int))


def governance_rag(rags: pd.DataFrame) -> pd.DataFrame:
    """Per scope and governance area, how many PCTs were agreed red, amber or green (and how many not rated).

    `rags` has columns pct, sha, area (name), rag ("red"/"amber"/"green" or blank).
    """
    frame = rags.assign(rag=rags["rag"].fillna("").replace("", "none"))
    names = [*RAGS, "not_rated"]
    out = _count(frame, ["area"], "rag", [*RAGS, "none"], names)
    return out.assign(total=out[names].sum(axis=1).astype(int))


def indicator_comparison(results: pd.DataFrame) -> pd.DataFrame:
    """Per scope and indicator: PCTs better/similar/worse than England, in each quartile, improving or worsening.

    `results` has columns pct, sha, indicator (code), comparison, quartile (1-4 or missing), trend.
    """
    keys = ["scope", "indicator"]
    comparison = _count(results, ["indicator"], "comparison", COMPARISONS, [c.replace(" ", "_") for c in COMPARISONS])
    frame = results.assign(quartile=results["quartile"].fillna(0).astype(int))
    quartile = _count(frame, ["indicator"], "quartile", QUARTILES, [f"quartile_{q}" for q in QUARTILES])
    trend = _count(results, ["indicator"], "trend", ("improving", "worsening"), ["improving", "worsening"])
    out = comparison.merge(quartile, on=keys, how="outer").merge(trend, on=keys, how="outer")
    if out.empty:
        return out.assign(total=pd.Series(dtype=int))
    counted = results.pipe(_scoped).groupby(keys).size().rename("total").reset_index()
    return out.merge(counted, on=keys).fillna(0).astype({c: int for c in out.columns if c not in keys})


def progress(previous: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    """Per scope and competency, how many PCTs moved up, stayed or moved down a level between two cycles.

    Both frames have columns pct, sha, competency (number), level; only PCTs rated in both cycles count, and the
    SHA is the current cycle's.
    """
    before = previous.dropna(subset=["level"])[["pct", "competency", "level"]]
    after = current.dropna(subset=["level"])
    both = after.merge(before, on=["pct", "competency"], suffixes=("", "_before"))
    delta = both["level"].astype(int) - both["level_before"].astype(int)
    moved = both.assign(movement=pd.cut(delta, [-10, -1, 0, 10], labels=["down", "same", "up"]).astype(str))
    return _count(moved, ["competency"], "movement", ("up", "same", "down"), ["up", "same", "down"])


def pct_levels(ratings: pd.DataFrame) -> pd.DataFrame:
    """One row per PCT (alphabetical by code within its SHA) with its agreed level on each competency."""
    if ratings.empty:
        return pd.DataFrame(columns=["sha", "pct"])
    table = ratings.pivot_table(index=["sha", "pct"], columns="competency", values="level", aggfunc="first")
    table.columns = [f"competency_{c}" for c in table.columns]
    return table.reset_index().sort_values(["sha", "pct"], ignore_index=True)


def for_scope(table: pd.DataFrame, scope: str) -> pd.DataFrame:
    """The rows of a rollup table for one scope."""
    return table[table["scope"] == scope].drop(columns="scope").reset_index(drop=True)
