"""The fast floatformat gives exactly the text of Django's, for every value and argument the templates use."""

from decimal import Decimal

from django.template import Context, Template
from django.template.defaultfilters import floatformat as django_floatformat
from hypothesis import example, given, settings
from hypothesis import strategies as st

from assurance.templatetags.numbers import floatformat

ARGS = [0, 1, 2, 3, "2g", "0g", "1", "2", "-1", "-3", "2u", "g", -1]
NUMBERS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=-1e6, max_value=1e6).map(lambda x: round(x, 4)),
    st.integers(min_value=-(10**25), max_value=10**25),
    st.decimals(allow_nan=False, allow_infinity=False, places=5, min_value=-(10**9), max_value=10**9),
)


@settings(max_examples=3000, deadline=None)
@given(value=NUMBERS, arg=st.sampled_from(ARGS))
@example(value=2.675, arg=2)  # a half that binary floats store just below
@example(value=-0.001, arg=2)  # rounds to zero: no minus sign
@example(value=-0.5, arg=0)
@example(value=1234567.891, arg="2g")
@example(value=Decimal("-0.000"), arg=1)
@example(value=1e300, arg=2)
def test_the_same_text_as_djangos_floatformat(value, arg):
    assert floatformat(value, arg) == django_floatformat(value, arg)


def test_other_values_are_handed_to_django():
    for value in (None, "", "12.345", "not a number", True):
        assert floatformat(value, 2) == django_floatformat(value, 2)


def test_templates_use_it_in_place_of_the_builtin():
    rendered = Template("{{ x|floatformat:2 }} {{ y|floatformat:'2g' }} {{ z|floatformat:2|default:'-' }}").render(
        Context({"x": 2.675, "y": 1234567.891, "z": None})
    )
    assert rendered == "2.68 1,234,567.89 -"
    assert Template("{{ x|floatformat:2 }}").engine.template_builtins[-1].filters["floatformat"] is floatformat
