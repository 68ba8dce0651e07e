"""Forms of the partnership pages."""

from django import forms

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class PartnershipImportForm(forms.Form):
    """A CSV of partnerships to import whole."""

    file = forms.FileField(
        label="Partnerships file",
        help_text="CSV with columns pct_ods_code, council_ons_code, population_share, coterminous",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError("The selected file must be a CSV (.csv)")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The selected file must be smaller than 2 MB")
        return upload
