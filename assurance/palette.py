"""The GOV.UK Design System colours the charts use, by name: one palette for the outcomes, panels and national charts.

Values from govuk-frontend's colour palette (https://design-system.service.gov.uk/styles/colour/).
"""

BLUE = "#1d70b8"
DARK_BLUE = "#003078"
LIGHT_BLUE = "#5694ca"
PALE_BLUE = "#b7d3e9"  # a tint of blue, for the lowest level
BLACK = "#0b0c0c"
DARK_GREY = "#505a5f"
MID_GREY = "#b1b4b6"
GREEN = "#00703c"
RED = "#d4351c"
ORANGE = "#f47738"
YELLOW = "#ffdd00"
