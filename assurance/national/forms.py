"""Forms of the national app: publish a cycle (with an optional embargo) and withdraw it."""

from datetime import datetime

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Fixed, Layout
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
    seen = forms.CharField(required=False, widget=forms.HiddenInput)  # the publication the page showed
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
            Field("seen"),
            Button.primary("publish", "Publish the cycle"),
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
    """Withdraw a cycle's publication, saying why."""

    reason = LongTextField(
        max_length=SHORT_TEXT_MAX_LENGTH,
        label="Why is the publication being withdrawn?",
        help_text="Kept with the publication record.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the publication is being withdrawn"},
    )
    seen = forms.CharField(required=False, widget=forms.HiddenInput)  # the publication the page showed

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.textarea("reason"), Field("seen"), Button.warning("withdraw", "Withdraw publication")
        )
