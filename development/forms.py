"""Forms of the development app: a recommendation, an action, an action's update and an SHA comment."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Submit
from django import forms
from django.utils import timezone

from assurance.fields import SHORT_TEXT_MAX_LENGTH, LongTextField
from evidence.forms import EvidenceChoiceField
from evidence.models import Evidence

from . import access
from .choices import Priority, Status

SHORT = forms.Textarea(attrs={"rows": 3})
DATE = forms.DateInput(attrs={"type": "date", "class": "govuk-input govuk-input--width-10"}, format="%Y-%m-%d")


def _helper(label: str, name: str = "save") -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit(name, label))
    return helper


class RecommendationForm(forms.Form):
    """One recommendation: its text, what it concerns (a competency, a governance area or the whole PCT), priority."""

    text = LongTextField(label="Recommendation", max_length=SHORT_TEXT_MAX_LENGTH)
    concerns = forms.ChoiceField(label="What it concerns", required=False)
    priority = forms.ChoiceField(choices=Priority.choices, initial=Priority.MEDIUM, widget=forms.RadioSelect)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = {f"c{c.pk}": c for c in cycle.competencies.all()} | {
            f"g{a.pk}": a for a in cycle.governance_areas.all()
        }
        competencies = [(k, f"Competency {c.number}: {c.short_name}") for k, c in self.items.items() if k[0] == "c"]
        areas = [(k, a.name) for k, a in self.items.items() if k[0] == "g"]
        self.fields["concerns"].choices = [
            ("", "The PCT as a whole"),
            ("Competencies", competencies),
            ("Governance", areas),
        ]
        self.fields["text"].error_messages["required"] = "Enter the recommendation"
        self.helper = _helper("Save recommendation")

    def item(self) -> dict:
        chosen = self.items.get(self.cleaned_data.get("concerns") or "")
        key = self.cleaned_data.get("concerns") or ""
        return {"competency": chosen if key.startswith("c") else None, "area": chosen if key.startswith("g") else None}


class ActionForm(forms.Form):
    """What the PCT lead sets for an action."""

    text = LongTextField(label="What will be done", max_length=SHORT_TEXT_MAX_LENGTH)
    owner = forms.ModelChoiceField(queryset=None, label="Owner", empty_label="Choose a person")
    due_date = forms.DateField(label="Due date", widget=DATE)
    measure = LongTextField(label="Measure of success", max_length=SHORT_TEXT_MAX_LENGTH)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = access.pct_people(organisation)
        self.fields["owner"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.fields["owner"].error_messages |= {
            "required": "Choose the action's owner",
            "invalid_choice": f"Choose a person of {organisation.name}",
        }
        self.fields["text"].error_messages["required"] = "Enter what will be done"
        self.fields["measure"].error_messages["required"] = "Enter how you will know the action has succeeded"
        self.fields["due_date"].error_messages |= {"required": "Enter the due date", "invalid": "Enter a real date"}
        self.helper = _helper("Save action")


class UpdateForm(forms.Form):
    """Where an action stands: what the PCT's people record as it goes."""

    status = forms.ChoiceField(choices=Status.choices, widget=forms.RadioSelect)
    dropped_reason = LongTextField(
        label="Reason for dropping it",
        required=False,
        max_length=SHORT_TEXT_MAX_LENGTH,
        help_text="Needed if you drop the action",
        widget=SHORT,
    )
    note = LongTextField(label="Progress note", required=False, max_length=SHORT_TEXT_MAX_LENGTH, widget=SHORT)
    evidence = EvidenceChoiceField(queryset=Evidence.objects.none(), required=False, label="Evidence")
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].queryset = Evidence.objects.filter(assessment__organisation=organisation)
        self.fields["evidence"].help_text = (
            "Documents in the PCT's evidence store. Select all that apply."
            if self.fields["evidence"].queryset.exists()
            else "No evidence has been uploaded yet: upload it on the self-assessment's evidence page."
        )
        self.fields["status"].error_messages["required"] = "Choose a status"
        self.helper = _helper("Save update")

    def clean(self):
        data = super().clean()
        if data.get("status") == Status.DROPPED and not (data.get("dropped_reason") or "").strip():
            self.add_error("dropped_reason", "Give the reason for dropping this action")
        return data


class CommentForm(forms.Form):
    text = LongTextField(label="Your comment", max_length=SHORT_TEXT_MAX_LENGTH, widget=SHORT)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].error_messages["required"] = "Enter your comment"
        self.helper = _helper("Add comment", "comment")


class MinuteChoiceField(forms.ModelChoiceField):
    widget = forms.RadioSelect

    def label_from_instance(self, obj: Evidence) -> str:
        return f"{obj.title} ({obj.document_date:%d %B %Y})"


class BoardSignOffForm(forms.Form):
    """The board meeting that approved the self-assessment and trajectories, and its minute."""

    meeting_date = forms.DateField(label="Date of the board meeting", widget=DATE)
    minute_reference = forms.CharField(
        label="Minute reference", max_length=100, widget=forms.TextInput(attrs={"class": "govuk-input--width-20"})
    )
    minute = MinuteChoiceField(queryset=Evidence.objects.none(), label="The minute", empty_label=None)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, assessment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["minute"].queryset = assessment.evidence.all()
        self.fields["minute"].help_text = (
            "Choose the document in the PCT's evidence that is the minute."
            if self.fields["minute"].queryset.exists()
            else "No evidence has been uploaded yet: upload the minute on the evidence page first."
        )
        self.fields["meeting_date"].error_messages |= {
            "required": "Enter the date of the board meeting",
            "invalid": "Enter a real date",
        }
        self.fields["minute_reference"].error_messages["required"] = "Enter the minute reference"
        self.fields["minute"].error_messages |= {
            "required": "Choose the document that is the board's minute",
            "invalid_choice": "The document you chose was removed: choose another",
        }
        self.helper = _helper("Save")

    def clean_meeting_date(self):
        value = self.cleaned_data["meeting_date"]
        if value > timezone.localdate():
            raise forms.ValidationError("The board meeting must be today or in the past")
        return value
