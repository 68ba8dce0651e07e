"""The access matrix: every URL name the project defines, with the status each role must get.

Each app lists its URLs in `tests/<app>/access_cases.py` as `CASES`. `tests/test_access_matrix.py` fails when a URL
has no case, so a new view without a rule fails the suite.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from tests.personas import PERSONAS, ROLES

SIGNED_IN = [r for r in ROLES if r != "anonymous"]


@dataclass
class Case:
    """One URL name, how to build its arguments from the world, and the expected status per role."""

    name: str
    expect: dict[str, int]
    kwargs: Callable = field(default=lambda world: {})
    method: str = "get"
    data: Callable | None = None  # for POST cases: world -> form data
    query: str = ""

    def __post_init__(self):
        missing = set(ROLES) - set(self.expect)
        assert not missing, f"{self.name}: no expected status for {sorted(missing)}"


def allow(*roles: str, status: int = 200, others: int = 404, anonymous: int = 302, no_membership=None) -> dict:
    """Expected statuses: `roles` get `status`; the other signed-in personas get `others`."""
    expect = {role: others for role in PERSONAS}
    expect.update({role: status for role in roles})
    expect["anonymous"] = anonymous
    expect["no_membership"] = others if no_membership is None else no_membership
    return expect


PCT_USERS = ("pct_contributor", "pct_lead")
SHA_USERS = ("panel_member", "panel_chair", "sha_lead")
EVERYONE = tuple(PERSONAS)
