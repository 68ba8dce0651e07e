"""Compare areas' pure computation: funnel limits worked by hand, the order of the bars, the colour and words of
every comparison (docs/outcomes.md, "Compare areas")."""

from types import SimpleNamespace

import pytest

from assurance import palette
from outcomes import compare
from outcomes.choices import COMPARISON_TAG, Comparison, ValueType

# A proportion: England 20% (p0 = 0.2), a PCT of n = 400. sqrt(p0 (1 - p0) / n) = sqrt(0.16 / 400) = 0.02.
#   95%:   0.2 -/+ 1.959964 * 0.02 = 0.2 -/+ 0.03919928 -> 16.080072% and 23.919928%
#   99.8%: 0.2 -/+ 3.090232 * 0.02 = 0.2 -/+ 0.06180464 -> 13.819536% and 26.180464%
# A crude rate: England 50 per 100,000 (r0 = 0.0005 a person), a PCT of n = 200,000: E = r0 n = 100 expected.
#   95% lower: 1 - 1/900 - 1.959964/30 = 0.93355676; cubed 0.81362105; times E 81.362105; over n, times 100,000 =
#              40.681053. Upper: sqrt(101) = 10.0498756; 1 - 1/909 + 1.959964/30.149627 = 1.06390779; cubed
#              1.20423701; times 101 = 121.627938; over n, times 100,000 = 60.813969.
#   99.8% lower: 1 - 1/900 - 3.090232/30 = 0.89588116; cubed 0.71903694 -> 35.951847.
#         upper: 1 - 1/909 + 3.090232/30.149627 = 1.10139642; cubed 1.33607543; times 101 / 2 = 67.471809.
CASES = [
    (ValueType.PROPORTION, 20.0, 100.0, 400, compare.Z_95, 16.080072, 23.919928),
    (ValueType.PROPORTION, 20.0, 100.0, 400, compare.Z_998, 13.819536, 26.180464),
    (ValueType.CRUDE_RATE, 50.0, 100_000.0, 200_000, compare.Z_95, 40.681053, 60.813969),
    (ValueType.CRUDE_RATE, 50.0, 100_000.0, 200_000, compare.Z_998, 35.951847, 67.471809),
]


@pytest.mark.parametrize(("value_type", "england", "multiplier", "n", "z", "lower", "upper"), CASES)
def test_funnel_limits_match_the_hand_worked_values(value_type, england, multiplier, n, z, lower, upper):
    (low,), (high,) = compare.limits(value_type, england, multiplier, [n], z)
    assert low == pytest.approx(lower, abs=1e-5)
    assert high == pytest.approx(upper, abs=1e-5)


def test_proportion_limits_are_clipped_to_0_and_100_percent():
    # England 1%, n = 10: 0.01 -/+ 1.96 * sqrt(0.0099 / 10) = 0.01 -/+ 0.0617: the lower limit would be negative.
    (low,), (high,) = compare.proportion_limits(1.0, 100.0, [10], compare.Z_95)
    assert low == 0.0
    assert high == pytest.approx(100 * (0.01 + 1.959964 * (0.0099 / 10) ** 0.5))
    (low,), (high,) = compare.proportion_limits(99.0, 100.0, [10], compare.Z_95)
    assert high == 100.0


def test_rate_limits_never_go_below_zero_and_narrow_as_the_denominator_grows():
    low, high = compare.rate_limits(5.0, 100_000.0, [1_000, 10_000, 100_000, 1_000_000], compare.Z_998)
    assert (low >= 0).all()
    widths = high - low
    assert list(widths) == sorted(widths, reverse=True)


def test_the_funnel_spans_the_denominators_with_both_limits_around_england():
    funnel = compare.funnel(ValueType.PROPORTION, 20.0, 100.0, [400, None, 1_600, 0])
    assert funnel.denominators[0] == pytest.approx(400 * 0.8)
    assert funnel.denominators[-1] == pytest.approx(1_600 * 1.2)
    assert len(funnel.lower_95) == compare.FUNNEL_POINTS
    for lo998, lo95, hi95, hi998 in zip(
        funnel.lower_998, funnel.lower_95, funnel.upper_95, funnel.upper_998, strict=True
    ):
        assert lo998 < lo95 < 20.0 < hi95 < hi998


