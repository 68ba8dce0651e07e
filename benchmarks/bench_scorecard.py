"""Benchmark the scorecard computation and, as a floor, the same averages and quartiles in PostgreSQL.

Run: ``.venv/bin/python -m benchmarks.bench_scorecard [1x 10x 100x]``. Prints a table and JSON with the keys
``scorecard.compute_seconds.<size>`` (pure pandas compute) and ``scorecard.sql_floor_seconds.<size>`` (one
PostgreSQL query of avg and percentile_cont per indicator and period; loading time excluded).
To time storing results later, take the frames from ``bench_sizes`` and time the store beside ``compute``.
"""

import io
import json
import os
import sys
import time

import numpy as np
import pandas as pd

from outcomes import scorecard

ORGANISATIONS_1X, INDICATORS, PERIODS = 152, 40, 10
FIRST_YEAR = 2001
UNITS = ["%", "per 1000", "per 100000", "years", "ratio"]
POLARITIES = ["higher", "lower", "none"]
SEED = 20091
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
FLOOR_QUERY = """
    SELECT indicator_code, period, org_type, avg(value),
           percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY value)
    FROM bench_values
    WHERE org_type IN ('PCT', 'LA') AND org_code <> %s AND value IS NOT NULL
    GROUP BY indicator_code, period, org_type
"""


def indicator_frame() -> pd.DataFrame:
    """Return the 40 synthetic indicator definitions, cycling through units and polarities."""
    codes = [f"IND{i:02d}" for i in range(INDICATORS)]
    units = [UNITS[i % len(UNITS)] for i in range(INDICATORS)]
    polarities = [POLARITIES[i % len(POLARITIES)] for i in range(INDICATORS)]
    return pd.DataFrame({"code": codes, "polarity": polarities, "unit": units})


def synthetic_values(organisations: int, seed: int = SEED) -> pd.DataFrame:
    """Return organisations x 40 indicators x 10 periods, and England rows for half the indicators."""
    rng = np.random.default_rng(seed)
    indicators = indicator_frame()
    shape = (INDICATORS, organisations, PERIODS)
    indicator, organisation, period = (axis.ravel() for axis in np.indices(shape))
    unit = indicators["unit"].to_numpy()[indicator]
    level = rng.uniform(0.2, 0.8, INDICATORS)[indicator] + rng.normal(0, 0.05, organisations)[organisation]
    level = np.clip(level + 0.01 * period + rng.normal(0, 0.02, indicator.size), 0.01, 0.99)
    frame = pd.DataFrame(
        {
            "indicator_code": indicators["code"].to_numpy()[indicator],
            "org_code": np.char.add("P", np.char.zfill(organisation.astype(str), 6)),
            "org_type": "PCT",
            "period": _period_labels()[period],
        }
    )
    _fill_numbers(frame, unit, level, rng)
    frame.loc[rng.random(len(frame)) < 0.02, "value"] = np.nan  # a few suppressed values
    return pd.concat([frame, _england_rows(indicators, rng)], ignore_index=True)


def _period_labels() -> np.ndarray:
    """Return the ten financial-year labels 2001-02 .. 2010-11."""
    return np.array([f"{FIRST_YEAR + p}-{(FIRST_YEAR + p + 1) % 100:02d}" for p in range(PERIODS)])


def _fill_numbers(frame: pd.DataFrame, unit: np.ndarray, level: np.ndarray, rng: np.random.Generator) -> None:
    """Fill value, counts (proportions and rates) and supplied intervals ("years") in place."""
    multiplier = np.select([unit == "%", unit == "per 1000", unit == "per 100000"], [100.0, 1_000.0, 100_000.0], 0)
    counted = multiplier > 0
    denominator = np.where(unit == "%", rng.integers(200, 5_000, len(frame)), rng.integers(50_000, 500_000, len(frame)))
    probability = np.where(unit == "%", level, level * np.where(unit == "per 1000", 0.02, 0.002))
    numerator = rng.binomial(denominator, probability).astype(float)
    frame["numerator"] = np.where(counted, numerator, np.nan)
    frame["denominator"] = np.where(counted, denominator.astype(float), np.nan)
    frame["value"] = np.where(counted, numerator / denominator * multiplier, 70 + 20 * level)
    supplied = unit == "years"
    frame["lower_ci"] = np.where(supplied, frame["value"] - 0.8, np.nan)
    frame["upper_ci"] = np.where(supplied, frame["value"] + 0.8, np.nan)


