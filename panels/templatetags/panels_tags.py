"""Template tags of the panels app for other apps' pages (the SHA home page)."""

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from assurance import access

from .. import selectors

register = template.Library()
NOT_RATED = mark_safe('<span class="govuk-hint app-inline-hint">not rated</span>')  # noqa: S308 - a constant


@register.inclusion_tag("panels/_upcoming.html", takes_context=True)
def upcoming_review_days(context, organisation, cycle):
    """The signed-in member's upcoming review days, and the set-up link for the SHA lead."""
    user = context["request"].user
    setup = None
    if organisation is not None and cycle is not None and access.can(user, access.REOPEN, organisation):
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
        ),  # noqa: S308
    )
