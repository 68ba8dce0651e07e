"""Forms of partner feedback: inviting a partner, and the partner's short form."""

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size, Submit
from django import forms

from assurance.fields import SHORT_TEXT_MAX_LENGTH, LongTextField

from .choices import DONT_KNOW, PartnerType

LEVEL_CHOICES = [
    Choice("1", "Level 1", hint="Early days: little of this is in place yet."),
    Choice("2", "Level 2", hint="Developing: in place in parts."),
    Choice("3", "Level 3", hint="Good: in place and working."),
    Choice("4", "Level 4", hint="World class: among the best commissioners."),
    Choice(DONT_KNOW, "Don't know", hint="You have not seen enough of this to say."),
]


class InvitationForm(forms.Form):
    name = forms.CharField(max_length=120, label="Partner's name", help_text="The person who will answer")
    email = forms.EmailField(max_length=254, label="Email address", help_text="Their link is sent here")
    partner_type = forms.ChoiceField(
        choices=PartnerType.choices,
        widget=forms.RadioSelect,
        label="Type of partner",
        error_messages={"required": "Choose the type of partner"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = "Enter the partner's name"
        self.fields["email"].error_messages |= {
            "required": "Enter the partner's email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        }
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("name"),
            Field.text("email", autocomplete="off", spellcheck="false"),
            Field.radios("partner_type", legend_size=Size.SMALL),
            Submit("invite", "Invite and send the link"),
        )


class ResponseForm(forms.Form):
    """For each competency asked about: a level 1 to 4 or don't know (required), and an optional comment."""

    def __init__(self, *args, competencies, pct_name: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.competencies = competencies
        parts = []
        for c in competencies:
            level, comment = f"level_{c.pk}", f"comment_{c.pk}"
            self.fields[level] = forms.ChoiceField(
                choices=LEVEL_CHOICES,
                widget=forms.RadioSelect,
                label=f"How well does {pct_name} do this?",
                error_messages={"required": f"Choose a level for {c.short_name}, or don't know"},
            )
            self.fields[comment] = LongTextField(
                max_length=SHORT_TEXT_MAX_LENGTH,
                required=False,
                label="Comment (optional)",
                help_text="What you have seen that tells you this",
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            parts.append(
                Fieldset(
                    Field.radios(level, legend_size=Size.SMALL),
                    Field.textarea(comment, max_characters=SHORT_TEXT_MAX_LENGTH),
                    legend=f"{c.number}. {c.short_name}: {c.description}",
                    legend_size=Size.MEDIUM,
                )
            )
        self.helper = FormHelper()
        self.helper.layout = Layout(*parts, Submit("action", "Continue"))

    def answers(self) -> dict[int, tuple[int | None, str]]:
        """Competency id -> (level or None for don't know, comment), from cleaned data."""
        found = {}
        for c in self.competencies:
            value = self.cleaned_data[f"level_{c.pk}"]
            found[c.pk] = (None if value == DONT_KNOW else int(value), self.cleaned_data[f"comment_{c.pk}"].strip())
        return found

    def review(self) -> list[tuple]:
        """(competency, level label, comment) for the check-your-answers page."""
        labels = {str(choice.value): choice.label for choice in LEVEL_CHOICES}
        return [
            (c, labels[self.cleaned_data[f"level_{c.pk}"]], self.cleaned_data[f"comment_{c.pk}"].strip())
            for c in self.competencies
        ]
