"""Form fields shared by every app: free text with the product's length limits, set here and nowhere else.

The limits keep every page and the report's PDF quick to render (a PDF at the limits renders in seconds; see
tests/panels/test_long_text.py): longer material belongs in an evidence document.
"""

import calendar
import re

from django import forms
from django.core.exceptions import ValidationError

# Sections of a report, narratives, commentaries, needs: about two and a half pages of A4 each.
TEXT_MAX_LENGTH = 10_000
# Text kept beside one item or one action (a rating's notes or rationale, a comment, a reason): about half a page.
SHORT_TEXT_MAX_LENGTH = 2_000


class LongTextField(forms.CharField):
    """A text area that refuses more than TEXT_MAX_LENGTH characters (or `max_length`) with a message by the field."""

    def __init__(self, *, max_length: int | None = None, widget=forms.Textarea, **kwargs):
        max_length = max_length or TEXT_MAX_LENGTH  # a model's TextField passes None
        messages = {
            "max_length": f"Enter {max_length:,} characters or fewer (this has %(show_value)s)",
            **kwargs.pop("error_messages", {}),
        }
        super().__init__(max_length=max_length, widget=widget, error_messages=messages, **kwargs)


def impossible_date(text: str, day_first: bool = True, year_first: bool = True) -> str:
    """Why `text`, shaped like a date, is not one ("" when it is not shaped like a date or is a real one).

    31/2/2009 is shaped like a date, but February 2009 has 28 days: the person is told that, not only that the
    date is not valid. `day_first` reads day/month/year (31/2/2009, 31 2 09); `year_first` reads 2009-02-31.
    """
    text = text.strip()
    found = None
    if day_first and (m := re.fullmatch(r"(\d{1,2})[/. -](\d{1,2})[/. -](\d{2}|\d{4})", text)):
        found = int(m[1]), int(m[2]), int(m[3])
    elif year_first and (m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)):
        found = int(m[3]), int(m[2]), int(m[1])
    if found is None:
        return ""
    day, month, year = found
    year = year + 2000 if year < 69 else year + 1900 if year < 100 else year  # as %y reads two digits
    if not 1 <= month <= 12:
        return f"There is no month {month}: the month must be a number from 1 to 12"
    if year < 1:
        return "The year must be a real year, like 2009"
    days = calendar.monthrange(year, month)[1]
    name = calendar.month_name[month]
    if day == 0:
        return f"The day must be a number from 1 to {days}"
    if day > days:
        return f"{day} {name} {year} does not exist: {name} {year} has {days} days"
    return ""


class RealDateField(forms.DateField):
    """A date typed as text; one that does not exist (31/2/2009) is refused saying why, not only that it is wrong."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError:
            formats = [str(f) for f in self.input_formats]
            reason = impossible_date(
                str(value),
                day_first=any(f.startswith("%d") for f in formats),
                year_first=any(f.startswith("%Y") for f in formats),
            )
            if reason:
                raise ValidationError(reason, code="invalid") from None
            raise
