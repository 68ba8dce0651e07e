"""Access cases for the national app's URLs: rollups (DH all, SHA lead own SHA and England), publication (DH),
public report cards (anyone, but only for published cycles: none is published in the test world, so 404 for all)."""

from tests.access import EVERYONE, Case, allow

CYCLE = {"cycle": "2009-10"}
NOBODY = allow(status=404, others=404, anonymous=404)


def _with(expect: dict, **overrides: int) -> dict:
    return expect | overrides


CASES = [
    Case(
        "national:dashboard", _with(allow("dh_analyst", others=403), sha_lead=302, other_sha_lead=302), lambda w: CYCLE
    ),
    Case(
        "national:sha",
        _with(allow("dh_analyst", "sha_lead"), panel_member=403, panel_chair=403),
        lambda w: CYCLE | {"code": w.sha.code},
    ),
    # Another SHA's detail: its own lead sees it, the North West lead does not (404: not even told it exists).
    Case(
        "national:sha",
        _with(allow("dh_analyst", "other_sha_lead"), other_panel_chair=403),
        lambda w: CYCLE | {"code": w.other_sha.code},
    ),
    # A PCT code is no rollup scope.
    Case(
        "national:sha",
        _with(
            allow(others=404),
            pct_contributor=403,
            pct_lead=403,
            panel_member=403,
            panel_chair=403,
            sha_lead=403,
        ),
        lambda w: CYCLE | {"code": w.pct.code},
    ),
    Case(
        "national:download",
        _with(allow("dh_analyst", "sha_lead"), panel_member=403, panel_chair=403),
        lambda w: CYCLE | {"code": w.sha.code, "kind": "competency_levels"},
    ),
    # England's totals: every SHA lead may see them beside its own SHA.
    Case(
        "national:download",
        allow("dh_analyst", "sha_lead", "other_sha_lead", others=403),
        lambda w: CYCLE | {"code": "E92000001", "kind": "governance_rag"},
    ),
    # Governance by area and mean levels: England for anyone with national access, an SHA for DH and its own lead.
    Case(
        "national:areas",
        allow("dh_analyst", "sha_lead", "other_sha_lead", others=403),
        lambda w: CYCLE | {"code": "E92000001"},
    ),
    Case(
        "national:areas",
        _with(allow("dh_analyst", "sha_lead"), panel_member=403, panel_chair=403),
        lambda w: CYCLE | {"code": w.sha.code},
    ),
    Case(
        "national:download",
        allow("dh_analyst", "sha_lead", "other_sha_lead", others=403),
        lambda w: CYCLE | {"code": "E92000001", "kind": "governance_all"},
    ),
    Case("national:publication", allow("dh_analyst", others=403), lambda w: CYCLE),
    # Nothing is signed off in the test world: DH is told there is nothing ready (on the page, 400).
    Case(
        "national:publication",
        allow("dh_analyst", status=400, others=403),
        lambda w: {"cycle": "2009-10"},
        method="post",
        data=lambda w: {"embargo_date": "", "embargo_time": ""},
    ),
    # 2008-09's framework forbids publication: refused with the reason on the page.
    Case(
        "national:publication",
        allow("dh_analyst", status=400, others=403),
        lambda w: {"cycle": "2008-09"},
        method="post",
        data=lambda w: {"embargo_date": "", "embargo_time": ""},
    ),
    Case("national:publish_confirm", allow(*EVERYONE, status=405, no_membership=405), lambda w: CYCLE),
    Case(
        "national:publish_confirm",
        allow("dh_analyst", status=400, others=403),
        lambda w: CYCLE,
        method="post",
        data=lambda w: {"pct": [w.pct.code]},
    ),
    Case("national:withdraw", allow(*EVERYONE, status=405, no_membership=405), lambda w: CYCLE),
    # Nothing is published: no PCT to choose, so the form is refused with the reason (400).
    Case(
        "national:withdraw",
        allow("dh_analyst", status=400, others=403),
        lambda w: CYCLE,
        method="post",
        data=lambda w: {"which": "chosen", "reason": "Figures corrected"},
    ),
    Case("national:withdraw_confirm", allow(*EVERYONE, status=405, no_membership=405), lambda w: CYCLE),
    # Nothing is published: DH is sent back to the publication page with the reason.
    Case(
        "national:withdraw_confirm",
        allow("dh_analyst", status=302, others=403),
        lambda w: CYCLE,
        method="post",
        data=lambda w: {"pct": [w.pct.code], "reason": "Figures corrected"},
    ),
    # Moderation across SHAs: DH all; an SHA lead its own SHA's comparison (redirected there from England's page).
    Case(
        "national:moderation",
        _with(allow("dh_analyst", others=403), sha_lead=302, other_sha_lead=302),
        lambda w: CYCLE,
    ),
    Case(
        "national:moderation_sha",
        _with(allow("dh_analyst", "sha_lead"), panel_member=403, panel_chair=403),
        lambda w: CYCLE | {"code": w.sha.code},
    ),
    Case(
        "national:moderation_sha",
        _with(allow("dh_analyst", "other_sha_lead"), other_panel_chair=403),
        lambda w: CYCLE | {"code": w.other_sha.code},
    ),
    Case(
        "national:moderation_download",
        _with(allow("dh_analyst", "sha_lead"), panel_member=403, panel_chair=403),
        lambda w: CYCLE | {"code": w.sha.code},
    ),
    # Every SHA's comparison is DH's alone.
    Case("national:moderation_download", allow("dh_analyst", others=403), lambda w: CYCLE | {"code": "E92000001"}),
    Case(
        "national:moderation_note",
        allow("dh_analyst", others=403),
        lambda w: CYCLE | {"code": w.sha.code, "number": 1},
    ),
    Case(
        "national:moderation_note",
        allow("dh_analyst", status=302, others=403),
        lambda w: CYCLE | {"code": w.sha.code, "number": 1},
        method="post",
        data=lambda w: {"text": "Panel judged generously", "version": 0},
    ),
    Case(
        "national:moderation_area_note",
        allow("dh_analyst", others=403),
        lambda w: CYCLE | {"code": w.sha.code, "area": "board"},
    ),
    Case(
        "national:moderation_area_note",
        allow("dh_analyst", status=302, others=403),
        lambda w: CYCLE | {"code": w.sha.code, "area": "finance"},
        method="post",
        data=lambda w: {"text": "Panel judged governance strictly", "version": 0},
    ),
    # An area the cycle does not have (nor an item beneath an area): 404 for DH, refused for everyone else first.
    Case(
        "national:moderation_area_note",
        allow("dh_analyst", status=404, others=403),
        lambda w: CYCLE | {"code": w.sha.code, "area": "strategic-plan-for-commissioning"},
    ),
    Case("national:moderation_sign_off", allow("dh_analyst", others=403), lambda w: CYCLE),
    # Nothing is signed off in the test world: nothing to moderate, said on the page (400).
    Case(
        "national:moderation_sign_off",
        allow("dh_analyst", status=400, others=403),
        lambda w: CYCLE,
        method="post",
        data=lambda w: {"notes": ""},
    ),
    Case("national:report_card_index", NOBODY, lambda w: CYCLE),
    Case("national:report_card", NOBODY, lambda w: CYCLE | {"org_code": w.pct.code}),
    Case(
        "national-rollup",
        allow("dh_analyst", "sha_lead", "other_sha_lead", others=403, anonymous=403),
        lambda w: CYCLE,
    ),
    Case("national-report-card", NOBODY, lambda w: CYCLE | {"org_code": w.pct.code}),
]
