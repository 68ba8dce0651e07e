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


def peer_summary(own: float | None, peer_values: list[float]) -> dict:
    """The peer average and range, and where the PCT's own value sits, described without a rank."""
    values = [v for v in peer_values if v is not None and not np.isnan(v)]
    if not values:
        return {"peer_count": 0, "peer_mean": None, "peer_min": None, "peer_max": None, "position": "no peer data"}
    low, high, mean = min(values), max(values), float(np.mean(values))
    summary = {"peer_count": len(values), "peer_mean": mean, "peer_min": low, "peer_max": high}
    if own is None or np.isnan(own):
        return summary | {"position": "no value for this PCT"}
    if own < low:
        position = "below the range of its peers"
    elif own > high:
        position = "above the range of its peers"
    elif np.isclose(own, mean):
        position = "within the range of its peers, at the peer average"
    else:
        side = "above" if own > mean else "below"
        position = f"within the range of its peers, {side} the peer average"
    return summary | {"position": position}
