"""Template tags of the panels app: ratings and rating fields, from values already read (no queries)."""

import hashlib
from typing import NamedTuple

from django import template
from django.core.cache import caches
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from assurance import fragments

from .. import movement as moves

register = template.Library()
FRAGMENT_SECONDS = 60 * 60
NOT_RATED = mark_safe('<span class="govuk-hint app-inline-hint">not rated</span>')  # a constant


@register.filter
def css_string(value) -> str:
    """A value as a quoted CSS string, for the PDF's running footer written inside <style>.

    A stylesheet is raw text: HTML escaping there prints "&amp;" literally ("Ashton, Leigh &amp; Wigan PCT"), and
    it would not stop a quote or "</style>" in a name. CSS escapes (backslash and the hex code) do both.
    """
    escaped = "".join(
        f"\\{ord(ch):x} " if ch in '"\\<>' or ord(ch) < 0x20 or ord(ch) == 0x7F else ch for ch in str(value)
    )
    return mark_safe(f'"{escaped}"')  # every character that could end the string or the stylesheet is escaped


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


def _member_name(member) -> str:
    user = member.user
    return user.get_full_name() or user.username


class _Field(NamedTuple):
    """What a rating's form field shows, as plain values: the bound field's id, name, value, errors and choices.

    It answers what `rating_fields` asks of a bound field (`.auto_id`, `.html_name`, `.value()`, `.errors`,
    `.field.choices`)."""

    auto_id: str
    html_name: str
    current: object
    errors: tuple
    choices: tuple

    @classmethod
    def of(cls, bound_field):
        if bound_field is None:
            return None
        choices = tuple(getattr(bound_field.field, "choices", ()))
        errors = tuple(str(error) for error in bound_field.errors)
        return cls(bound_field.auto_id, bound_field.html_name, bound_field.value(), errors, choices)

    def value(self):
        return self.current

    @property
    def field(self):
        return self


class _RowView(NamedTuple):
    """Everything a workspace row shows, as plain values: the row's HTML is a function of this alone."""

    kind: str
    label: str
    notes: tuple  # (member's name, text)
    self_value: object
    others: tuple  # each member's provisional level or RAG (None: not rated)
    revealed: bool
    spread: int | None
    wide: bool
    value_field: _Field | None  # None: the agreed rating is shown, not offered for editing
    text_field: _Field | None
    version_field: _Field | None
    agreed: object  # the agreed level or RAG as saved (None: not rated)
    rationale: str

    @classmethod
    def of(cls, row, editable: bool = True):
        field = "level" if row.kind == "competency" else "rag"
        agreed = row.agreed
        return cls(
            row.kind, row.label, tuple((_member_name(m), text) for m, text in row.notes), row.self_value,
            tuple(None if rating is None else getattr(rating, field) for _, rating in row.others),
            row.revealed, row.spread, row.wide,
            _Field.of(row.value_field) if editable else None, _Field.of(row.text_field) if editable else None,
            _Field.of(row.version_field) if editable else None,
            None if agreed is None else (getattr(agreed, field) or None), agreed.rationale if agreed else "",
        )  # fmt: skip


# The exact types whose repr() is their whole content (not subclasses: a SafeString renders unescaped).
_PLAIN = frozenset({str, int, float, bool, type(None)})


def _row_key(view: _RowView, value_label: str, editable: bool) -> str:
    """The cache key of a row: a digest of its values written out by repr() when they are all plain values in
    tuples (named tuples write their type and field names too), else the fragment cache's general fingerprint.
    The general walk over the same values cost more than rendering the row did."""
    values = (view, value_label, editable)
    if isinstance(value_label, SafeString):  # a label written in the template: safe text, shown as it is
        values = (view, ("safe", value_label.encode().decode()), editable)  # the text as a plain str
    pending = [values]
    while pending:
        value = pending.pop()
        if type(value) in _PLAIN:
            continue
        if isinstance(value, tuple):
            pending.extend(value)
            continue
        return f"workspace-row:{fragments.code_version()}:{fragments.fingerprint(*values)}"
    digest = hashlib.blake2b(repr(values).encode(), digest_size=20).hexdigest()
    return f"workspace-row:{fragments.code_version()}:r:{digest}"


