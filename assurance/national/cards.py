"""Public report cards: everything one published PCT's card shows, gathered for many PCTs in a few queries.

A card holds the agreed ratings, the outcomes against England and against the PCT's peer group (peer average and
range, and the PCT's 95% interval compared with the peer average through the indicator's polarity, as with England),
and the peer group with the measures it rests on. It never holds a rank.
"""

import math

import pandas as pd

from assurance.choices import State
from assurance.models import Assessment, Cycle, Organisation
from panels import movement
from panels import selectors as panel_selectors

from . import peers, selectors
from .choices import MEASURE_BY_CODE, MEASURES


def _clean(value):
    """A JSON-safe scalar: numpy numbers to plain ones, NaN to None."""
    if value is None:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _previous(cycle: Cycle, codes: set[str]) -> dict[str, dict]:
    """The previous cycle's agreed ratings of each PCT whose card that cycle was published, by code (none in a first
    cycle). A public card never shows movement from ratings that were not made public: the first cycle's results
    stayed between PCT and SHA, and a direction of movement would reveal them."""
    if cycle.previous_id is None:
        return {}
    assessments = Assessment.objects.filter(
        cycle_id=cycle.previous_id, organisation__code__in=codes, state=State.PUBLISHED
    )
    code_of = dict(assessments.values_list("pk", "organisation__code"))
    return {code_of[pk]: found for pk, found in panel_selectors.signed_off_ratings(assessments).items()}


def _ratings(cycle: Cycle, codes: set[str]) -> tuple[dict, dict]:
    ratings, rags = selectors.agreed_frames(cycle)
    names = selectors.framework_names(cycle)
    levels = {(r.pct, r.competency): int(r.level) for r in ratings.dropna(subset=["level"]).itertuples()}
    rag_of = {(r.pct, r.area): r.rag for r in rags.dropna(subset=["rag"]).itertuples()}
    before = _previous(cycle, codes)
    hidden = {"competencies": {n: None for n in names["competencies"]}, "governance": {}}
    moved = {
        code: movement.movements(
            before.get(code),
            {
                "competencies": {n: levels.get((code, n)) for n in names["competencies"]},
                "governance": {name: rag_of.get((code, pk)) for pk, name in names["areas"].items()},
            },
        )
        if code in before
        else hidden
        for code in codes
    }
    competencies = {
        code: [
            {"number": n, "name": name, "level": levels.get((code, n)), "movement": moved[code]["competencies"][n]}
            for n, name in names["competencies"].items()
        ]
        for code in codes
    }
    governance = {
        code: [
            {"area": name, "rag": rag_of.get((code, pk)) or "", "movement": moved[code]["governance"].get(name)}
            for pk, name in names["areas"].items()
        ]
        for code in codes
    }
    return competencies, governance


OUTCOME_KEYS = [
    "indicator", "name", "unit", "polarity", "period", "value", "lower_ci", "upper_ci", "england", "comparison",
    "quartile", "trend", "is_synthetic",
]  # fmt: skip


def _outcomes(results: pd.DataFrame, code: str, chosen: list[str], peer_codes: list[str]) -> list[dict]:
    """The PCT's chosen outcomes (or all its results if it chose none), each with its peer group's summary."""
    own = results[results["pct"] == code]
    if chosen:
        own = own[own["indicator"].isin(chosen)]
    rows = []
    for row in own.sort_values("name").to_dict("records"):
        same = results[(results["indicator"] == row["indicator"]) & (results["pct"].isin(peer_codes))]
        summary = peers.peer_summary(
            _clean(row["value"]), [_clean(v) for v in same["value"]],
            lower=_clean(row["lower_ci"]), upper=_clean(row["upper_ci"]), polarity=_clean(row["polarity"]) or "none",
        )  # fmt: skip
        rows.append({k: _clean(row.get(k)) for k in OUTCOME_KEYS} | {"peers": summary})
    return rows


def build(cycle: Cycle, organisations: list[Organisation]) -> list[tuple[Organisation, dict]]:
    """The report card of each organisation for the cycle."""
    if not organisations:
        return []
    codes = {o.code for o in organisations}
    competencies, governance = _ratings(cycle, codes)
    members = list(selectors.peer_members(sorted(codes)))
    peer_codes = {code: [m.peer.code for m in members if m.organisation.code == code] for code in codes}
    wanted = codes | {p for group in peer_codes.values() for p in group}
    results = selectors.outcome_frame(cycle, sorted(wanted))
    chosen = selectors.chosen_outcomes(cycle, sorted(codes))
    measures = selectors.measure_frame()
    context = {"competencies": competencies, "governance": governance, "results": results, "measures": measures}
    return [(org, _card(cycle, org, context, members, chosen[org.code])) for org in organisations]


def _card(cycle: Cycle, org: Organisation, context: dict, members: list, chosen: list[str]) -> dict:
    group = sorted((m.peer for m in members if m.organisation_id == org.pk), key=lambda p: p.name)
    measures = context["measures"]
    own_measures = measures.loc[org.code] if org.code in measures.index else pd.Series(dtype=float)
    return {
        "cycle": cycle.code,
        "organisation": {"code": org.code, "name": org.name, "sha": org.parent.name if org.parent else ""},
        "competencies": context["competencies"][org.code],
        "governance": context["governance"][org.code],
        "has_movement": any(c["movement"] for c in context["competencies"][org.code]),
        "outcomes": _outcomes(context["results"], org.code, chosen, [p.code for p in group]),
        "peer_group": [{"code": p.code, "name": p.name} for p in group],
        "measures": [
            {
                "code": m.code,
                "name": m.name,
                "unit": m.unit,
                "value": _clean(own_measures.get(m.code)),
                "synthetic": MEASURE_BY_CODE[m.code].synthetic,
                "source": m.source,
            }
            for m in MEASURES
        ],
    }
