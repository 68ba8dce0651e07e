"""Form fields shared by every app: free text with one length limit for the whole product."""

from django import forms

# The longest free text (report sections, narratives, rationales, notes, comments) a form accepts. A page of A4 holds
# about 4,000 characters, so this is several pages: longer text belongs in an evidence document.
TEXT_MAX_LENGTH = 20_000


class LongTextField(forms.CharField):
    """A text area that refuses more than TEXT_MAX_LENGTH characters with a message next to the field."""

    def __init__(self, *, max_length: int | None = None, widget=forms.Textarea, **kwargs):
        max_length = max_length or TEXT_MAX_LENGTH  # a model's TextField passes None
        messages = {
            "max_length": f"Enter {max_length:,} characters or fewer (this has %(show_value)s)",
            **kwargs.pop("error_messages", {}),
        }
        super().__init__(max_length=max_length, widget=widget, error_messages=messages, **kwargs)
