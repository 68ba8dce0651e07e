"""Forms of the panels app: panel set-up, review days, provisional and agreed ratings, the report text."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Layout, Submit
from django import forms
from django.contrib.auth import get_user_model

from assurance.fields import SHORT_TEXT_MAX_LENGTH, LongTextField
from governance.choices import Rag

from . import services
from .choices import LEVELS
from .models import PanelMember, ReviewDay
from .services import Entry

LEVEL_CHOICES = [("", "Not rated")] + [(str(n), label) for n, label in LEVELS]
RAG_CHOICES = [("", "Not rated")] + list(Rag.choices)


def _person(user) -> str:
    return user.get_full_name() or user.username


class PanelMemberForm(forms.Form):
    """Seat one of the SHA's people on the panel as a member: never the chair (`ChairForm` changes that)."""

    user = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(),
        label="Person",
        help_text=(
            "The SHA's people not yet on this panel. Someone without a panel role is given the panel member role."
        ),
        error_messages={
            "required": "Choose the person to add to the panel",
            "invalid_choice": "Choose one of the SHA's people who is not yet on the panel",
        },
    )
    external = forms.BooleanField(required=False, label="External member (from outside the SHA)")

    def __init__(self, *args, panel, **kwargs):
        super().__init__(*args, **kwargs)
        people = services.sha_people(panel)
        if panel.pk:
            people = people.exclude(panel_seats__panel=panel)
        self.fields["user"].queryset = people
        self.fields["user"].label_from_instance = _person
        self.helper = FormHelper()
        self.helper.add_input(Submit("add_member", "Add to the panel"))


class ChairForm(forms.Form):
    """Choose which member of the panel chairs it; `current` is the chair the SHA lead was shown (0: none)."""

    user = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(),
        label="Who will chair the panel?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose who will chair the panel",
            "invalid_choice": "Choose a member of the panel who is not its chair now",
        },
    )
    current = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, panel, **kwargs):
        super().__init__(*args, **kwargs)
        seated = panel.members.filter(is_chair=False) if panel.pk else PanelMember.objects.none()
        self.fields["user"].queryset = (
            get_user_model().objects.filter(panel_seats__in=seated).order_by("last_name", "first_name", "username")
        )
        self.fields["user"].label_from_instance = _person
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.add_input(Submit("choose", "Continue"))


