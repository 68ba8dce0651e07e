"""The parts of a self-assessment form that link evidence: shared by the competencies and governance forms."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Hidden, Layout, Size, Submit
from django import forms

from .models import Evidence


class EvidenceChoiceField(forms.ModelMultipleChoiceField):
    """Evidence documents of one assessment, shown by title and date."""

    widget = forms.CheckboxSelectMultiple
    default_error_messages = {
        "invalid_choice": (
            "A document you ticked was removed after you opened this page: check the evidence and save again"
        )
    }

    def label_from_instance(self, obj: Evidence) -> str:
        return f"{obj.title} ({obj.document_date:%d %B %Y})"


class CompletionForm(forms.Form):
    """Shared parts of the self-assessment forms: linked evidence, 'completed' and the version loaded."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    evidence = EvidenceChoiceField(
        queryset=Evidence.objects.none(), required=False, label="Evidence", help_text="Select all that apply."
    )
    completed = forms.BooleanField(required=False, label="Mark this as completed")
    needed_for_completion: tuple[str, ...] = ()

    def __init__(self, *args, assessment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].queryset = assessment.evidence.all()
        if not self.fields["evidence"].queryset.exists():
            self.fields["evidence"].help_text = "No evidence has been uploaded yet."

    def clean(self):
        data = super().clean()
        if data.get("completed"):
            for name in self.needed_for_completion:
                if not data.get(name) and name not in self.errors:
                    label = self.fields[name].label.lower()
                    self.add_error(name, f"Give the {label} before marking this as completed")
        return data

    def layout(self, *fields) -> FormHelper:
        helper = FormHelper()
        helper.layout = Layout(
            *fields,
            Field.checkboxes("evidence", legend_size=Size.SMALL, small=True),
            Field.checkbox("completed"),
            Hidden("version", self["version"].value()),
            Submit("save", "Save"),
        )
        return helper
