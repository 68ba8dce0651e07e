"""Forms of the partnership pages."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size, Submit
from django import forms

from assurance.fields import LongTextField, RealDateField
from outcomes import pooled
from outcomes.choices import LegalBasis

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class PartnershipImportForm(forms.Form):
    """A CSV of partnerships to import whole."""

    file = forms.FileField(
        label="Partnerships file",
        help_text="CSV with columns pct_ods_code, council_ons_code, population_share, coterminous",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError("The selected file must be a CSV (.csv)")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The selected file must be smaller than 2 MB")
        return upload


class CouncilChoiceField(forms.ModelMultipleChoiceField):
    """Partner councils as checkboxes, by name."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.code})"


class JointOutcomeForm(forms.Form):
    """The partner councils a priority outcome is shared with."""

    councils = CouncilChoiceField(
        queryset=None, required=False, label="Councils this outcome is shared with", help_text="Select all that apply."
    )

    def __init__(self, *args, councils, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["councils"].queryset = councils
        self.helper = FormHelper()
        self.helper.layout = Layout(Field.checkboxes("councils", legend_size=Size.MEDIUM), Submit("save", "Save"))


class CommentForm(forms.Form):
    """A council partner's comment on a joint outcome."""

    text = forms.CharField(label="Your comment", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()  # the error summary reads its settings


class JointNeedsAssessmentForm(forms.Form):
    """A PCT's joint strategic needs assessment with its partner councils."""

    title = forms.CharField(max_length=200, label="Title")
    assessment_date = RealDateField(
        label="Date the assessment speaks for",
        help_text="For example, 2009-03-31",
        input_formats=["%Y-%m-%d"],
        # A plain text input (styled like the others) shows a saved date as str() does, 2009-06-30: the format the
        # field accepts, so a saved date saves again unchanged.
        widget=forms.TextInput,
        error_messages={"invalid": "Enter a real date, like 2009-03-31"},
    )
    councils = CouncilChoiceField(queryset=None, label="Partner councils it was written with")
    document = forms.ModelChoiceField(
        queryset=None, required=False, label="Document", help_text="Choose from the PCT's uploaded evidence."
    )
    needs = LongTextField(
        label="Needs it names", help_text="One need on each line.", widget=forms.Textarea(attrs={"rows": 6})
    )
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, councils, documents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["councils"].queryset = councils
        self.fields["document"].queryset = documents
        self.helper = FormHelper()
        self.helper.form_tag = False  # the page's own <form> holds the CSRF token
        self.helper.layout = Layout(
            Field.text("title"),
            Field.text("assessment_date", field_width=10),
            Field.checkboxes("councils", legend_size=Size.SMALL),
            Field.select("document"),
            Field.textarea("needs"),
            Field("version"),
            Submit("save", "Save"),
        )

    def clean_needs(self) -> list[str]:
        needs = [line.strip() for line in self.cleaned_data["needs"].splitlines() if line.strip()]
        if not needs:
            raise forms.ValidationError("Enter at least one need")
        return needs


class PooledBudgetForm(forms.Form):
    """A pooled budget of a PCT and its partner councils, with each partner's contribution in each year."""

    name = forms.CharField(max_length=200, label="Name of the arrangement")
    legal_basis = forms.ChoiceField(choices=LegalBasis.choices, widget=forms.RadioSelect, label="Legal basis")
    services = LongTextField(label="Services it covers", widget=forms.Textarea(attrs={"rows": 3}))
    councils = CouncilChoiceField(queryset=None, required=False, label="Partner councils in the pooled budget")
    outcomes = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Outcomes it is meant to improve",
        help_text="Without one, the partnership report flags the arrangement as having no measurable outcome.",
    )

    def __init__(self, *args, pct, councils, indicators, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["councils"].queryset = councils
        self.fields["outcomes"].queryset = indicators
        self.amount_fields = []  # (field name, partner code, year)
        for partner in [pct, *councils]:
            for year in years:
                name = f"amount_{partner.code}_{year}"
                label = f"{partner.name}, {year} (£)"
                self.fields[name] = forms.CharField(
                    required=False, label=label, widget=forms.TextInput(attrs={"inputmode": "decimal"})
                )
                self.amount_fields.append((name, partner.code, year))
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("name"),
            Field.radios("legal_basis", legend_size=Size.SMALL),
            Field.textarea("services"),
            Field.checkboxes("councils", legend_size=Size.SMALL),
            Field.checkboxes("outcomes", legend_size=Size.SMALL, small=True),
            Fieldset(
                *[Field.text(name, field_width=10) for name, _, _ in self.amount_fields],
                legend="Contributions in pounds (leave blank where a partner gives nothing that year)",
                legend_size=Size.SMALL,
            ),
            Submit("save", "Save pooled budget"),
        )

    def clean(self):
        data = super().clean()
        for name, _, _ in self.amount_fields:
            text = (data.get(name) or "").strip()
            if text and (problem := pooled.amount_problem(text)):
                self.add_error(name, problem)
        councils = data.get("councils")
        if councils is not None and not councils:
            self.add_error("councils", "A pooled budget needs at least two partners: choose a partner council")
        return data

    def contributions(self) -> list[tuple[str, str, str]]:
        """The (partner code, year, amount) of every filled amount of a chosen partner."""
        chosen = {c.code for c in self.cleaned_data["councils"]}
        first = self.amount_fields[0][1] if self.amount_fields else None
        return [
            (code, year, self.cleaned_data[name].strip())
            for name, code, year in self.amount_fields
            if self.cleaned_data.get(name, "").strip() and (code == first or code in chosen)
        ]
