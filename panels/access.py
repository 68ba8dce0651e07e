"""Who may do what on a panel: the SHA-wide rules of `assurance.access` plus a seat on this panel.

A panel member or chair acts on a PCT only when they hold the SHA role (`assurance.access.can`) *and* sit on the
panel that reviews it. SHA leads and DH analysts read the panel's material without a seat. Anyone else gets 404.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone

from assurance import access
from assurance.models import Assessment, Cycle

from .models import PanelMember, ReviewDay

CHAIR, MEMBER, OBSERVER = "chair", "member", "observer"


@dataclass
class Seat:
    """The user's place on the panel reviewing one PCT: chair, member, observer (read only) or none."""

    role: str | None
    member: PanelMember | None = None

    @property
    def is_chair(self) -> bool:
        return self.role == CHAIR

    @property
    def rates(self) -> bool:
        return self.role in (CHAIR, MEMBER)


def seat(user, review_day: ReviewDay) -> Seat:
    """The user's seat on the panel of this review day."""
    organisation = review_day.assessment.organisation
    member = next((m for m in review_day.panel.members.all() if m.user_id == user.pk), None)
    if member and member.is_chair and access.can(user, access.RATE_AGREED, organisation):
        return Seat(CHAIR, member)
    if member and access.can(user, access.RATE_PROVISIONAL, organisation):
        return Seat(MEMBER, member)
    if access.can(user, access.PANEL_READ, organisation) and not access.can(
        user, access.RATE_PROVISIONAL, organisation
    ):
        return Seat(OBSERVER)
    return Seat(None)


def review_day_for(user, cycle_code: str, org_code: str, *, need: str = OBSERVER) -> tuple[ReviewDay, Seat]:
    """The review day of a PCT in a cycle for a panel page: 404 when unseen, 403 when seen but not allowed.

    need: OBSERVER (read the panel's material), MEMBER (record provisional ratings) or CHAIR (agreed ratings).
    """
    organisation = access.organisation_for(user, org_code, access.VIEW)
    review_day = (
        ReviewDay.objects.select_related("panel", "assessment__cycle__previous")
        .prefetch_related(Prefetch("panel__members", queryset=PanelMember.objects.select_related("user")))
        .filter(assessment__organisation=organisation, assessment__cycle__code=cycle_code)
        .order_by()  # one review day per assessment: the default order by PCT name only added a join
        .first()
    )
    if review_day is None:
        raise Http404("No review day is set for this PCT in this cycle.")
    # The PCT (with its SHA) is already fetched, and the panel is the SHA's for the same cycle: joining them again
    # cost PostgreSQL more to plan (eight tables) than all the page's other queries together.
    review_day.assessment.organisation = organisation
    if review_day.panel.sha_id == organisation.parent_id:
        review_day.panel.sha = organisation.parent
    if review_day.panel.cycle_id == review_day.assessment.cycle_id:
        review_day.panel.cycle = review_day.assessment.cycle
    found = seat(user, review_day)
    if found.role is None:
        # A PCT user may see its own organisation but never the panel's material; others' panels stay unseen.
        if access.can(user, access.SUBMIT, organisation) or access.can(user, access.EDIT, organisation):
            raise PermissionDenied("Panel material is for the panel only.")
        raise Http404("No such review day.")
    if need == CHAIR and not found.is_chair:
        raise PermissionDenied("Only the panel chair can do this.")
    if need == MEMBER and not found.rates:
        raise PermissionDenied("Only members of this panel record provisional ratings.")
    return review_day, found


def assessment_for_report(user, cycle_code: str, org_code: str) -> tuple[Assessment, Seat | None]:
    """The assessment whose report the user may read: the panel side, or the PCT itself once reported."""
    organisation = access.organisation_for(user, org_code, access.VIEW)
    cycle = Cycle.objects.filter(code=cycle_code).first()
    assessment = Assessment.objects.filter(organisation=organisation, cycle=cycle).select_related("cycle").first()
    if assessment is None:
        raise Http404("No assessment for this PCT in this cycle.")
    review_day = ReviewDay.objects.filter(assessment=assessment).select_related("panel").first()
    if review_day is not None:
        review_day.assessment = assessment
        found = seat(user, review_day)
        if found.role is not None:
            return assessment, found
    if access.can(user, access.PANEL_READ, organisation) and not access.can(
        user, access.RATE_PROVISIONAL, organisation
    ):
        return assessment, Seat(OBSERVER)
    if access.can(user, access.VIEW, organisation) and not access.can(user, access.RATE_PROVISIONAL, organisation):
        return assessment, None  # the PCT itself: signed-off versions only
    raise Http404("No such report.")


def sees_others_ratings(seat: Seat, *, own_rated: bool, reveal_all: bool = False) -> bool:
    """Whether a panel member sees the others' provisional ratings and notes on an item: once they have rated it
    themselves (so as not to be swayed), always as an observer, and for every item once the review is open."""
    return reveal_all or seat.role == OBSERVER or own_rated


def may_comment(user, assessment: Assessment, report, seat: Seat | None) -> bool:
    """Whether the user may comment on a report's factual accuracy: the PCT (who may submit for it), on a signed-off
    version, until the review day's factual-accuracy date; never someone with a seat on the panel."""
    if seat is not None or report is None or not report.is_signed_off:
        return False
    day = getattr(assessment, "review_day", None)
    until = day.factual_accuracy_until if day else None
    return bool(until and timezone.localdate() <= until and access.can(user, access.SUBMIT, assessment.organisation))
