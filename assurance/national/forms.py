"""Forms of the national app: publish a cycle's ready report cards (with an optional embargo), withdraw some."""

from datetime import datetime

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Fixed, Layout, Size
from django import forms
from django.utils import timezone

from assurance.fields import SHORT_TEXT_MAX_LENGTH, LongTextField


class PublishForm(forms.Form):
    """Publish now, or from a set date and time (the embargo)."""

    embargo_date = forms.DateField(
        required=False,
        label="Embargo date (optional)",
        help_text="Leave blank to publish now. For example, 2010-06-30",
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    embargo_time = forms.TimeField(
        required=False,
        label="Embargo time (optional)",
        help_text="24-hour clock, UK time, for example 09:30",
        input_formats=["%H:%M"],
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False  # the page's own <form> holds the CSRF token
        self.helper.layout = Layout(
            Field.text("embargo_date", field_width=Fixed.TEN),
            Field.text("embargo_time", field_width=Fixed.FIVE),
            Button.primary("publish", "Continue"),
        )

    def clean(self):
        data = super().clean()
        day, time = data.get("embargo_date"), data.get("embargo_time")
        if day and not time:
            self.add_error("embargo_time", "Enter the time the embargo ends")
        elif time and not day:
            self.add_error("embargo_date", "Enter the date the embargo ends")
        elif day and time:
            moment = timezone.make_aware(datetime.combine(day, time))
            if moment <= timezone.now():
                self.add_error("embargo_date", "The embargo must end in the future; leave it blank to publish now")
            data["visible_from"] = moment
        return data


class WithdrawForm(forms.Form):
    """Withdraw the report cards of all published PCTs, or of those chosen, saying why."""

    ALL, CHOSEN = "all", "chosen"

    which = forms.ChoiceField(
        label="Which report cards?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select which report cards to withdraw"},
    )
    pcts = forms.MultipleChoiceField(
        required=False,
        label="PCTs to withdraw",
        help_text="Only when withdrawing some: select each PCT whose report card should come down.",
        widget=forms.CheckboxSelectMultiple,
    )
    reason = LongTextField(
        max_length=SHORT_TEXT_MAX_LENGTH,
        label="Why are they being withdrawn?",
        help_text="Kept with the publication record and in each PCT's activity log.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the report cards are being withdrawn"},
    )

    def __init__(self, *args, published: list, **kwargs):
        """`published`: the lines (code, name) of the PCTs that may be chosen."""
        super().__init__(*args, **kwargs)
        self.fields["pcts"].choices = [(line.code, f"{line.name} ({line.code})") for line in published]
        self.fields["which"].choices = [
            (self.ALL, f"All {len(published)} published report cards"),
            (self.CHOSEN, "Only the PCTs I select"),
        ]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.radios("which", legend_size=Size.SMALL),
            Field.checkboxes("pcts", legend_size=Size.SMALL, small=True),
            Field.textarea("reason"),
            Button.warning("withdraw", "Continue"),
        )

    def clean(self):
        data = super().clean()
        if data.get("which") == self.CHOSEN and not data.get("pcts"):
            self.add_error("pcts", "Select at least one PCT whose report card should be withdrawn")
        if data.get("which") == self.ALL:
            data["pct_codes"] = [code for code, _ in self.fields["pcts"].choices]
        else:
            data["pct_codes"] = data.get("pcts") or []
        return data


class ModerationNoteForm(forms.Form):
    """DH's note on one SHA's agreed ratings of one competency."""

    text = LongTextField(
        max_length=SHORT_TEXT_MAX_LENGTH,
        label="Moderation note",
        help_text="What the comparison shows and what was agreed with the SHA. The SHA's lead reads it.",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the moderation note"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)  # the note's version the form was loaded with

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(Field.textarea("text"), Field("version"), Button.primary("save", "Save note"))


class ModerationSignOffForm(forms.Form):
    """DH signs off moderation of a cycle, with any notes on the whole."""

    notes = LongTextField(
        required=False,
        max_length=SHORT_TEXT_MAX_LENGTH,
        label="Notes on the moderation (optional)",
        help_text="For example what was discussed with the SHAs flagged. Kept with the sign-off.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(Field.textarea("notes"), Button.primary("sign_off", "Sign off moderation"))
