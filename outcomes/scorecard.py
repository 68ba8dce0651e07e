"""The scorecard (docs/outcomes.md): benchmarks per indicator and period, and each organisation on them.

One vectorised computation over all organisations at once; no Django, no database. The Celery task loads the
values, calls ``compute`` and stores both frames, so pages read stored numbers and compute nothing.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from assurance.codes import ENGLAND_CODE
from outcomes import intervals, trends
from outcomes.periods import period_columns

ORG_TYPES = ("PCT", "LA")
POLARITIES = ("higher", "lower", "none")  # which way an indicator improves ("none": neither)
# A plain count (e.g. MRSA cases) grows with population: no quartiles, no comparison with England.
COUNT_UNITS = {"count", "number", "cases"}
MIN_FOR_QUARTILES = 4  # quartiles of fewer organisations say nothing
GROUP = ["indicator_code", "period", "org_type"]
SERIES = ["indicator_code", "org_type", "org_code"]
KEYS = ["indicator_code", "org_code", "period", "org_type"]  # computed on as integer codes (see _coded)
VALUE_COLUMNS = ["value", "numerator", "denominator", "lower_ci", "upper_ci"]
BENCHMARK_COLUMNS = [
    *GROUP, "national_average", "national_source", "q1", "median", "q3", "upper_quartile", "n",
]  # fmt: skip
ORGANISATION_COLUMNS = [
    "indicator_code", "org_code", "org_type", "period", "value", "lower_ci", "upper_ci", "ci_source",
    "lower_ci_998", "upper_ci_998", "comparison", "quartile", "trend", "trend_slope", "trend_p_value",
    "gap_to_upper_quartile", "periods_to_upper_quartile",
]  # fmt: skip


@dataclass(frozen=True)
class Result:
    """The scorecard: one benchmark row per (indicator, period, org type), one row per organisation value."""

    benchmarks: pd.DataFrame
    organisations: pd.DataFrame


def compute(values: pd.DataFrame, indicators: pd.DataFrame, *, england_code: str = ENGLAND_CODE) -> Result:
    """Compute benchmarks and every PCT's and local authority's scorecard from indicator values."""
    data = _prepare(values, indicators)
    is_england = (data["org_code"] == england_code).to_numpy()
    england = data.loc[is_england & data["value"].notna().to_numpy(), ["indicator_code", "period", "value"]]
    organisations = data.loc[~is_england & data["org_type"].isin(ORG_TYPES).to_numpy()]
    organisations, england, names = _coded(organisations, england)
    benchmarks = _benchmarks(organisations, england)
    return Result(
        benchmarks=_named(benchmarks[BENCHMARK_COLUMNS], names),
        organisations=_named(_organisation_rows(organisations, benchmarks), names),
    )


def _coded(organisations: pd.DataFrame, england: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """Both frames with each key column as integer codes, numbered in the texts' sorted order (so every sort and
    tie-break is the same as on the texts), and the texts by code. Merging on text keys was most of the time."""
    names = {}
    for column in KEYS:
        codes, names[column] = pd.factorize(organisations[column], sort=True)
        organisations = organisations.assign(**{column: codes})
        if column in england:  # -1 where England has a key no organisation has: it matches nothing
            england = england.assign(**{column: names[column].get_indexer(england[column])})
    return organisations, england, names


def _named(frame: pd.DataFrame, names: dict[str, pd.Index]) -> pd.DataFrame:
    """The frame with each key column's integer codes replaced by the texts they stand for."""
    return frame.assign(**{column: names[column].take(frame[column].to_numpy()) for column in KEYS if column in frame})


