"""Access cases for the governance app's URLs: a PCT's red/amber/green self-declarations."""

from tests.access import SHA_USERS, Case, allow
from tests.competencies.access_cases import EDITORS, VIEWERS


def _pct(world) -> dict:
    return {"cycle": world.cycle.code, "code": world.pct.code}


def _area(world) -> dict:
    return {**_pct(world), "area_id": world.cycle.governance_areas.first().pk}


CASES = [
    Case("governance:index", allow(*VIEWERS), kwargs=_pct),
    Case(
        "governance:index",
        allow("other_pct_lead", *SHA_USERS, "dh_analyst"),
        kwargs=lambda w: {"cycle": w.cycle.code, "code": w.other_pct.code},
    ),
    Case("governance:area", allow(*VIEWERS), kwargs=_area),
    Case("governance:area", EDITORS, kwargs=_area, method="post"),
]
