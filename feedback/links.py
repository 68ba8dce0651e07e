"""A partner's link (pure: no ORM, no request): the signed token, and what state a link is in.

The token is the invitation's id and a random nonce, signed with the project's SECRET_KEY (`django.core.signing`),
so a link cannot be guessed or altered: changing any character breaks the signature. It works once, until the end
of the cycle's submission deadline.
"""

from dataclasses import dataclass
from datetime import date

from django.core import signing

SALT = "feedback.invitation"

OPEN, ALTERED, USED, EXPIRED = "open", "altered", "used", "expired"


def make_token(invitation_id: int, nonce: str) -> str:
    return signing.dumps([invitation_id, nonce], salt=SALT)


@dataclass(frozen=True)
class Signed:
    invitation_id: int
    nonce: str


def read_token(token: str) -> Signed | None:
    """The invitation a token names, or None when it is not one we signed (altered, truncated, made up)."""
    try:
        value = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, UnicodeError):
        return None
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], int) and isinstance(value[1], str)):
        return None
    return Signed(value[0], value[1])


def expired(deadline: date | None, today: date) -> bool:
    """Whether a link has expired: it works until the end of the cycle's submission deadline (none: never ends)."""
    return deadline is not None and today > deadline


def state(*, found: bool, responded: bool, deadline: date | None, today: date) -> str:
    """What a link does: ALTERED (no invitation matches its signature), USED (answered already; whatever the date),
    EXPIRED (the deadline has passed) or OPEN."""
    if not found:
        return ALTERED
    if responded:
        return USED
    if expired(deadline, today):
        return EXPIRED
    return OPEN