def _prepare(values: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """Return the values with float columns, each indicator's polarity and unit, and periods' first years."""
    missing = {"indicator_code", "org_code", "org_type", "period", "value"} - set(values.columns)
    if missing:
        raise ValueError(f"values lack columns: {', '.join(sorted(missing))}")
    data = values.copy()
    for column in VALUE_COLUMNS:
        data[column] = pd.to_numeric(data[column], errors="coerce") if column in data else np.nan
        data[column] = data[column].astype(float)
    definitions = _definitions(indicators)
    unknown = set(pd.unique(data["indicator_code"])) - set(definitions.index)
    if unknown:
        raise ValueError(f"values name indicators without a definition: {', '.join(sorted(unknown))}")
    data = data.join(definitions, on="indicator_code")
    if data.duplicated(["indicator_code", "org_code", "period"]).any():
        raise ValueError("values hold more than one row for an (indicator_code, org_code, period)")
    data = data.assign(**period_columns(data["period"]))  # start_year, first_month, last_month
    return data


def _definitions(indicators: pd.DataFrame) -> pd.DataFrame:
    """Return polarity and unit by indicator code, refusing repeated codes and unknown polarities."""
    definitions = indicators.set_index("code")[["polarity", "unit"]]
    if definitions.index.duplicated().any():
        raise ValueError("indicators repeat a code")
    units = definitions["unit"].astype(str)
    definitions = definitions.assign(
        multiplier=[intervals.multiplier(unit) for unit in units],
        is_count=[is_count_unit(unit) for unit in units],
    )
    wrong = set(definitions["polarity"]) - set(POLARITIES)
    if wrong:
        raise ValueError(f"indicators have unknown polarities: {', '.join(sorted(map(str, wrong)))}")
    return definitions


def is_count_unit(unit: str) -> bool:
    """Whether a unit is a plain count (COUNT_UNITS, read without case or extra spaces)."""
    return intervals.normalise_unit(unit).lower() in COUNT_UNITS


def _benchmarks(organisations: pd.DataFrame, england: pd.DataFrame) -> pd.DataFrame:
    """Return national average, quartiles and upper quartile per (indicator, period, org type)."""
    has_value = organisations["value"].notna().to_numpy()
    counted = has_value & intervals.described_by_counts(organisations, organisations["multiplier"].to_numpy())
    organisations = organisations.assign(
        counted=counted,  # the value is numerator / denominator x multiplier: the aggregate can use it
        counted_numerator=np.where(counted, organisations["numerator"].to_numpy(dtype=float), 0.0),
        counted_denominator=np.where(counted, organisations["denominator"].to_numpy(dtype=float), 0.0),
    )
    grouped = organisations.groupby(GROUP, sort=False)
    table = grouped.agg(
        n=("value", "count"), counted=("counted", "sum"), numerator=("counted_numerator", "sum"),
        denominator=("counted_denominator", "sum"), multiplier=("multiplier", "first"),
        polarity=("polarity", "first"), is_count=("is_count", "first"), start_year=("start_year", "first"),
    )  # fmt: skip
    # groupby quantile interpolates linearly: Hyndman and Fan type 7, as numpy and percentile_cont.
    quartiles = grouped["value"].quantile([0.25, 0.5, 0.75]).unstack().reindex(columns=[0.25, 0.5, 0.75])
    # Join on the group keys, not by position: unstack sorts the groups, agg keeps their first-seen order.
    table = table.join(quartiles.set_axis(["q1", "median", "q3"], axis=1))
    table = table.reset_index().merge(
        england.rename(columns={"value": "england"}), on=["indicator_code", "period"], how="left"
    )
    is_count = table["is_count"].to_numpy(dtype=bool)
    # Quartiles of fewer than four organisations, or of counts (which grow with population), are not shown.
    no_quartiles = (table["n"].to_numpy() < MIN_FOR_QUARTILES) | is_count
    table.loc[no_quartiles, ["q1", "median", "q3"]] = np.nan
    # England's own value; else, when every value is described by its counts, sum of numerators over sum of
    # denominators (never the mean of rates, which weighs a small PCT like a large one); else none.
    has_england = table["england"].notna().to_numpy()
    aggregate = (table["n"].to_numpy() > 0) & (table["counted"].to_numpy() == table["n"].to_numpy())
    aggregate &= table["denominator"].to_numpy() > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        aggregated = table["numerator"].to_numpy() / table["denominator"].to_numpy() * table["multiplier"].to_numpy()
    table["national_average"] = np.select([has_england, aggregate], [table["england"].to_numpy(), aggregated], np.nan)
    source = np.select([has_england, aggregate], ["england", "aggregate"], default=None).astype(object)
    table["national_source"] = pd.Series(source, index=table.index, dtype=object)
    # The boundary of the best-performing quarter; none without polarity.
    table["upper_quartile"] = np.select(
        [table["polarity"] == "higher", table["polarity"] == "lower"], [table["q3"], table["q1"]], np.nan
    )
    table["n"] = table["n"].astype("int64")
    order = ["indicator_code", "start_year", "period", "org_type"]  # unique per row: no ties to break
    return table.sort_values(order, ignore_index=True).drop(columns="start_year")


def _organisation_rows(organisations: pd.DataFrame, benchmarks: pd.DataFrame) -> pd.DataFrame:
    """Return each organisation's value with intervals, comparison, quartile, trend and gap."""
    rows = intervals.compute_intervals(organisations, organisations["unit"])
    # The trend reads each point's 95% interval, from the data or computed from the counts.
    trend = _trend_table(rows)
    extra = ["polarity", "n", "is_count", "counted", "numerator", "denominator", "multiplier", "england"]
    rows = rows.merge(benchmarks.drop(columns=extra), on=GROUP, how="left", validate="m:1")
    rows = rows.merge(trend, on=[*SERIES, "period"], how="left")
    polarity = rows["polarity"].to_numpy(dtype=object)
    is_count = rows["is_count"].to_numpy(dtype=bool)
    rows["comparison"] = np.where(is_count, "not tested", _comparison(rows, polarity)).astype(object)
    rows["quartile"] = _quartile(rows, polarity)
    significant, overlapping = (
        rows[f"trend_{name}"].fillna(False).to_numpy(dtype=bool) for name in ("significant", "overlapping")
    )
    rows["trend"] = trends.label(
        rows["trend_slope"], significant, rows["trend_points"].fillna(0).to_numpy(), polarity, overlapping
    )
    rows["gap_to_upper_quartile"] = _gap(rows, polarity)
    rows["periods_to_upper_quartile"] = _periods_to_upper_quartile(rows)
    rows = rows.sort_values([*SERIES, "start_year", "period"], ignore_index=True)
    return rows[ORGANISATION_COLUMNS]


def _comparison(rows: pd.DataFrame, polarity: np.ndarray) -> np.ndarray:
    """Return better/similar/worse (or higher/similar/lower without polarity) from the 95% interval."""
    national = rows["national_average"].to_numpy(dtype=float)
    lower, upper = rows["lower_ci"].to_numpy(dtype=float), rows["upper_ci"].to_numpy(dtype=float)
    tested = ~np.isnan(lower) & ~np.isnan(upper) & ~np.isnan(national) & rows["value"].notna().to_numpy()
    # An interval that includes the national value is "similar": strict inequalities on both sides.
    above, below = lower > national, upper < national
    higher, lower_better = polarity == "higher", polarity == "lower"
    judged = higher | lower_better
    choices = [
        ~tested,
        (higher & above) | (lower_better & below),
        (higher & below) | (lower_better & above),
        ~judged & above,
        ~judged & below,
    ]
    labels = ["not tested", "better", "worse", "higher", "lower"]
    return np.select(choices, labels, default="similar").astype(object)


def _quartile(rows: pd.DataFrame, polarity: np.ndarray) -> pd.Series:
    """Return the quartile, 1 = best quarter, read through polarity (NA without polarity or value)."""
    value = rows["value"].to_numpy(dtype=float)
    q1, median, q3 = (rows[column].to_numpy(dtype=float) for column in ("q1", "median", "q3"))
    if_higher = np.select([value >= q3, value >= median, value >= q1], [1, 2, 3], 4)
    if_lower = np.select([value <= q1, value <= median, value <= q3], [1, 2, 3], 4)
    quartile = np.where(polarity == "higher", if_higher, if_lower)
    known = ~np.isnan(value) & ~np.isnan(q1) & ((polarity == "higher") | (polarity == "lower"))
    return pd.Series(pd.arrays.IntegerArray(quartile.astype("int64"), ~known), index=rows.index)


def _gap(rows: pd.DataFrame, polarity: np.ndarray) -> np.ndarray:
    """Return how far the value is short of the upper quartile: positive = short, 0 or negative = reached."""
    sign = np.select([polarity == "higher", polarity == "lower"], [1.0, -1.0], np.nan)
    return (rows["upper_quartile"].to_numpy(dtype=float) - rows["value"].to_numpy(dtype=float)) * sign


def _periods_to_upper_quartile(rows: pd.DataFrame) -> pd.Series:
    """Return years needed at the trend's slope to close a positive gap, where the trend is improving."""
    gap, slope = rows["gap_to_upper_quartile"].to_numpy(), rows["trend_slope"].to_numpy(dtype=float)
    known = (rows["trend"].to_numpy() == trends.IMPROVING) & (gap > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        periods = np.ceil(np.where(known, gap / np.abs(slope), 0.0))
    return pd.Series(pd.arrays.IntegerArray(periods.astype("int64"), ~known), index=rows.index)


def _trend_table(organisations: pd.DataFrame) -> pd.DataFrame:
    """Return slope, p-value, points and verdict of each series over its five latest usable periods at each period."""
    columns = ["value", "lower_ci", "upper_ci"]
    if organisations.empty:
        names = ["trend_slope", "trend_p_value", "trend_points", "trend_significant", "trend_overlapping"]
        return pd.DataFrame(columns=[*SERIES, "period", *names])
    positions = _period_positions(organisations)
    series = organisations[[*SERIES, "period", *columns]].merge(positions, on=["indicator_code", "org_type", "period"])
    wide = series.pivot(index=SERIES, columns="position", values=columns)
    order = wide["value"].columns
    span_columns = ["start_year", "first_month", "last_month"]
    spans = positions.pivot(index=["indicator_code", "org_type"], columns="position", values=span_columns)
    spans = spans.reindex(wide.index.droplevel("org_code"))  # each organisation's row: its series' periods
    years, first_months, last_months = (
        spans[column].reindex(columns=order).to_numpy(dtype=float) for column in span_columns
    )
    window = trends.window_test(
        years, *(wide[column].reindex(columns=order).to_numpy(dtype=float) for column in columns), first_months,
        last_months,
    )  # fmt: skip
    index = wide.index.repeat(len(order)).to_frame(index=False)
    index["position"] = np.tile(order.to_numpy(), len(wide))
    index = index.assign(
        trend_slope=window.slope.ravel(), trend_p_value=window.p_value.ravel(), trend_points=window.points.ravel(),
        trend_significant=window.significant.ravel(), trend_overlapping=window.overlapping.ravel(),
    )  # fmt: skip
    return index.merge(positions, on=["indicator_code", "org_type", "position"]).drop(
        columns=["position", "start_year", "first_month", "last_month"]
    )


def _period_positions(organisations: pd.DataFrame) -> pd.DataFrame:
    """Return each (indicator, org type) series' periods numbered 0, 1, ... by first year."""
    keys = ["indicator_code", "org_type", "period", "start_year", "first_month", "last_month"]
    positions = (
        organisations[keys].drop_duplicates().sort_values(["indicator_code", "org_type", "start_year", "period"])
    )
    positions["position"] = positions.groupby(["indicator_code", "org_type"]).cumcount()
    return positions
