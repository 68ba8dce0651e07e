"""Forms of the outcomes app."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Fieldset, Fixed, Layout
from django import forms

from .importing import NOT_NEGATIVE
from .intervals import normalise_unit
from .models import PLAN_YEARS

MAX_UPLOAD_BYTES = 50 * 2**20  # about 500,000 rows of values; the file is kept with its import job


def _decimal(label: str, required: bool = True) -> forms.FloatField:
    # GOV.UK advises a text input with a numeric keyboard, not type=number.
    return forms.FloatField(
        label=label,
        required=required,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={"required": f"Enter a value for {label.lower()}", "invalid": f"{label} must be a number"},
    )


class ChooseOutcomesForm(forms.Form):
    """Which indicators the PCT chooses as priority outcomes."""

    indicators = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, error_messages={"invalid_choice": "Choose from the list"}
    )
    fingerprint = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicators"].choices = choices


class TrajectoryForm(forms.Form):
    """The baseline and the value aimed for in each year of the five-year plan."""

    updated_at = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, plan_years: list[str], unit: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = normalise_unit(unit)
        self.fields["baseline"] = _decimal("Baseline")
        self.fields["baseline"].help_text = f"Unit: {unit}"
        for i, year in enumerate(plan_years[:PLAN_YEARS], start=1):
            self.fields[f"year_{i}"] = _decimal(f"Aim for {year}")
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "updated_at",
            Field.text("baseline", field_width=Fixed.TEN),
            Fieldset(
                *[Field.text(f"year_{i}", field_width=Fixed.TEN) for i in range(1, PLAN_YEARS + 1)], legend="Trajectory"
            ),
            Button("submit", "Save outcome"),
        )

    def clean(self):
        """A percentage lies from 0 to 100; a rate or a count is never below 0 (as an import checks its values)."""
        cleaned = super().clean()
        for name, field in self.fields.items():
            value = cleaned.get(name)
            if name == "updated_at" or value is None:
                continue
            if self.unit == "%" and not 0 <= value <= 100:
                self.add_error(name, f"{field.label} must be a percentage from 0 to 100, like 72.5")
            elif self.unit in NOT_NEGATIVE and value < 0:
                self.add_error(name, f"{field.label} cannot be negative: {NOT_NEGATIVE[self.unit]} is 0 or more")
        return cleaned

    @property
    def trajectory(self) -> list[float]:
        return [self.cleaned_data[f"year_{i}"] for i in range(1, PLAN_YEARS + 1)]


class UploadForm(forms.Form):
    """A CSV or Excel file of indicator values."""

    file = forms.FileField(
        label="Upload a file of indicator values",
        help_text="CSV (UTF-8) or Excel (.xlsx) with the columns indicator_code, org_code, period, value and, "
        "optionally, numerator, denominator, lower_ci, upper_ci.",
        error_messages={"required": "Select a CSV or Excel file"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(Field("file"), Button("submit", "Upload and import"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("The selected file must be a CSV or an Excel (.xlsx) file")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(f"The selected file must be smaller than {MAX_UPLOAD_BYTES // 2**20} MB")
        return upload