@pytest.mark.parametrize(
    ("value_type", "england", "multiplier", "denominators"),
    [
        (ValueType.DSR, 20.0, 100.0, [400, 800]),  # a standardised rate: its spread is not the denominator's alone
        (ValueType.PROPORTION, None, 100.0, [400, 800]),  # no England value
        (ValueType.PROPORTION, 20.0, None, [400, 800]),  # no multiplier
        (ValueType.PROPORTION, 20.0, 100.0, [400, None]),  # one denominator
    ],
)
def test_no_funnel_without_what_it_needs(value_type, england, multiplier, denominators):
    assert compare.funnel(value_type, england, multiplier, denominators) is None
    with pytest.raises(ValueError, match="funnel"):
        compare.limits(ValueType.COUNT, 1.0, 1.0, [10], compare.Z_95)


def test_a_value_is_placed_against_the_limits_at_its_own_denominator():
    args = (ValueType.PROPORTION, 20.0, 100.0)
    # At n = 400 the limits are 16.08/23.92 (95%) and 13.82/26.18 (99.8%), as worked above.
    assert compare.funnel_positions(*args, [20, 24, 27, 15, 13, None, 20], [400] * 6 + [None]) == [
        compare.INSIDE, compare.BETWEEN_HIGH, compare.OUTSIDE_HIGH, compare.BETWEEN_LOW, compare.OUTSIDE_LOW,
        None, None,
    ]  # fmt: skip
    # The same 24% at n = 100 (95% limits 12.16 to 27.84) is within: a small PCT is judged fairly.
    assert compare.funnel_position(*args, 24, 100) == compare.INSIDE


def test_bars_are_in_value_order_with_missing_values_last_and_no_rank():
    rows = [SimpleNamespace(value=v, organisation=SimpleNamespace(name=n)) for v, n in
            [(3.0, "C"), (None, "B"), (1.0, "Z"), (1.0, "A"), (2.0, "D"), (None, "A2")]]  # fmt: skip
    ordered = compare.by_value(rows)
    assert [(r.value, r.organisation.name) for r in ordered] == [
        (1.0, "A"), (1.0, "Z"), (2.0, "D"), (3.0, "C"), (None, "A2"), (None, "B"),
    ]  # fmt: skip
    assert not any(hasattr(r, "rank") for r in ordered)


@pytest.mark.parametrize(
    ("comparison", "colour", "words", "css", "tag"),
    [
        (Comparison.BETTER, palette.GREEN, "better than England", "app-cmp--better", "govuk-tag--green"),
        (Comparison.SIMILAR, palette.YELLOW, "similar to England", "app-cmp--similar", "govuk-tag--yellow"),
        (Comparison.WORSE, palette.RED, "worse than England", "app-cmp--worse", "govuk-tag--red"),
        (Comparison.HIGHER, palette.BLUE, "higher than England", "app-cmp--higher", "govuk-tag--blue"),
        (Comparison.LOWER, palette.BLUE, "lower than England", "app-cmp--lower", "govuk-tag--blue"),
        (Comparison.NOT_TESTED, palette.MID_GREY, "not tested", "app-cmp--not-tested", "govuk-tag--grey"),
    ],
)
def test_each_comparison_has_one_colour_and_its_words(comparison, colour, words, css, tag):
    assert compare.comparison_colour(comparison) == colour
    assert compare.comparison_words(comparison) == words
    assert compare.comparison_css(comparison) == css
    assert COMPARISON_TAG[comparison] == tag  # the tables' tag matches the chart's colour family


def test_no_comparison_is_grey_and_not_tested():
    assert compare.comparison_colour(None) == palette.MID_GREY
    assert compare.comparison_words("") == "not tested"
    assert set(compare.LEGEND_ORDER) == set(Comparison.values)


def test_an_sha_value_is_its_pcts_counts_aggregated_only_when_every_pct_has_them():
    # (30 + 50) / (200 + 300) * 100 = 16%; never the mean of 15% and 16.7%.
    assert compare.aggregate_value([(30, 200), (50, 300)], 100.0) == pytest.approx(16.0)
    assert compare.aggregate_value([(30, 200), (None, 300)], 100.0) is None
    assert compare.aggregate_value([], 100.0) is None
    assert compare.aggregate_value([(30, 200)], None) is None
