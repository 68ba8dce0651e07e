"""Forms of the competencies app: a competency's self-assessment and an evidence upload (GOV.UK patterns)."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms
from django.conf import settings

from assurance.fields import TEXT_MAX_LENGTH, RealDateField
from evidence import filecheck
from evidence.forms import CompletionForm

LEVEL_CHOICES = [(n, f"Level {n}") for n in range(1, 5)]


class CompetencyForm(CompletionForm):
    """The PCT's level for one competency, why, and what it will do next."""

    level = forms.TypedChoiceField(
        choices=LEVEL_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        label="Level",
        help_text="Choose the level that best describes the PCT today.",
    )
    narrative = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        label="Narrative",
        help_text="Why this level, with the evidence for it, and what the PCT will do next.",
    )
    field_order = ["level", "narrative", "evidence", "completed", "version"]
    needed_for_completion = ("level", "narrative")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self.layout(
            Field.radios("level", legend_size=Size.MEDIUM, inline=True),
            Field.textarea("narrative", label_size=Size.MEDIUM, max_characters=TEXT_MAX_LENGTH),
        )


class EvidenceForm(forms.Form):
    """An evidence document: the file, its title, the date it speaks for, and what it supports."""

    title = forms.CharField(max_length=200, label="Title", help_text="For example, Board minutes, March 2009")
    file = forms.FileField(
        label="Document",
        widget=forms.FileInput(attrs={"class": "govuk-file-upload"}),
        error_messages={"required": "Select a document to upload", "empty": "The selected file is empty"},
    )
    document_date = RealDateField(
        label="Date of the document",
        help_text="The date the document speaks for, for example 31/3/2009.",
        input_formats=["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d %m %Y"],
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": "Enter the date of the document as day/month/year, for example 31/3/2009"},
    )
    competencies = forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple, label="Competencies it supports"
    )
    governance_areas = forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple, label="Governance areas it supports"
    )

    def __init__(self, *args, assessment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competencies"].queryset = assessment.cycle.competencies.all()
        self.fields["governance_areas"].queryset = assessment.cycle.governance_areas.all()
        self.fields["competencies"].label_from_instance = lambda c: f"{c.number}. {c.short_name}"
        self.fields["governance_areas"].label_from_instance = lambda a: a.name
        limit = settings.EVIDENCE_MAX_BYTES // (1024 * 1024)
        self.fields["file"].help_text = f"{filecheck.ALLOWED_HINT}, up to {limit} MB."
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("title"),
            Field("file"),
            Field.text("document_date", field_width=10),
            Field.checkboxes("competencies", legend_size=Size.SMALL, small=True),
            Field.checkboxes("governance_areas", legend_size=Size.SMALL, small=True),
            Submit("upload", "Upload"),
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        upload.seek(0)
        head = upload.read(8192)
        upload.seek(0)
        try:
            self.checked = filecheck.check(upload.name, head, upload.size, settings.EVIDENCE_MAX_BYTES)
        except filecheck.Refused as refused:
            raise forms.ValidationError(str(refused)) from None
        return upload
