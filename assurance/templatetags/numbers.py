"""A faster `floatformat` for the numbers this service shows (a built-in library: see TEMPLATES in settings).

Tables of indicator values call `floatformat` hundreds of times a page, and Django's version looks up the locale's
formats on each call. This one gives the same text (tests/assurance/test_numbers.py compares the two) for what
the templates pass it, ints, floats and Decimals with a fixed number of places (`:2`, `:"2g"`), and hands anything
else (strings, `:"-3"`, `u`, very long numbers, infinities) to Django's.
"""

from decimal import ROUND_HALF_UP, Context, Decimal

from django import template
from django.template import defaultfilters

register = template.Library()

_QUANTUM = {places: Decimal(1).scaleb(-places) for places in range(10)}
_CONTEXT = Context(prec=100)
_ARGS: dict = {}


def _parse(arg) -> tuple[int, bool] | None:
    """(places, grouped) for an argument the fast path takes: 0 to 9 places, optionally with the 'g' suffix."""
    if arg not in _ARGS:
        text = str(arg)
        grouped = text.endswith("g")
        digits = text[:-1] if grouped else text
        _ARGS[arg] = (int(digits), grouped) if digits.isdigit() and int(digits) in _QUANTUM else None
    return _ARGS[arg]


@register.filter(is_safe=True)
def floatformat(value, arg=-1):
    parsed = _parse(arg)
    if parsed is None or type(value) not in (float, int, Decimal):
        return defaultfilters.floatformat(value, arg)
    number = Decimal(str(value))
    if not number.is_finite() or len(number.as_tuple().digits) + abs(number.adjusted()) > 60:
        return defaultfilters.floatformat(value, arg)  # infinities, NaN and very long numbers
    places, grouped = parsed
    rounded = number.quantize(_QUANTUM[places], ROUND_HALF_UP, _CONTEXT)
    if not rounded:
        rounded = abs(rounded)  # no "-0.00"
    return format(rounded, ",f" if grouped else "f")