_NOTE = '<p class="govuk-body-s"><strong>{}:</strong> {}</p>'
_NOTES = (
    '<details class="govuk-details govuk-!-margin-top-2 govuk-!-margin-bottom-0">'
    '<summary class="govuk-details__summary"><span class="govuk-details__summary-text">Members\' notes</span>'
    '</summary>\n      <div class="govuk-details__text govuk-body-s">{}</div></details>'
)
_CELL = '\n  <td class="govuk-table__cell">{}</td>\n  '
_HIDDEN = mark_safe('<span class="govuk-hint">hidden until you rate it</span>')  # a constant
_WIDE = '{} <strong class="govuk-tag govuk-tag--orange">Differ by {}</strong>'
_ROW = (
    '<tr class="govuk-table__row{}">\n'
    '  <th scope="row" class="govuk-table__header">{}\n    {}</th>\n'
    '  <td class="govuk-table__cell">{}</td>\n  {}\n'
    '  <td class="govuk-table__cell">{}</td>\n'
    '  <td class="govuk-table__cell app-workspace__agreed">{}</td>\n</tr>\n'
)


@register.simple_tag
def workspace_row(row, value_label: str, editable: bool = True):
    """One row of the review-day workspace's grid: the item and members' notes, the PCT's rating, each member's
    provisional rating (or "hidden"), the spread, and the chair's agreed rating and rationale: fields to fill in
    when `editable` (the chair, while the review is open), otherwise the rating and rationale as saved, as text.

    Rendered in Python from the plain values it shows (`_RowView`), and kept in the fragment cache under their
    fingerprint (assurance/fragments.py): a page has a row per item and a cell per member, and their template
    lookups and escapes were most of the page's time. What a row shows changes its key, so nothing is stale.
    """
    view = _RowView.of(row, editable)
    key = _row_key(view, value_label, editable)
    store = caches[fragments.ALIAS]
    html = store.get(key)
    if html is None:
        html = _workspace_row_html(view, value_label)
        store.set(key, html, FRAGMENT_SECONDS)
    return mark_safe(html)  # escaped by _workspace_row_html


_AGREED = '<p class="govuk-body govuk-!-margin-bottom-1"><span class="govuk-visually-hidden">{}: </span>{}</p>'
_RATIONALE = '<p class="govuk-body-s app-rationale">{}</p>'


def _agreed_text(row: _RowView, value_label: str) -> str:
    """The agreed rating and rationale as saved, read only."""
    rationale = format_html(_RATIONALE, row.rationale) if row.rationale else mark_safe("")  # a constant
    return format_html(_AGREED, value_label, rating(row.agreed, row.kind)) + rationale


def _workspace_row_html(row: _RowView, value_label: str) -> str:
    notes = ""
    if row.notes:
        notes = format_html(_NOTES, format_html_join("", _NOTE, row.notes))
    shown = (conditional_escape(rating(value, row.kind)) if row.revealed else _HIDDEN for value in row.others)
    cells = mark_safe("".join(_CELL.format(cell) for cell in shown))  # each cell is escaped above
    if row.spread is None:
        spread = "-"
    else:
        spread = format_html(_WIDE, row.spread, row.spread) if row.wide else conditional_escape(row.spread)
    return format_html(
        _ROW,
        " app-spread-wide" if row.wide else "",
        row.label,
        notes,
        rating(row.self_value, row.kind),
        cells,
        spread,
        rating_fields(row, value_label, "Rationale") if row.value_field else _agreed_text(row, value_label),
    )


MOVEMENT_TAG = {"up": "govuk-tag--green", "same": "govuk-tag--grey", "down": "govuk-tag--red", "new": "govuk-tag--blue"}


@register.simple_tag
def movement(value):
    """Up, same, down or new since the previous cycle, as a tag with its word (never colour alone)."""
    if not value:
        return ""
    return format_html('<strong class="govuk-tag {}">{}</strong>', MOVEMENT_TAG[value], moves.LABELS[value])
