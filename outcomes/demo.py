"""Demo data: synthetic indicator values for every PCT, the real obesity values, chosen outcomes, scorecards.

Synthetic values use a fixed random seed, so every run makes the same numbers, and are marked `is_synthetic`
(every page showing them says so). Real values are imported through the importer with their source.
"""

import numpy as np
from django.conf import settings

from assurance.choices import OrgKind
from assurance.codes import ENGLAND_CODE
from assurance.models import Assessment, Cycle, Organisation

from . import services
from .models import PLAN_YEARS, Indicator, IndicatorValue, PriorityOutcome
from .periods import period_start_year

SEED = 2009
PERIODS = ["2004-05", "2005-06", "2006-07", "2007-08", "2008-09", "2009-10"]
SYNTHETIC_SOURCE = "Synthetic demonstration values (not real data)"
REAL_SOURCE = "HSCIC, Hospital Episode Statistics (NHS Digital), obesity statistics 2011-12 and 2012-13"
# Outcomes each North West PCT chooses: the two required groups and a few local priorities.
REQUIRED = ["LE_BIRTH_M", "LE_BIRTH_F", "LE_SII_M"]
LOCAL = ["MORT_CVD_U75", "SMOKING_QUITTERS", "TEEN_CONCEPTIONS", "ALCOHOL_ADM", "BREASTFEEDING_INIT",
         "CHLAMYDIA_SCREEN", "OBESE_Y6", "INFANT_MORT", "SUICIDE", "MMR2_AGE5"]  # fmt: skip
# Manchester's alcohol admissions are made worse than England and worsening, so the flag has a case to show.
WORSENING = {("5NT", "ALCOHOL_ADM")}
RATE_MULTIPLIERS = {"%": 100.0, "per 1000": 1_000.0, "per 100000": 100_000.0}


def load() -> str:
    """Create the demo values (idempotent), choose outcomes for the North West PCTs, compute scorecards."""
    synthetic = _synthetic_values()
    IndicatorValue.objects.bulk_create(synthetic, batch_size=5000, ignore_conflicts=True)
    real = services.import_values(
        settings.FIXTURES_DIR / "indicator-values" / "obesity_admissions_2011-12_2012-13.csv",
        source=REAL_SOURCE,
        recompute=False,
    )
    if real.refused:
        raise RuntimeError("; ".join(str(e) for e in real.errors))
    chosen = _choose_outcomes()
    computed = services.scorecards_compute()
    from . import joint_demo  # imports this module

    summary = f"{len(synthetic)} synthetic values, real values {real.summary()}, {chosen} outcomes chosen, {computed}"
    return f"{summary}; {joint_demo.load()}"


def _synthetic_values() -> list[IndicatorValue]:
    """Values for every PCT and England, every PCT indicator without real data, every demo period."""
    rng = np.random.default_rng(SEED)
    pcts = list(Organisation.objects.filter(kind=OrgKind.PCT).order_by("code"))
    england = Organisation.objects.get(code=ENGLAND_CODE)
    indicators = list(Indicator.objects.for_org_type("PCT").filter(has_real_data=False).order_by("code"))
    rows = []
    for indicator in indicators:
        rows += _indicator_values(indicator, pcts, england, rng)
    return rows


def _indicator_values(indicator: Indicator, pcts, england, rng) -> list[IndicatorValue]:
    """One indicator's values: England's level improving slowly, each PCT offset from it with noise."""
    base = indicator.approx_england_value or 50.0
    sign = {"higher": 1.0, "lower": -1.0}.get(indicator.polarity, 0.0)
    drift = np.array([1 + sign * 0.012 * (i - len(PERIODS) + 1) for i in range(len(PERIODS))])
    england_series = base * drift
    # Life expectancy varies by a few years between PCTs, most other indicators by a tenth or so.
    spread = 0.03 if indicator.unit == "years" and not indicator.outcome_group == "health inequalities" else 0.12
    offsets = rng.normal(0, spread, len(pcts))
    rows = [_value(indicator, england, p, v, None, None) for p, v in zip(PERIODS, england_series, strict=True)]
    for pct, offset in zip(pcts, offsets, strict=True):
        own = np.clip(offset + rng.normal(0, spread / 10, len(PERIODS)), -0.6, 0.6)
        if (pct.code, indicator.code) in WORSENING:
            own = -sign * np.linspace(0.2, 0.45, len(PERIODS))
        for period, level in zip(PERIODS, england_series * (1 + own), strict=True):
            rows.append(_pct_value(indicator, pct, period, max(level, 0.01), rng))
    return rows


