"""Access cases for the assurance app's URLs."""

import re

from assurance.moved import MOVED, name_of
from tests.access import EVERYONE, PCT_USERS, SHA_USERS, Case, allow


def _pct(world) -> dict:
    return {"cycle": world.cycle.code, "code": world.pct.code}


def _only(role: str, status: int = 200) -> dict:
    """`role` gets `status`; the others who may view Manchester get 403; everyone else 404."""
    return allow(role, status=status) | {r: 403 for r in (*PCT_USERS, *SHA_USERS, "dh_analyst") if r != role}


CASES = [
    Case("home", allow(*EVERYONE, others=403)),
    Case("login", allow(*EVERYONE, status=302, anonymous=200, no_membership=302)),
    Case("logout", allow(*EVERYONE, status=405, anonymous=405, no_membership=405)),
    Case("accessibility", allow(*EVERYONE, anonymous=200, no_membership=200)),
    Case("organisation", allow(*PCT_USERS, *SHA_USERS, "dh_analyst"), kwargs=lambda w: {"code": w.pct.code}),
    Case(
        "organisation",
        allow("other_pct_lead", *SHA_USERS, "dh_analyst"),
        kwargs=lambda w: {"code": w.other_pct.code},
    ),
    Case(
        "organisation",
        allow("other_sha_lead", "other_panel_chair", "dh_analyst"),
        kwargs=lambda w: {"code": w.far_pct.code},
    ),
    Case("organisation", allow("la_partner", "dh_analyst"), kwargs=lambda w: {"code": w.council.code}),
    # Only DH analysts hold API tokens; everyone else signed in is told they may not (403).
    Case("api-token", allow("dh_analyst", others=403)),
    Case(
        "api-token",
        allow("dh_analyst", status=302, others=403),
        method="post",
        data=lambda w: {"action": "revoke"},
    ),
    # The health check is public and touches nothing: load balancers and the benchmarks' floor use it.
    Case("health", allow(*EVERYONE, anonymous=200, no_membership=200)),
    # The API answers 403 to anonymous callers (session authentication first) and lists only what a role may see.
    Case("api-root", allow(*EVERYONE, anonymous=403, no_membership=200)),
    Case("organisation-list", allow(*EVERYONE, anonymous=403, no_membership=200)),
    Case(
        "organisation-detail",
        allow(*PCT_USERS, *SHA_USERS, "dh_analyst", anonymous=403),
        kwargs=lambda w: {"code": w.pct.code},
    ),
    Case(
        "organisation-detail",
        allow("other_sha_lead", "other_panel_chair", "dh_analyst", anonymous=403),
        kwargs=lambda w: {"code": w.far_pct.code},
    ),
    Case("cycle-list", allow(*EVERYONE, anonymous=403, no_membership=200)),
    Case(
        "cycle-detail",
        allow(*EVERYONE, anonymous=403, no_membership=200),
        kwargs=lambda w: {"code": "2009-10"},
    ),
    # The schema and its docs are public: they describe the API, including its anonymous report cards.
    Case("schema", allow(*EVERYONE, anonymous=200, no_membership=200)),
    Case("api-docs", allow(*EVERYONE, anonymous=200, no_membership=200)),
    # A PCT's self-assessment workflow: everyone who may view the PCT sees the task list and the activity; only
    # its lead submits (contributors 403), only its SHA assurance lead reopens.
    Case("assessment", allow(*PCT_USERS, *SHA_USERS, "dh_analyst"), kwargs=lambda w: _pct(w)),
    Case(
        "assessment",
        allow("other_sha_lead", "other_panel_chair", "dh_analyst"),
        kwargs=lambda w: {"cycle": w.cycle.code, "code": w.far_pct.code},
    ),
    # A local authority has no self-assessment, even for those who may view it.
    Case("assessment", allow(), kwargs=lambda w: {"cycle": w.cycle.code, "code": w.council.code}),
    Case("assessment-activity", allow(*PCT_USERS, *SHA_USERS, "dh_analyst"), kwargs=lambda w: _pct(w)),
    Case("assessment-submit", _only("pct_lead"), kwargs=lambda w: _pct(w)),
    Case("assessment-submit", _only("pct_lead", status=302), kwargs=lambda w: _pct(w), method="post"),
    Case("assessment-reopen", _only("sha_lead"), kwargs=lambda w: _pct(w)),
    Case("assessment-reopen", _only("sha_lead"), kwargs=lambda w: _pct(w), method="post"),
]


def _moved_kwargs(old: str):
    """Arguments for an old address: the world's PCT and cycle; any indicator or number (the redirect checks none)."""
    values = {"code": lambda w: w.pct.code, "cycle": lambda w: w.cycle.code, "cycle_code": lambda w: w.cycle.code}
    names = re.findall(r"<\w+:(\w+)>", old)
    return lambda w: {n: values[n](w) if n in values else {"indicator": "VSA01", "pk": 1}[n] for n in names}


# Old addresses answer everyone, signed in or not, with a permanent redirect: the new page then checks access, and
# a redirect of any code reveals nothing (tests/assurance/test_moved.py checks where each one points).
MOVED_STATUS = allow(*EVERYONE, status=301, anonymous=301, no_membership=301)
CASES += [Case(f"moved:{name_of(new)}", MOVED_STATUS, kwargs=_moved_kwargs(old)) for old, new in MOVED]
