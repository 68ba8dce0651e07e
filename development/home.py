"""The development app's part of the home pages: a hook module (docs/architecture.md, "Hook modules").

A PCT's home page links to its plans from this and the last cycle's panel and warns of actions overdue by more than
30 days; an SHA's links to its PCTs' plans with the count of those actions. The templates include our partials
(`templates/development/_home_pct.html`, `_home_sha.html`, `_flag.html`) with these values.
"""

from assurance import access
from assurance.choices import OrgKind

from . import selectors


def context(user, kind: str, organisation, cycle, assessment=None) -> dict:
    if kind == "pct":
        pct = organisation is not None and organisation.kind == OrgKind.PCT
        return {
            "plan_flagged": selectors.flagged_count([organisation]) if pct else 0,
            "plan_cycles": selectors.plan_cycles(organisation, cycle) if pct and cycle is not None else [],
        }
    if kind == "sha":
        readable = organisation is not None and access.can(user, access.PANEL_READ, organisation)
        if cycle is None or not readable:
            return {"plan_cycles": []}
        cycles = [c for c in (cycle.previous, cycle) if c is not None]
        return {"plan_cycles": cycles, "plan_flagged": selectors.sha_flagged_count(organisation)}
    return {}
