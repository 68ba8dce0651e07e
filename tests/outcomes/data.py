"""Small indicator-value files for the outcomes tests, written as the importer reads them."""

import numpy as np

from assurance.models import Organisation

HEADER = "indicator_code,org_code,period,value,numerator,denominator,lower_ci,upper_ci"
PERIODS = ["2005-06", "2006-07", "2007-08", "2008-09", "2009-10"]
# Indicators the tests give values to: one of each required group and two local ones.
INDICATORS = ["LE_BIRTH_M", "LE_SII_M", "MORT_CVD_U75", "BREASTFEEDING_INIT"]


def csv_text(rows: list[str]) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode()


def value_rows(pct_codes: list[str], *, indicators=INDICATORS, seed: int = 1) -> list[str]:
    """Plausible values for the PCTs and England over five periods (intervals or counts)."""
    rng = np.random.default_rng(seed)
    rows = []
    for code in indicators:
        for i, period in enumerate(PERIODS):
            rows.append(f"{code},E92000001,{period},{_england(code, i)},,,,")
            for pct in pct_codes:
                rows.append(_row(code, pct, period, _england(code, i) * rng.uniform(0.85, 1.15)))
    return rows


def _england(code: str, i: int) -> float:
    return {"LE_BIRTH_M": 76 + 0.3 * i, "LE_SII_M": 9 - 0.1 * i, "MORT_CVD_U75": 90 - 3 * i}.get(code, 70 + i)


def _row(code: str, pct: str, period: str, value: float) -> str:
    if code == "BREASTFEEDING_INIT":  # a proportion: counts, interval computed by Wilson
        denominator = 2000
        numerator = round(value / 100 * denominator)
        return f"{code},{pct},{period},{numerator / denominator * 100:.4f},{numerator},{denominator},,"
    return f"{code},{pct},{period},{value:.3f},,,{value * 0.98:.3f},{value * 1.02:.3f}"


def pct_codes(count: int) -> list[str]:
    """The persona PCTs first, then others in code order."""
    first = ["5NT", "5HQ", "5ND"]
    others = Organisation.objects.filter(kind="PCT").exclude(code__in=first).order_by("code")
    return (first + list(others.values_list("code", flat=True)))[:count]
