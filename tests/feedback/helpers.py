"""Invitations and responses around Manchester (5NT) in 2009-10, for the partner feedback tests."""

from feedback import links, services
from feedback.choices import PartnerType
from feedback.models import Answer, Invitation, Response
from feedback.selectors import asked_competencies


def invite(world, n: int = 0, partner_type: str = PartnerType.PRACTICE, pct=None) -> Invitation:
    pct = pct or world.pct
    return Invitation.objects.create(
        pct=pct,
        cycle=world.cycle,
        name=f"Partner {n}",
        email=f"p{n}.{partner_type}@example.org",
        partner_type=partner_type,
    )


def token(invitation: Invitation) -> str:
    return services.token_for(invitation)


def answer(invitation: Invitation, level=3, comment: str = "") -> Response:
    """A response giving every asked competency the same level (None: don't know)."""
    response = Response.objects.create(invitation=invitation)
    for competency in asked_competencies(invitation.cycle):
        Answer.objects.create(response=response, competency=competency, level=level, comment=comment)
    return response


def responses(world, partner_type: str, count: int, *, level=3, comment: str = "", start: int = 0, pct=None):
    for n in range(start, start + count):
        answer(
            invite(world, n, partner_type, pct=pct), level=level, comment=f"{comment} {n}".strip() if comment else ""
        )


def form_data(world, level: str = "3", comment: str = "", action: str = "send") -> dict:
    data = {"action": action}
    for competency in asked_competencies(world.cycle):
        data[f"level_{competency.pk}"] = level
        data[f"comment_{competency.pk}"] = comment
    return data


def signed(invitation: Invitation) -> links.Signed:
    return links.read_token(token(invitation))
