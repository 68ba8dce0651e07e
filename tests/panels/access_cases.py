"""Access cases for the panels app's URLs: the SHA lead sets up; the panel reads and rates; the PCT reads its report."""

from assurance.choices import State
from panels.models import PanelMember, Report
from tests.access import PCT_USERS, SHA_USERS, Case, allow
from tests.panels.helpers import agreed_post, kwargs, review_day

PANEL = ("panel_member", "panel_chair")
SETUP = allow("sha_lead", "panel_member", "panel_chair", "dh_analyst")
for role in ("panel_member", "panel_chair", "dh_analyst"):
    SETUP[role] = 403
# The panel's material: the panel and its observers (SHA lead, DH) read it; the PCT itself is refused.
PANEL_READ = allow(*SHA_USERS, "dh_analyst") | {role: 403 for role in PCT_USERS}
MEMBER_POST = allow(*PANEL, status=302, others=404) | {r: 403 for r in ("sha_lead", "dh_analyst", *PCT_USERS)}
CHAIR_POST = MEMBER_POST | {"panel_member": 403}
REPORT_READ = allow(*SHA_USERS, "dh_analyst", *PCT_USERS)
API = allow(*SHA_USERS, "dh_analyst", *PCT_USERS, anonymous=403)


def _sha(world):
    review_day(world)
    return {"sha_code": world.sha.code, "cycle_code": world.cycle.code}


def _member(world):
    day = review_day(world)
    seat = PanelMember.objects.get(panel=day.panel, user=world.users["panel_member"])
    return _sha(world) | {"pk": seat.pk}


def _draft(world):
    found = kwargs(world)
    Report.objects.get_or_create(assessment=world.assessment, version=1)
    return found


def _new_chair(world):
    return {"user": world.users["panel_member"].pk, "current": world.users["panel_chair"].pk}


CASES = [
    Case("panels:setup", SETUP, kwargs=_sha),
    Case("panels:member_remove", SETUP, kwargs=_member),
    Case("panels:member_remove", SETUP | {"sha_lead": 302}, kwargs=_member, method="post"),
    Case("panels:chair", SETUP, kwargs=_sha),
    Case("panels:chair", SETUP | {"sha_lead": 400}, kwargs=_sha, query="?user=0"),
    Case("panels:chair", SETUP | {"sha_lead": 302}, kwargs=_sha, method="post", data=_new_chair),
    Case("panels:review_day", SETUP, kwargs=lambda w: _sha(w) | {"code": w.pct.code}),
    Case("panels:differences", allow(*SHA_USERS, "dh_analyst"), kwargs=_sha),
    Case("panels:pack", PANEL_READ, kwargs=kwargs),
    Case("panels:pack", MEMBER_POST, kwargs=kwargs, method="post"),
    Case("panels:workspace", PANEL_READ, kwargs=kwargs),
    Case("panels:workspace", CHAIR_POST, kwargs=kwargs, method="post", data=agreed_post),
    Case("panels:open_review", CHAIR_POST, kwargs=lambda w: kwargs(w, State.SUBMITTED), method="post"),
    Case("panels:report", REPORT_READ, kwargs=lambda w: kwargs(w, reported=True)),
    Case("panels:report_pdf", REPORT_READ, kwargs=lambda w: kwargs(w, reported=True)),
    Case("panels:report_edit", CHAIR_POST | {"panel_chair": 200}, kwargs=kwargs),
    Case("panels:report_sign_off", CHAIR_POST | {"panel_chair": 200}, kwargs=_draft),
    Case("panels:report_sign_off", CHAIR_POST, kwargs=kwargs, method="post"),
    Case("panels:report_new_version", CHAIR_POST, kwargs=lambda w: kwargs(w, reported=True), method="post"),
    Case(
        "panels:report_comment",
        allow("pct_lead", status=302) | {r: 403 for r in ("pct_contributor", *SHA_USERS, "dh_analyst")},
        kwargs=lambda w: kwargs(w, reported=True),
        method="post",
        data=lambda w: {"text": "The date of the board meeting was 3 March."},
    ),
    Case(
        "cycle-ratings",
        API,
        kwargs=lambda w: {"cycle": w.cycle.code, "org_code": w.pct.code} | ({} if review_day(w) else {}),
    ),
]
