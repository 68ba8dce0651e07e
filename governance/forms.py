"""The red/amber/green self-declaration form of a governance area."""

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Size
from django import forms

from assurance.fields import TEXT_MAX_LENGTH
from evidence.forms import CompletionForm

from .choices import Rag

RAG_CHOICES = [
    Choice(Rag.GREEN, "Green", hint="In place and working; the board has assured itself of it."),
    Choice(Rag.AMBER, "Amber", hint="In place with gaps the board knows of and is acting on."),
    Choice(Rag.RED, "Red", hint="Missing or not working."),
]


class DeclarationForm(CompletionForm):
    """The PCT's rating of one governance area and its commentary."""

    rag = forms.ChoiceField(choices=RAG_CHOICES, required=False, widget=forms.RadioSelect, label="Rating")
    commentary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        label="Commentary",
        help_text="What the rating rests on, and what the board is doing about any gap.",
    )
    field_order = ["rag", "commentary", "evidence", "completed", "version"]
    needed_for_completion = ("rag", "commentary")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self.layout(
            Field.radios("rag", legend_size=Size.MEDIUM),
            Field.textarea("commentary", label_size=Size.MEDIUM, max_characters=TEXT_MAX_LENGTH),
        )