def _england_rows(indicators: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Return an England value per period for every other indicator (the rest fall back to the mean)."""
    codes = indicators["code"].to_numpy()[::2]
    code, period = (axis.ravel() for axis in np.indices((len(codes), PERIODS)))
    return pd.DataFrame(
        {
            "indicator_code": codes[code],
            "org_code": scorecard.ENGLAND_CODE,
            "org_type": "ENGLAND",
            "period": _period_labels()[period],
            "value": rng.uniform(20, 80, code.size),
        }
    )


def bench_sizes(
    sizes: tuple[str, ...] = ("1x", "10x", "100x"),
) -> dict[str, tuple[pd.DataFrame, pd.DataFrame]]:
    """Return the synthetic (values, indicators) frames per size ("10x" = 10 x 152 organisations)."""
    return {size: (synthetic_values(ORGANISATIONS_1X * int(size.rstrip("x"))), indicator_frame()) for size in sizes}


def time_compute(values: pd.DataFrame, indicators: pd.DataFrame, repeats: int) -> float:
    """Return the best wall time of scorecard.compute over repeats."""
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        scorecard.compute(values, indicators)
        timings.append(time.perf_counter() - started)
    return min(timings)


def time_sql_floor(values: pd.DataFrame, repeats: int) -> float | None:
    """Return the best time of the one avg/percentile_cont query over the values loaded into a TEMP table."""
    import psycopg2  # imported here so the compute benchmark runs on machines without PostgreSQL

    try:
        connection = psycopg2.connect(DATABASE_URL)
    except psycopg2.OperationalError as error:
        print(f"SQL floor skipped: {error}", file=sys.stderr)
        return None
    with connection, connection.cursor() as cursor:
        _load(cursor, values)  # not timed: the floor is the query alone
        timings = []
        for _ in range(repeats):
            started = time.perf_counter()
            cursor.execute(FLOOR_QUERY, [scorecard.ENGLAND_CODE])
            cursor.fetchall()
            timings.append(time.perf_counter() - started)
    connection.close()
    return min(timings)


def _load(cursor, values: pd.DataFrame) -> None:
    """Create the TEMP table and COPY the values into it, then ANALYZE so the planner knows its size."""
    cursor.execute(
        "CREATE TEMP TABLE bench_values (indicator_code text, org_code text, org_type text, period text, "
        "value double precision) ON COMMIT DROP"
    )
    buffer = io.StringIO()
    values[["indicator_code", "org_code", "org_type", "period", "value"]].to_csv(buffer, index=False, header=False)
    buffer.seek(0)
    cursor.copy_expert("COPY bench_values FROM STDIN WITH (FORMAT csv)", buffer)
    cursor.execute("ANALYZE bench_values")


def run(sizes: tuple[str, ...] = ("1x", "10x", "100x")) -> dict:
    """Return compute and SQL-floor timings (seconds) and row counts per size."""
    results: dict = {}
    for size in sizes:
        (values, indicators) = bench_sizes((size,))[size]
        repeats = 3 if size != "100x" else 1
        results[f"scorecard.rows.{size}"] = len(values)
        results[f"scorecard.compute_seconds.{size}"] = round(time_compute(values, indicators, repeats), 3)
        floor = time_sql_floor(values, repeats)
        results[f"scorecard.sql_floor_seconds.{size}"] = None if floor is None else round(floor, 3)
        del values
    return results


def _table(results: dict, sizes: tuple[str, ...]) -> str:
    """Return the results as a small text table, one line per size."""
    lines = [f"{'size':>6} {'rows':>10} {'compute s':>10} {'sql floor s':>12}"]
    for size in sizes:
        floor = results[f"scorecard.sql_floor_seconds.{size}"]
        compute = results[f"scorecard.compute_seconds.{size}"]
        floor_text = "-" if floor is None else f"{floor:.3f}"
        lines.append(f"{size:>6} {results[f'scorecard.rows.{size}']:>10} {compute:>10.3f} {floor_text:>12}")
    return "\n".join(lines)


if __name__ == "__main__":
    chosen = tuple(sys.argv[1:]) or ("1x", "10x", "100x")
    figures = run(chosen)
    print(_table(figures, chosen))
    print(json.dumps(figures, indent=2))
