"""Form fields shared by every app: free text with the product's length limits, set here and nowhere else.

The limits keep every page and the report's PDF quick to render (a PDF at the limits renders in seconds; see
tests/panels/test_long_text.py): longer material belongs in an evidence document.
"""

from django import forms

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