def _pct_value(indicator: Indicator, pct, period: str, level: float, rng) -> IndicatorValue:
    """A PCT value with counts (proportions and crude rates) or a supplied 95% interval (anything else)."""
    multiplier = RATE_MULTIPLIERS.get(indicator.unit)
    if multiplier == 100.0:
        denominator = int(rng.integers(800, 6000))
        numerator = int(rng.binomial(denominator, min(level, 99.0) / 100))
        return _value(indicator, pct, period, numerator / denominator * 100, numerator, denominator)
    if multiplier:
        denominator = pct.population or 250_000
        numerator = int(rng.poisson(level * denominator / multiplier))
        return _value(indicator, pct, period, numerator / denominator * multiplier, numerator, denominator)
    half_width = level * (0.008 if indicator.unit == "years" else 0.06)
    value = _value(indicator, pct, period, level, None, None)
    value.lower_ci, value.upper_ci = round(level - half_width, 4), round(level + half_width, 4)
    return value


def _value(indicator, organisation, period, value, numerator, denominator) -> IndicatorValue:
    return IndicatorValue(
        indicator=indicator,
        organisation=organisation,
        period=period,
        period_start_year=period_start_year(period),
        value=round(float(value), 4),
        numerator=numerator,
        denominator=denominator,
        is_synthetic=True,
        source=SYNTHETIC_SOURCE,
    )


def _choose_outcomes() -> int:
    """Priority outcomes with baseline and trajectory for each North West PCT's 2009-10 assessment."""
    cycle = Cycle.objects.get(code="2009-10")
    assessments = Assessment.objects.filter(cycle=cycle, organisation__parent__code="Q31", outcomes__isnull=True)
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=REQUIRED + LOCAL)}
    latest = {
        (v.organisation_id, v.indicator_id): v.value
        for v in IndicatorValue.objects.filter(period="2008-09", indicator__in=indicators.values())
    }
    rng = np.random.default_rng(SEED + 1)
    created = []
    for assessment in assessments.distinct():
        codes = REQUIRED + list(rng.choice(LOCAL, size=5, replace=False))
        if assessment.organisation.code == "5NT":
            codes = REQUIRED + ["ALCOHOL_ADM", "MORT_CVD_U75", "SMOKING_QUITTERS", "TEEN_CONCEPTIONS", "OBESE_Y6"]
        for code in codes:
            indicator = indicators[code]
            baseline = latest.get((assessment.organisation_id, indicator.pk))
            created.append(_outcome(assessment, indicator, baseline))
    PriorityOutcome.objects.bulk_create(created, ignore_conflicts=True)
    return len(created)


def _outcome(assessment, indicator: Indicator, baseline: float | None) -> PriorityOutcome:
    """An outcome aiming to improve a little each year (life expectancy by about 0.3 years a year)."""
    sign = {"higher": 1.0, "lower": -1.0}.get(indicator.polarity, 0.0)
    step = 0.004 if indicator.unit == "years" and not indicator.outcome_group == "health inequalities" else 0.02
    trajectory = [] if baseline is None else [round(baseline * (1 + sign * step * y), 2) for y in range(1, 6)]
    return PriorityOutcome(
        assessment=assessment,
        indicator=indicator,
        baseline=baseline,
        baseline_period="2008-09" if baseline is not None else "",
        trajectory=trajectory[:PLAN_YEARS],
    )
