"""Access cases for the development app's URLs: the chair writes recommendations; the PCT lead sets actions; the
PCT's people update them; the SHA lead comments; readers of the report read the plan."""

from development.models import Action, Recommendation
from tests.access import PCT_USERS, SHA_USERS, Case, allow
from tests.development.helpers import add_action, in_review, signed_off

READ = allow(*SHA_USERS, "dh_analyst", *PCT_USERS)
CHAIR_ONLY = allow("panel_chair") | {r: 403 for r in ("panel_member", "sha_lead", "dh_analyst", *PCT_USERS)}
CHAIR_POST = CHAIR_ONLY | {"panel_chair": 302}
LEAD_ONLY = READ | {r: 403 for r in ("pct_contributor", *SHA_USERS, "dh_analyst")}
PCT_POST = READ | {r: 403 for r in (*SHA_USERS, "dh_analyst")} | {r: 302 for r in PCT_USERS}
SHA_POST = READ | {r: 403 for r in ("panel_member", "panel_chair", "dh_analyst", *PCT_USERS)} | {"sha_lead": 302}
API = allow(*SHA_USERS, "dh_analyst", *PCT_USERS, anonymous=403)


def _chair_kwargs(world):
    in_review(world)
    return {"cycle_code": world.cycle.code, "code": world.pct.code}


def _draft(world):
    from development import services

    assessment = in_review(world)
    rec = services.recommendation_add(
        assessment=assessment, by=world.users["panel_chair"], text="Draft", priority="low"
    )
    return {"cycle_code": world.cycle.code, "code": world.pct.code, "pk": rec.pk}


def _plan(world):
    signed_off(world)
    return {"cycle": world.cycle.code, "code": world.pct.code}


def _rec(world):
    assessment = signed_off(world)
    return _plan(world) | {"rec": Recommendation.objects.get(assessment=assessment, number=1).pk}


def _action(world):
    action = add_action(world, signed_off(world))
    return {"cycle": world.cycle.code, "code": world.pct.code, "pk": action.pk}


def _update(world):
    action = Action.objects.get()
    return {"status": "on_track", "note": "Interviews booked", "version": action.version}


CASES = [
    Case("development:recommendations", CHAIR_ONLY, kwargs=_chair_kwargs),
    Case(
        "development:recommendations",
        CHAIR_POST,
        kwargs=_chair_kwargs,
        method="post",
        data=lambda w: {"text": "Strengthen clinical engagement", "priority": "high", "concerns": ""},
    ),
    Case("development:recommendation_edit", CHAIR_ONLY, kwargs=_draft),
    Case("development:recommendation_remove", CHAIR_ONLY, kwargs=_draft),
    Case("development:recommendation_remove", CHAIR_POST, kwargs=_draft, method="post"),
    Case("development:plan", READ, kwargs=_plan),
    Case("development:plan_csv", READ, kwargs=_plan),
    Case("development:action_new", LEAD_ONLY, kwargs=_rec),
    Case("development:action", READ, kwargs=_action),
    Case("development:action_edit", LEAD_ONLY, kwargs=_action),
    Case("development:action_update", PCT_POST, kwargs=_action, method="post", data=_update),
    Case(
        "development:action_comment",
        SHA_POST,
        kwargs=_action,
        method="post",
        data=lambda w: {"text": "Please report progress to the March board"},
    ),
    Case(
        "development:sha_plans",
        allow(*SHA_USERS, "dh_analyst"),
        kwargs=lambda w: {"sha_code": w.sha.code, "cycle_code": w.cycle.code} | ({} if _plan(w) else {}),
    ),
]

_SELF = {"cycle": "2009-10", "code": "5NT"}
# The self-assessment's rules: its readers read, the PCT's people change it (anonymous: sign in).
SELF_READ = allow(*SHA_USERS, "dh_analyst", *PCT_USERS)
CASES += [
    Case("development:board_sign_off", SELF_READ, kwargs=lambda w: _SELF),
    Case(
        "development:board_sign_off",
        SELF_READ | {r: 403 for r in (*SHA_USERS, "dh_analyst")} | {r: 200 for r in PCT_USERS},
        kwargs=lambda w: _SELF,
        method="post",
        data=lambda w: {"meeting_date": "", "version": 0},
    ),
]

CASES += [
    Case(
        "development-plan",
        API,
        kwargs=lambda w: {"cycle": w.cycle.code, "org_code": w.pct.code} if signed_off(w) else {},
    )
]
