"""Choices of the outcomes app: polarity, comparison, trend and import status, with a tag colour for each."""

from django.db import models


class Polarity(models.TextChoices):
    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"
    NONE = "none", "No polarity"


class ValueType(models.TextChoices):
    """What kind of figure an indicator's value is: it decides which intervals can be computed and whether a funnel
    plot applies (proportions and crude rates only)."""

    PROPORTION = "proportion", "Proportion"
    CRUDE_RATE = "crude rate", "Crude rate"
    DSR = "directly standardised rate", "Directly standardised rate"
    LIFE_EXPECTANCY = "life expectancy", "Life expectancy"
    COUNT = "count", "Count"
    RATIO = "ratio", "Ratio"


class Comparison(models.TextChoices):
    BETTER = "better", "Better than England"
    SIMILAR = "similar", "Similar to England"
    WORSE = "worse", "Worse than England"
    HIGHER = "higher", "Higher than England"
    LOWER = "lower", "Lower than England"
    NOT_TESTED = "not tested", "Not tested"


class Trend(models.TextChoices):
    IMPROVING = "improving", "Improving"
    WORSENING = "worsening", "Worsening"
    INCREASING = "increasing", "Increasing"  # indicators without polarity: no better direction to read it through
    DECREASING = "decreasing", "Decreasing"
    NO_CHANGE = "no significant change", "No significant change"
    NOT_ENOUGH = "not enough data", "Not enough data"
    NOT_TESTED = "not tested", "Not tested"  # overlapping rolling periods are not independent


class ImportStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Imported"
    REFUSED = "refused", "Refused"
    FAILED = "failed", "Failed"


# GOV.UK tag modifier per value, so every colour means one thing (explained on the methods page).
COMPARISON_TAG = {
    Comparison.BETTER: "govuk-tag--green",
    Comparison.SIMILAR: "govuk-tag--yellow",
    Comparison.WORSE: "govuk-tag--red",
    Comparison.HIGHER: "govuk-tag--blue",
    Comparison.LOWER: "govuk-tag--blue",
    Comparison.NOT_TESTED: "govuk-tag--grey",
}
TREND_TAG = {
    Trend.IMPROVING: "govuk-tag--green",
    Trend.WORSENING: "govuk-tag--red",
    Trend.INCREASING: "govuk-tag--blue",
    Trend.DECREASING: "govuk-tag--blue",
    Trend.NO_CHANGE: "govuk-tag--grey",
    Trend.NOT_ENOUGH: "govuk-tag--grey",
    Trend.NOT_TESTED: "govuk-tag--grey",
}


class LegalBasis(models.TextChoices):
    """The power under which partners pool their money."""

    SECTION_75 = "section 75", "Section 75 agreement (NHS Act 2006)"
    SECTION_256 = "section 256", "Section 256 transfer (NHS Act 2006)"
    SECTION_31 = "section 31", "Section 31 agreement (Health Act 1999)"
    OTHER = "other", "Other agreement"
