"""`{% outcome_chart card %}`: a scorecard card's Plotly figure as JSON, drawn only when the page needs it.

Inside the card's cached fragment, the figure is built only when the fragment is rendered, not on every request.
"""

from django import template
from django.utils.safestring import mark_safe

from .. import charts

register = template.Library()


@register.simple_tag
def outcome_chart(card: dict) -> str:
    return mark_safe(charts.outcome_figure(card["row"], card["plan"]))  # safe_json escapes <, > and &
