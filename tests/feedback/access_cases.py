"""Access cases for partner feedback: the PCT lead and SHA lead invite; the panel reads; partners answer by link."""

from tests.access import EVERYONE, SHA_USERS, Case, allow
from tests.feedback.helpers import form_data, invite, token
from tests.panels.helpers import review_day

INVITERS = ("pct_lead", "sha_lead")
# Who may see Manchester but not invite for it: 403; the rest (other PCTs, other SHAs, councils): 404.
SEEN_NOT_INVITING = {r: 403 for r in ("pct_contributor", "panel_member", "panel_chair", "dh_analyst")}
INVITE = allow(*INVITERS) | SEEN_NOT_INVITING
INVITE_POST = allow(*INVITERS, status=302) | SEEN_NOT_INVITING
PANEL_SIDE = allow(*SHA_USERS, "dh_analyst") | {"pct_contributor": 403, "pct_lead": 403}
EVERYONE_AND_ANONYMOUS = allow(*EVERYONE, anonymous=200, no_membership=200)


def _pct(world) -> dict:
    return {"cycle": world.cycle.code, "code": world.pct.code}


def _reported(world) -> dict:
    review_day(world, reported=True)
    return _pct(world)


def _api(world) -> dict:
    return {"cycle": world.cycle.code, "org_code": world.pct.code}


def _api_reported(world) -> dict:
    review_day(world, reported=True)
    return _api(world)


def _token(world) -> dict:
    return {"token": token(invite(world))}


CASES = [
    Case("feedback:invitations", INVITE, kwargs=_pct),
    Case(
        "feedback:invitations",
        INVITE_POST,
        kwargs=_pct,
        method="post",
        data=lambda w: {"name": "Ann Lee", "email": "ann.lee@example.org", "partner_type": "provider"},
    ),
    Case("feedback:remind", INVITE, kwargs=_pct),
    Case("feedback:remind", INVITE_POST, kwargs=_pct, method="post"),
    Case("feedback:results", PANEL_SIDE, kwargs=_pct),
    Case("feedback:results", PANEL_SIDE | {"pct_contributor": 200, "pct_lead": 200}, kwargs=_reported),
    Case("feedback:results_csv", PANEL_SIDE, kwargs=_pct),
    Case("feedback:results_csv", PANEL_SIDE | {"pct_contributor": 200, "pct_lead": 200}, kwargs=_reported),
    # The SHA's table: its panel side and DH; anyone else, its PCTs' people too, is not told it exists.
    Case(
        "feedback:sha_csv",
        allow(*SHA_USERS, "dh_analyst"),
        kwargs=lambda w: {"cycle": w.cycle.code, "code": w.sha.code},
    ),
    # The API: the page's rules; signed out, 403 like every API endpoint.
    Case("partner-feedback", PANEL_SIDE | {"anonymous": 403}, kwargs=_api),
    Case(
        "partner-feedback",
        PANEL_SIDE | {"pct_contributor": 200, "pct_lead": 200, "anonymous": 403},
        kwargs=_api_reported,
    ),
    Case("feedback:respond", EVERYONE_AND_ANONYMOUS, kwargs=_token),
    Case(
        "feedback:respond",
        allow(*EVERYONE, status=302, anonymous=302, no_membership=302),
        kwargs=_token,
        method="post",
        data=form_data,
    ),
    Case("feedback:thanks", EVERYONE_AND_ANONYMOUS),
]
