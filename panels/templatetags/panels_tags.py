"""Template tags of the panels app: ratings, rating fields, and the upcoming review days for the SHA home page."""

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from assurance import access

from .. import selectors

register = template.Library()
NOT_RATED = mark_safe('<span class="govuk-hint app-inline-hint">not rated</span>')  # a constant


@register.inclusion_tag("panels/_upcoming.html", takes_context=True)
def upcoming_review_days(context, organisation, cycle):
    """The signed-in member's upcoming review days, and the set-up link for the SHA lead."""
    user = context["request"].user
    setup = None
    if organisation is not None and cycle is not None and access.can(user, access.SET_UP_PANEL, organisation):
        setup = reverse("panels:setup", kwargs={"sha_code": organisation.code, "cycle_code": cycle.code})
    days = selectors.upcoming_review_days(user)
    return {"review_days": days, "panel_setup_url": setup, "seated": bool(days) or user.panel_seats.exists()}


@register.simple_tag
def rating(value, kind: str = "competency"):
    """A level ("Level 3") or a RAG tag, or "not rated": the one way ratings show on panel pages.

    `value` is a level, a RAG, or a rating object (its level for a competency, its RAG for a governance area).
    """
    if hasattr(value, "level"):
        value = value.level if kind == "competency" else value.rag
    if value is None or value == "":
        return NOT_RATED
    if kind == "governance":
        return format_html('<strong class="app-rag app-rag--{}">{}</strong>', value, str(value).capitalize())
    return f"Level {value}"


@register.simple_tag
def options(bound_field):
    """The <option>s of a rating select, the bound value selected (one tag rather than a loop per row)."""
    current = str(bound_field.value() or "")
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (value, mark_safe(" selected") if str(value) == current else "", label)
            for value, label in bound_field.field.choices
        ),
    )


_ERRORS = '<p class="govuk-error-message" id="{}-error"><span class="govuk-visually-hidden">Error:</span> {}</p>'


def _group(bound_field, label: str, item: str, control: str, *, error_group: bool) -> str:
    """A GOV.UK form group: label, errors beside the field, then the control (its HTML, already escaped)."""
    errors = bound_field.errors
    return format_html(
        '<div class="govuk-form-group{}">\n'
        '  <label class="govuk-label govuk-label--s" for="{}">{}'
        '<span class="govuk-visually-hidden"> for {}</span></label>\n'
        "  {}\n  {}\n</div>",
        " govuk-form-group--error" if error_group else "",
        bound_field.auto_id,
        label,
        item,
        format_html_join("", _ERRORS, ((bound_field.auto_id, error) for error in errors)),
        control,
    )


@register.simple_tag
def rating_fields(row, value_label: str, text_label: str, disabled: bool = False):
    """One rating's select (level or RAG) and text (notes or rationale), with their errors beside them.

    Written here rather than as an included template: the pack and the workspace show one per item, and this is
    several times faster to render.
    """
    value, text = row.value_field, row.text_field
    written = text.value()
    off = mark_safe(" disabled") if disabled else ""  # a constant

    def described(field):
        return format_html(' aria-describedby="{}-error"', field.auto_id) if field.errors else ""

    select = format_html(
        '<select class="govuk-select{}" id="{}" name="{}"{}{}>\n    {}\n  </select>',
        " govuk-select--error" if value.errors else "", value.auto_id, value.html_name, described(value), off,
        options(value),
    )  # fmt: skip
    textarea = format_html(
        '<textarea class="govuk-textarea{}" rows="2" id="{}" name="{}"{}{}>{}</textarea>',
        " govuk-textarea--error" if text.errors else "", text.auto_id, text.html_name, described(text), off,
        "" if written is None else written,
    )  # fmt: skip
    parts = [
        _group(value, value_label, row.label, select, error_group=bool(value.errors or text.errors)),
        _group(text, text_label, row.label, textarea, error_group=bool(text.errors)),
    ]
    if row.version_field:
        parts.append(_hidden(row.version_field))
    return mark_safe("\n".join(parts))  # every part is escaped above


def _hidden(bound_field) -> str:
    """The field as Django's HiddenInput writes it, without rendering the widget's templates."""
    value = bound_field.value()
    given = "" if value is None or value == "" else format_html(' value="{}"', value)
    return format_html('<input type="hidden" name="{}"{} id="{}">', bound_field.html_name, given, bound_field.auto_id)
