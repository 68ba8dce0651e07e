"""Writes of the panels app: panel set-up, provisional and agreed ratings, the review, reports and comments."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from assurance import access, history
from assurance.choices import SHA_ROLES, Action, Role, State
from assurance.models import Membership
from assurance.services import assessment_get_or_start, assessment_transition
from assurance.workflow import TransitionRefused
from feedback import selectors as feedback_selectors

from . import selectors
from .choices import ReportState
from .models import (
    AgreedRating,
    FactualAccuracyComment,
    Panel,
    PanelMember,
    ProvisionalRating,
    Report,
    ReportImmutable,
    ReviewDay,
)
from .signals import report_signed_off

RATING_STATES = (State.SUBMITTED, State.IN_REVIEW)


class Conflict(Exception):
    """Someone else saved the same thing first: their values are kept and the caller is told which items."""

    def __init__(self, keys: list[str]):
        self.keys = keys
        super().__init__("Someone else saved these since you opened the page: " + ", ".join(keys))


@dataclass
class Entry:
    """A value posted for one item: a level (competency) or RAG (governance area), its text, and the version seen."""

    value: object = None
    text: str = ""
    version: int = 0


def item_fields(key: str) -> dict:
    return {"competency_id": int(key[1:])} if key.startswith("c") else {"area_id": int(key[1:])}


def _value_fields(key: str, value) -> dict:
    return {"level": value or None, "rag": ""} if key.startswith("c") else {"level": None, "rag": value or ""}


def _require_sha_lead(by, panel: Panel) -> None:
    access.require(by, access.SET_UP_PANEL, panel.sha)


def _name(user) -> str:
    return user.get_full_name() or user.username


def _grant_panel_role(panel: Panel, user, role: str) -> bool:
    """Give the person the panel role at the SHA when they do not hold it (a seat needs it to rate); True if given."""
    _, created = Membership.objects.get_or_create(user=user, organisation=panel.sha, role=role)
    return created


def sha_people(panel: Panel):
    """The SHA's people (anyone holding an SHA role there), for seating on its panel."""
    return (
        get_user_model()
        .objects.filter(memberships__organisation=panel.sha, memberships__role__in=list(SHA_ROLES))
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


@transaction.atomic
def panel_member_add(*, panel: Panel, user, external: bool, by) -> PanelMember:
    """Seat one of the SHA's people on the panel as a member (the SHA lead only). It never changes the chair
    (`panel_chair_change` does that). A person without a panel role at the SHA is given the panel member role,
    without which the seat could not rate; one the SHA records as an external member sits as external."""
    _require_sha_lead(by, panel)
    if not sha_people(panel).filter(pk=user.pk).exists():
        raise ValidationError(f"{_name(user)} is not one of {panel.sha.name}'s people.")
    if panel.members.filter(user=user).exists():
        raise ValidationError(f"{_name(user)} is already on the panel.")
    needs_role = not Membership.objects.filter(
        user=user, organisation=panel.sha, role__in=[Role.PANEL_MEMBER, Role.PANEL_CHAIR]
    ).exists()
    external = external or Membership.objects.filter(user=user, organisation=panel.sha, external=True).exists()
    seat = PanelMember.objects.create(panel=panel, user=user, is_chair=False, external=external)
    seat.role_given = needs_role and _grant_panel_role(panel, user, Role.PANEL_MEMBER)  # type: ignore[attr-defined]
    return seat


@dataclass
class ChairChange:
    old: PanelMember | None
    new: PanelMember
    role_given: bool


@transaction.atomic
def panel_chair_change(*, panel: Panel, user, current_chair_id: int | None, by) -> ChairChange:
    """Make a member of the panel its chair; the chair before stays on the panel as a member (the SHA lead only).

    `current_chair_id` is the user the SHA lead was told chairs now (None: no chair): if the chair changed since,
    nothing changes and they are told. The new chair is given the panel chair role at the SHA if they lack it (a
    chair's seat needs it to record agreed ratings and sign off).
    """
    _require_sha_lead(by, panel)
    members = {m.user_id: m for m in PanelMember.objects.select_for_update().filter(panel=panel)}
    old = next((m for m in members.values() if m.is_chair), None)
    if (old.user_id if old else None) != current_chair_id:
        raise ValidationError(
            "The chair changed since you opened this page: "
            + (f"{_name(old.user)} chairs the panel now." if old else "the panel has no chair now.")
            + " Check and choose again."
        )
    new = members.get(user.pk)
    if new is None:
        raise ValidationError(f"{_name(user)} is not on the panel: add them as a member first.")
    if new.is_chair:
        raise ValidationError(f"{_name(user)} already chairs the panel.")
    if old is not None:
        old.is_chair = False
        old.save(update_fields=["is_chair"])  # first: one chair per panel (panel_one_chair)
    new.is_chair = True
    new.save(update_fields=["is_chair"])
    return ChairChange(old, new, _grant_panel_role(panel, user, Role.PANEL_CHAIR))


def panel_member_remove(*, member: PanelMember, by) -> None:
    """Take a person off the panel (the SHA lead only); their provisional ratings stay on record."""
    _require_sha_lead(by, member.panel)
    member.delete()


def panel_for(*, sha, cycle, by) -> Panel:
    """The SHA's panel for the cycle, created on the SHA lead's first change to it."""
    access.require(by, access.SET_UP_PANEL, sha)
    panel, _ = Panel.objects.get_or_create(sha=sha, cycle=cycle)
    return panel


def panel_data_pack_save(*, panel: Panel, by, url: str) -> None:
    """Set the link to the SHA's data pack for the panel (SHA lead)."""
    _require_sha_lead(by, panel)
    panel.data_pack_url = url
    panel.save(update_fields=["data_pack_url"])


def panel_problems(panel: Panel) -> list[str]:
    """What the panel still lacks: a chair and at least one external member (a panel not yet set up lacks both)."""
    members = list(panel.members.all()) if panel.pk else []
    problems = [] if any(m.is_chair for m in members) else ["The panel has no chair."]
    return problems + ([] if any(m.external for m in members) else ["The panel has no external member."])


def review_day_set(*, panel: Panel, pct, by, **fields) -> ReviewDay:
    """Set a PCT's review day, starting its assessment in draft if the PCT has not (SHA lead)."""
    _require_sha_lead(by, panel)
    assessment = assessment_get_or_start(organisation=pct, cycle=panel.cycle)
    return review_day_save(panel=panel, assessment=assessment, by=by, **fields)


def review_day_save(*, panel: Panel, assessment, by, **fields) -> ReviewDay:
    """Set or change a PCT's review day: date, place, attendees and the factual-accuracy window (SHA lead)."""
    _require_sha_lead(by, panel)
    if assessment.organisation.parent_id != panel.sha_id or assessment.cycle_id != panel.cycle_id:
        raise ValidationError("That PCT is not reviewed by this panel.")
    day, _ = ReviewDay.objects.update_or_create(assessment=assessment, defaults={"panel": panel, **fields})
    return day


def provisional_ratings_save(*, review_day: ReviewDay, by, entries: dict[str, Entry]) -> int:
    """Record the member's own provisional ratings and notes (their own rows only, so members never collide).

    Returns how many items now carry a rating or a note.
    """
    if not access.can(by, access.RATE_PROVISIONAL, review_day.assessment.organisation) or not (
        review_day.panel.members.filter(user=by).exists()
    ):
        raise PermissionDenied("Only members of this panel record provisional ratings.")
    if review_day.assessment.state not in RATING_STATES:
        raise ValidationError("Provisional ratings can be recorded only before the report is signed off.")
    saved, withdrawn = 0, []
    with transaction.atomic():
        current = {
            r.item_key: r
            for r in ProvisionalRating.objects.select_for_update().filter(review_day=review_day, member=by)
        }
        for key, entry in entries.items():
            rating = current.get(key)
            if rating is not None and selectors.rated(rating) and not entry.value:
                withdrawn.append(key)  # its rating revealed the colleagues' ones: it may change, not go
                continue
            if not entry.value and not entry.text:
                if rating is not None:  # cleared: no empty rows, and the history records the removal
                    history.record(rating, by=by)
                    rating.delete()
                continue
            rating = rating or ProvisionalRating(review_day=review_day, member=by, **item_fields(key))
            rating.level, rating.rag = _value_fields(key, entry.value).values()
            rating.notes = entry.text
            history.record(rating, by=by).save()
            saved += 1
        if withdrawn:
            raise ValidationError(
                "You have seen your colleagues' provisional ratings of "
                + "; ".join(selectors.item_labels(review_day.assessment.cycle, withdrawn))
                + ": you can change your rating but not withdraw it."
            )  # leaving the block by an exception undoes this save's other changes
    return saved


def before_review_day(review_day: ReviewDay | None, action: str) -> str:
    """Why `action` ("opened", "signed off") must wait for the review day, or "" once the day has come."""
    if review_day is None or timezone.localdate() >= review_day.date:
        return ""
    return (
        f"The review day is {review_day.date:%-d %B %Y}: the review can be {action} on or after that day, not before."
    )


def review_open(*, review_day: ReviewDay, by):
    """The chair opens the panel review of a submitted self-assessment (submitted -> in review), on or after the
    review day: never before it."""
    early = before_review_day(review_day, "opened")
    if early:
        raise TransitionRefused(early)
    return assessment_transition(assessment=review_day.assessment, action=Action.OPEN_REVIEW, by=by)


def agreed_editable(assessment) -> bool:
    """Agreed ratings change during the review, or while a corrected report version is being drafted."""
    if assessment.state == State.IN_REVIEW:
        return True
    return (
        assessment.state in (State.REPORTED, State.PUBLISHED)
        and assessment.reports.filter(state=ReportState.DRAFT).exists()
    )


def _save_agreed(assessment, key: str, entry: Entry, by) -> bool:
    """Write one agreed rating if it changed; raise Conflict when the version seen is stale."""
    current = AgreedRating.objects.select_for_update().filter(assessment=assessment, **item_fields(key)).first()
    values = _value_fields(key, entry.value)
    if current is None:
        if not entry.value and not entry.text:
            return False
        if entry.version:
            raise Conflict([key])
        try:
            with transaction.atomic():
                AgreedRating.objects.create(
                    assessment=assessment, **item_fields(key), **values, rationale=entry.text, recorded_by=by
                )
        except IntegrityError:
            raise Conflict([key]) from None
        return True
    if (current.level, current.rag, current.rationale) == (values["level"], values["rag"], entry.text):
        return False
    if current.version != entry.version:
        raise Conflict([key])
    current.level, current.rag, current.rationale = values["level"], values["rag"], entry.text
    current.recorded_by, current.version = by, current.version + 1
    current.save()
    return True


def agreed_ratings_save(
    *, review_day: ReviewDay, by, entries: dict[str, Entry], commentary: Entry | None = None
) -> int:
    """The chair records agreed ratings and the outcomes commentary; stale versions refuse the whole save."""
    assessment = review_day.assessment
    access.require(by, access.RATE_AGREED, assessment.organisation)
    if not review_day.panel.members.filter(user=by, is_chair=True).exists():
        raise PermissionDenied("Only the panel chair records agreed ratings.")
    if not agreed_editable(assessment):
        raise ValidationError("Agreed ratings can be recorded only while the review is open.")
    unexplained = [key for key, entry in entries.items() if entry.value and not (entry.text or "").strip()]
    if unexplained:
        labels = {row.key: row.label for row in selectors._items(assessment.cycle)}
        names = ", ".join(labels.get(key, key) for key in unexplained)
        raise ValidationError(f"Give the rationale for the agreed rating of {names}")
    conflicts, changed = [], 0
    with transaction.atomic():
        for key, entry in entries.items():
            try:
                changed += _save_agreed(assessment, key, entry, by)
            except Conflict as conflict:
                conflicts += conflict.keys
        if commentary is not None:
            day = ReviewDay.objects.select_for_update().get(pk=review_day.pk)
            if day.outcomes_commentary != commentary.text:
                if day.commentary_version != commentary.version:
                    conflicts.append("commentary")
                else:
                    day.outcomes_commentary, day.commentary_version = commentary.text, day.commentary_version + 1
                    day.save(update_fields=["outcomes_commentary", "commentary_version"])
                    changed += 1
        if conflicts:
            raise Conflict(conflicts)  # leaving the block by an exception undoes this save's other changes
    return changed


def report_current(*, assessment, by) -> Report:
    """The report version the chair is writing: the open draft, or version 1 created on first use."""
    access.require(by, access.RATE_AGREED, assessment.organisation)
    draft = assessment.reports.filter(state=ReportState.DRAFT).first()
    if draft:
        return draft
    if assessment.reports.exists():
        return assessment.reports.order_by("-version").first()
    commentary = getattr(getattr(assessment, "review_day", None), "outcomes_commentary", "")
    return Report.objects.create(assessment=assessment, version=1, outcomes_summary=commentary)


REPORT_FIELDS = [
    "strengths",
    "areas_for_development",
    "potential_for_improvement",
    "recommendations",
    "outcomes_summary",
    "changes",
]


def report_save(*, report: Report, by, revision: int, quote_keys: list[str] | None = None, **fields) -> Report:
    """Save the draft report's text; refused once signed off, and told when someone saved it since.

    `quote_keys` (when given): the partners' comments the report quotes, by their keys among the PCT's quotable
    comments (`feedback.selectors.quotable_comments`: this PCT's, where the pack shows them); any other key is
    refused with ValidationError and nothing is saved.
    """
    access.require(by, access.RATE_AGREED, report.assessment.organisation)
    if quote_keys is not None:
        quotable = {q.key: q for q in feedback_selectors.quotable_comments(report.assessment)}
        if set(quote_keys) - set(quotable):
            raise ValidationError("Choose comments from those partners made of this PCT.")
        fields["partner_quotes"] = [q.as_dict() for key, q in quotable.items() if key in set(quote_keys)]
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if locked.is_signed_off:
            raise ReportImmutable(f"Version {locked.version} is signed off and cannot change: make a new version.")
        if locked.revision != revision:
            raise Conflict(["report"])
        for name in [*REPORT_FIELDS, "partner_quotes"]:
            if name in fields:
                setattr(locked, name, fields[name])
        locked.revision += 1
        locked.save()
    return locked


def sign_off_problems(report: Report) -> list[str]:
    """What stops a draft version being signed off now (empty: it can be): the review day not yet come, agreed
    ratings missing (named), a corrected version without its note of what changed."""
    assessment = report.assessment
    early = before_review_day(ReviewDay.objects.filter(assessment=assessment).first(), "signed off")
    problems = [early] if early else []
    missing = selectors.missing_agreed(assessment)
    if missing:
        problems.append("Record an agreed rating for: " + "; ".join(missing) + ".")
    if report.previous_id and not report.changes.strip():
        problems.append("Say what this version changed before signing it off.")
    return problems


def report_sign_off(*, report: Report, by) -> Report:
    """Sign off a draft version, on or after the review day: refused while any agreed rating is missing; version 1
    moves the PCT to reported."""
    assessment = report.assessment
    access.require(by, access.RATE_AGREED, assessment.organisation)
    problems = sign_off_problems(report)
    if problems:
        raise ValidationError(problems)
    review_day = ReviewDay.objects.filter(assessment=assessment).first()
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if locked.is_signed_off:
            raise ReportImmutable(f"Version {locked.version} is already signed off.")
        if locked.previous_id and not locked.changes.strip():
            raise ValidationError("Say what this version changed before signing it off.")
        locked.ratings_snapshot = selectors.sign_off_snapshot(assessment, review_day)
        locked.state, locked.signed_off_by, locked.signed_off_at = ReportState.SIGNED_OFF, by, timezone.now()
        locked.save()
        report_signed_off.send(sender=Report, report=locked, by=by)
        if assessment.state == State.IN_REVIEW:
            assessment_transition(assessment=assessment, action=Action.SIGN_OFF, by=by)
    return locked


def report_new_version(*, assessment, by) -> Report:
    """Start a corrected version from the latest signed-off one; the old version stays as it was."""
    access.require(by, access.RATE_AGREED, assessment.organisation)
    with transaction.atomic():
        latest = Report.objects.select_for_update().filter(assessment=assessment).order_by("-version").first()
        if latest is None or not latest.is_signed_off:
            raise ValidationError("There is no signed-off version to correct: edit the draft instead.")
        copied = {name: getattr(latest, name) for name in [*REPORT_FIELDS, "partner_quotes"] if name != "changes"}
        return Report.objects.create(assessment=assessment, version=latest.version + 1, previous=latest, **copied)


def factual_comment_add(*, report: Report, by, text: str) -> FactualAccuracyComment:
    """The PCT lead comments on a signed-off version's factual accuracy, within the window the SHA set."""
    access.require(by, access.SUBMIT, report.assessment.organisation)
    if not report.is_signed_off:
        raise ValidationError("Comments are on signed-off versions only.")
    until = getattr(ReviewDay.objects.filter(assessment=report.assessment).first(), "factual_accuracy_until", None)
    if until is None or timezone.localdate() > until:
        raise ValidationError("The period for factual-accuracy comments is closed.")
    if not text.strip():
        raise ValidationError("Enter your comment.")
    return FactualAccuracyComment.objects.create(report=report, author=by, text=text.strip())
