"""The development plan's part of an assessment's activity log: recommendations, actions, notes and comments."""

from assurance.activity import ActivityEntry, from_history, shown

from .choices import NoteKind, Priority, Status
from .models import Action, ActionNote, Recommendation

REC_FIELDS = {
    "text": shown("Recommendation"),
    "priority": shown("Priority", lambda v: Priority(v).label if v else ""),
    "report_id": shown("Signed off", lambda v: "Yes" if v else ""),
}
ACTION_FIELDS = {
    "text": shown("What will be done"),
    "owner_id": shown("Owner", lambda v: ""),  # replaced by names below
    "due_date": shown("Due date", lambda v: f"{v:%d %B %Y}" if v else ""),
    "measure": shown("Measure of success"),
    "status": shown("Status", lambda v: Status(v).label if v else ""),
    "dropped_reason": shown("Reason for dropping it"),
}
NOTE_FIELDS = {"text": shown("Text")}


def _action_fields(records) -> dict:
    from django.contrib.auth import get_user_model

    ids = {r.owner_id for r in records}
    names = {u.pk: u.get_full_name() or u.username for u in get_user_model().objects.filter(pk__in=ids)}
    return ACTION_FIELDS | {"owner_id": shown("Owner", lambda v: names.get(v, ""))}


def _action_entries(records) -> list[ActivityEntry]:
    records = list(records)
    return from_history(records, fields=_action_fields(records), subject=lambda r: f"Development plan action {r.id}")


def _note_entries(records) -> list[ActivityEntry]:
    kinds = dict(NoteKind.choices)
    return from_history(records, fields=NOTE_FIELDS, subject=lambda r: f"{kinds[r.kind]} on action {r.action_id}")


def entries(assessment) -> list[ActivityEntry]:
    recs = (
        Recommendation.history.filter(assessment_id=assessment.pk)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    action_ids = Action.objects.filter(recommendation__assessment=assessment).values("pk")
    actions = (
        Action.history.filter(id__in=action_ids)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    notes = (
        ActionNote.history.filter(action_id__in=action_ids)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    return [
        *from_history(recs, fields=REC_FIELDS, subject=lambda r: f"Recommendation {r.number}"),
        *_action_entries(actions),
        *_note_entries(notes),
    ]


def action_history(action: Action) -> list[ActivityEntry]:
    """One action's changes, notes and comments, newest first (the action page)."""
    records = action.history.select_related("history_user").order_by("history_date", "history_id")
    notes = ActionNote.history.filter(action_id=action.pk).select_related("history_user").order_by("id", "history_date")
    found = _action_entries(records) + _note_entries(notes)
    return sorted(found, key=lambda entry: entry.when, reverse=True)
