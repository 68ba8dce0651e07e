"""Every write of partner feedback: inviting, reminding, and a partner's one response."""

from collections.abc import Callable

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from assurance.models import Cycle, Organisation
from competencies.models import Competency

from . import links
from .models import Answer, Invitation, Response


class Refused(Exception):
    """An invitation or reminder that cannot be made, with the reason to show."""


class LinkRefused(Exception):
    """A response through a link that is not open: `state` says why (links.USED, links.EXPIRED, links.ALTERED)."""

    def __init__(self, state: str):
        super().__init__(state)
        self.state = state


def token_for(invitation: Invitation) -> str:
    return links.make_token(invitation.pk, invitation.nonce)


def _send(invitation: Invitation, link: str, *, reminder: bool) -> None:
    context = {
        "invitation": invitation,
        "link": link,
        "reminder": reminder,
        "deadline": invitation.cycle.submission_deadline,
    }
    subject = f"{'Reminder: ' if reminder else ''}Your view of {invitation.pct.name} as a commissioner"
    body = render_to_string("feedback/email_invitation.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])


def _refuse_if_closed(cycle: Cycle) -> None:
    if links.expired(cycle.submission_deadline, timezone.localdate()):
        raise Refused(
            f"The {cycle.code} submission deadline ({cycle.submission_deadline:%-d %B %Y}) has passed: "
            "partners' links would already have expired."
        )


def invitation_create(
    *, pct: Organisation, cycle: Cycle, by, name: str, email: str, partner_type: str, link_for: Callable[[str], str]
) -> Invitation:
    """Invite one partner and email them their link (`link_for(token)` makes the full address)."""
    _refuse_if_closed(cycle)
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                pct=pct,
                cycle=cycle,
                name=name,
                email=email.lower(),
                partner_type=partner_type,
                invited_by=by,
                last_sent_at=timezone.now(),
            )
    except IntegrityError:
        raise Refused(f"{email} has already been invited to give feedback on {pct.name} for {cycle.code}.") from None
    _send(invitation, link_for(token_for(invitation)), reminder=False)
    return invitation


def invitations_remind(*, pct: Organisation, cycle: Cycle, by, link_for: Callable[[str], str]) -> int:
    """Email every partner who has not responded their link again; return how many were reminded."""
    _refuse_if_closed(cycle)
    with transaction.atomic():
        waiting = list(
            Invitation.objects.select_for_update(of=("self",))
            .filter(pct=pct, cycle=cycle, response__isnull=True)
            .select_related("pct", "cycle")
            .order_by("pk")
        )
        now = timezone.now()
        for invitation in waiting:
            invitation.reminders_sent += 1
            invitation.last_sent_at = now
        Invitation.objects.bulk_update(waiting, ["reminders_sent", "last_sent_at"])
    for invitation in waiting:
        _send(invitation, link_for(token_for(invitation)), reminder=True)
    return len(waiting)


def response_submit(*, signed: links.Signed, answers: dict[int, tuple[int | None, str]], today=None) -> Response:
    """Record a partner's answers (competency id -> (level or None for "don't know", comment)) once.

    The invitation row is locked, so two sends at once make one response; the one-to-one constraint holds it too.
    Raises LinkRefused (nothing written) for a link that is altered, used or expired.
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("cycle")
            .filter(pk=signed.invitation_id, nonce=signed.nonce)
            .first()
        )
        state = links.state(
            found=invitation is not None,
            responded=invitation is not None and Response.objects.filter(invitation=invitation).exists(),
            deadline=invitation.cycle.submission_deadline if invitation else None,
            today=today,
        )
        if state != links.OPEN:
            raise LinkRefused(state)
        assert invitation is not None  # a link not found is refused above
        asked = set(
            Competency.objects.filter(cycle=invitation.cycle, partner_feedback=True).values_list("pk", flat=True)
        )
        if set(answers) != asked:
            raise ValueError("The answers do not match the competencies asked about.")
        try:
            with transaction.atomic():
                response = Response.objects.create(invitation=invitation)
        except IntegrityError:
            raise LinkRefused(links.USED) from None
        Answer.objects.bulk_create(
            Answer(response=response, competency_id=pk, level=level, comment=comment)
            for pk, (level, comment) in answers.items()
        )
    return response
