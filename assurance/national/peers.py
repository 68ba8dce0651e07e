"""Peer groups as pure computation: each PCT's nearest neighbours on standardised measures.

Method (docs/national.md): each measure is put on a common scale as a z-score (value minus the mean of all PCTs,
divided by their standard deviation); population enters as its natural logarithm first, so a PCT of 1.2 million
is not a hundred times as far from one of 120,000 as two neighbours of similar size. The distance between two
PCTs is the Euclidean distance between their z-scores with every measure weighted equally. A PCT's peer group is
the `k` PCTs nearest to it. Nearness is how alike two places are, not how well they do.
"""

import numpy as np
import pandas as pd

PEER_COUNT = 10
LOG_MEASURES = frozenset({"population"})


def standardise(measures: pd.DataFrame) -> pd.DataFrame:
    """z-scores of each measure column (rows: PCTs); log first for LOG_MEASURES; a constant column scores 0."""
    frame = measures.astype(float).copy()
    for column in frame.columns:
        if column in LOG_MEASURES:
            frame[column] = np.log(frame[column])
    spread = frame.std(ddof=0).replace(0, 1.0)
    return (frame - frame.mean()) / spread


def nearest_neighbours(measures: pd.DataFrame, k: int = PEER_COUNT) -> pd.DataFrame:
    """Each PCT's k nearest PCTs: columns pct, peer, distance (ties broken by peer code, for repeatable groups).

    `measures` is indexed by PCT code, one column per measure, no missing values.
    """
    z = standardise(measures.dropna())
    codes = z.index.to_numpy()
    points = z.to_numpy()
    distances = np.sqrt(((points[:, None, :] - points[None, :, :]) ** 2).sum(axis=2))
    pairs = pd.DataFrame(distances, index=codes, columns=codes).rename_axis(index="pct", columns="peer")
    long = pairs.stack().rename("distance").reset_index()
    long = long[long["pct"] != long["peer"]].sort_values(["pct", "distance", "peer"], kind="stable")
    return long.groupby("pct", sort=True).head(k).reset_index(drop=True)


def peer_summary(
    own: float | None,
    peer_values: list[float],
    *,
    lower: float | None = None,
    upper: float | None = None,
    polarity: str = "none",
) -> dict:
    """The peer average and range, and the PCT's value compared with the peer average, never ranked.

    The comparison reads the PCT's 95% interval (``lower`` to ``upper``) against the peer average as the scorecard
    reads it against England (DESIGN.md section 5): "better", "similar" or "worse" through the polarity; "higher",
    "similar" or "lower" without one; "not tested" without an interval.
    """
    values = [v for v in peer_values if v is not None and not np.isnan(v)]
    if not values:
        return {
            "peer_count": 0,
            "peer_mean": None,
            "peer_min": None,
            "peer_max": None,
            "comparison": "no peer data",
            "sentence": "No peer data.",
        }
    low, high, mean = min(values), max(values), float(np.mean(values))
    summary = {"peer_count": len(values), "peer_mean": mean, "peer_min": low, "peer_max": high}
    if own is None or np.isnan(own):
        return summary | {"comparison": "no value for this PCT", "sentence": "No value for this PCT."}
    comparison = compared_with(mean, lower, upper, polarity)
    return summary | {"comparison": comparison, "sentence": SENTENCES[comparison]}


# Every value of a card's peer comparison (the API documents them as PeerComparisonEnum).
PEER_COMPARISONS = [
    "better",
    "similar",
    "worse",
    "higher",
    "lower",
    "not tested",
    "no value for this PCT",
    "no peer data",
]

SENTENCES = {
    "better": "Better than its peers: this PCT's 95% interval lies wholly on the better side of the peer average.",
    "worse": "Worse than its peers: this PCT's 95% interval lies wholly on the worse side of the peer average.",
    "similar": "Similar to its peers: the peer average lies within this PCT's 95% interval.",
    "higher": "Higher than its peers: this PCT's 95% interval lies wholly above the peer average.",
    "lower": "Lower than its peers: this PCT's 95% interval lies wholly below the peer average.",
    "not tested": "Not compared: this PCT's value has no 95% interval.",
}


def compared_with(reference: float, lower: float | None, upper: float | None, polarity: str) -> str:
    """Where a 95% interval lies from a reference value: wholly above, wholly below, or around it, in words."""
    if lower is None or upper is None or np.isnan(lower) or np.isnan(upper) or not lower <= upper:
        return "not tested"
    if lower <= reference <= upper:
        return "similar"
    above = lower > reference
    if polarity == "higher":
        return "better" if above else "worse"
    if polarity == "lower":
        return "worse" if above else "better"
    return "higher" if above else "lower"