class DataPackForm(forms.Form):
    data_pack_url = forms.URLField(
        required=False,
        label="Link to the SHA's data pack",
        assume_scheme="https",
        widget=forms.TextInput(attrs={"inputmode": "url", "class": "govuk-input"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("save_data_pack", "Save the link", css_class="govuk-button--secondary"))


DATE = forms.DateInput(attrs={"type": "date", "class": "govuk-input govuk-input--width-10"}, format="%Y-%m-%d")


class ReviewDayForm(forms.ModelForm):
    """The date, place and the PCT's attendees of one review day."""

    class Meta:
        model = ReviewDay
        fields = ["date", "place", "attendees", "factual_accuracy_until"]
        widgets = {"date": DATE, "factual_accuracy_until": DATE}
        field_classes = {"attendees": LongTextField}
        labels = {"factual_accuracy_until": "Factual-accuracy comments close on"}
        error_messages = {
            "date": {"required": "Enter the date of the review day", "invalid": "Enter a real date"},
            "place": {"required": "Enter where the review day takes place"},
            "factual_accuracy_until": {"invalid": "Enter a real date"},
        }

    def clean(self):
        data = super().clean()
        day, until = data.get("date"), data.get("factual_accuracy_until")
        if day and until and until < day:
            self.add_error("factual_accuracy_until", "The comment period must close on or after the review day")
        return data

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Save review day"))


class RatingsForm(forms.Form):
    """One value and one text per item: provisional (level/RAG and notes) or agreed (with rationale and version)."""

    def __init__(self, *args, rows, agreed: bool = False, commentary=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows, self.agreed = rows, agreed
        self.helper = FormHelper()  # for {% error_summary %}; the fields are laid out by the panel templates
        for row in rows:
            choices = LEVEL_CHOICES if row.kind == "competency" else RAG_CHOICES
            current = row.agreed if agreed else row.own
            value = (current.level if row.kind == "competency" else current.rag) if current else ""
            text = (current.rationale if agreed else current.notes) if current else ""
            self.fields[f"v_{row.key}"] = forms.ChoiceField(choices=choices, required=False, initial=value or "")
            self.fields[f"t_{row.key}"] = LongTextField(required=False, initial=text, max_length=SHORT_TEXT_MAX_LENGTH)
            if agreed:
                version = current.version if current else 0
                self.fields[f"ver_{row.key}"] = forms.IntegerField(
                    initial=version, required=False, widget=forms.HiddenInput
                )
        if agreed and commentary is not None:
            self.fields["commentary"] = LongTextField(
                required=False, initial=commentary.outcomes_commentary, label="Outcomes commentary"
            )
            self.fields["commentary_version"] = forms.IntegerField(
                initial=commentary.commentary_version, required=False, widget=forms.HiddenInput
            )

    def clean(self):
        data = super().clean()
        for row in self.rows if self.agreed else ():
            if data.get(f"v_{row.key}") and not (data.get(f"t_{row.key}") or "").strip():
                self.add_error(f"t_{row.key}", f"Give the rationale for the agreed rating of {row.label}")
        return data

    def bind_rows(self) -> None:
        """Hang each row's bound fields on the row, for the table templates."""
        for row in self.rows:
            row.value_field, row.text_field = self[f"v_{row.key}"], self[f"t_{row.key}"]
            row.version_field = self[f"ver_{row.key}"] if self.agreed else None

    def entries(self) -> dict[str, Entry]:
        data = self.cleaned_data
        return {
            row.key: Entry(
                value=(
                    int(data[f"v_{row.key}"])
                    if row.kind == "competency" and data[f"v_{row.key}"]
                    else data[f"v_{row.key}"]
                ),
                text=data[f"t_{row.key}"].strip(),
                version=data.get(f"ver_{row.key}") or 0,
            )
            for row in self.rows
        }

    def commentary_entry(self) -> Entry | None:
        if "commentary" not in self.fields:
            return None
        return Entry(text=self.cleaned_data["commentary"].strip(), version=self.cleaned_data["commentary_version"] or 0)


class ReportForm(forms.Form):
    """The text of a draft report version, and the partners' comments it quotes (`quotes`: the PCT's quotable
    comments, `feedback.results.Quote`; none, no such field)."""

    strengths = LongTextField(required=False)
    areas_for_development = LongTextField(required=False, label="Areas for development")
    potential_for_improvement = LongTextField(required=False, label="Potential for improvement")
    recommendations = LongTextField(required=False)
    outcomes_summary = LongTextField(required=False, label="Outcomes summary")
    changes = LongTextField(
        required=False,
        label="What this version changes",
        help_text="Required for a corrected version",
    )
    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, corrected: bool = False, quotes=(), **kwargs):
        super().__init__(*args, **kwargs)
        if not corrected:
            del self.fields["changes"]
        self.quote_groups: list[dict] = []
        if quotes:
            self.fields["partner_quotes"] = forms.MultipleChoiceField(
                required=False,
                choices=[(q.key, q.text) for q in quotes],
                widget=forms.CheckboxSelectMultiple,
                label="Quote what partners said",
                error_messages={"invalid_choice": "Choose comments from those shown: %(value)s is not one of them"},
            )
            for quote in quotes:  # grouped by competency, for the page's checkboxes (`_partner_quotes_field.html`)
                if not self.quote_groups or self.quote_groups[-1]["number"] != quote.competency:
                    self.quote_groups.append({"number": quote.competency, "name": quote.name, "quotes": []})
                self.quote_groups[-1]["quotes"].append(quote)
        self.helper = FormHelper()
        text = [name for name in self.fields if name not in ("revision", "partner_quotes")]
        self.helper.layout = Layout(*text, "revision", HTML('{% include "panels/_partner_quotes_field.html" %}'))
        self.helper.add_input(Submit("save", "Save draft"))

    @property
    def quotes_chosen(self) -> set[str]:
        """The keys ticked: as posted, or as the draft saved them."""
        if "partner_quotes" not in self.fields:
            return set()
        if self.is_bound:
            return set(self.data.getlist("partner_quotes"))
        return set(self.initial.get("partner_quotes", []))


class CommentForm(forms.Form):
    text = LongTextField(label="Your comment on factual accuracy")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("comment", "Send comment"))
