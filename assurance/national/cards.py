"""Public report cards: everything one published PCT's card shows, gathered for many PCTs in a few queries.

A card holds the agreed ratings, the outcomes against England and against the PCT's peer group (peer average and
range, and the PCT's position described in words), and the peer group with the measures it rests on. It never
holds a rank: positions are "above / within / below the range of its peers".
"""

import math

import pandas as pd

from assurance.models import Cycle, Organisation

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


def _ratings(cycle: Cycle, codes: set[str]) -> tuple[dict, dict]:
    ratings, rags = selectors.agreed_frames(cycle)
    names = selectors.framework_names(cycle)
    levels = {(r.pct, r.competency): _clean(r.level) for r in ratings.itertuples()}
    rag_of = {(r.pct, r.area): r.rag for r in rags.itertuples()}
    competencies = {
        code: [{"number": n, "name": name, "level": levels.get((code, n))} for n, name in names["competencies"].items()]
        for code in codes
    }
    governance = {
        code: [{"area": name, "rag": rag_of.get((code, pk)) or ""} for pk, name in names["areas"].items()]
        for code in codes
    }
    return competencies, governance


def _outcomes(results: pd.DataFrame, code: str, peer_codes: list[str]) -> list[dict]:
    """The PCT's outcome rows, each with the peer summary of the same indicator and period."""
    own = results[results["pct"] == code]
    rows = []
    for row in own.to_dict("records"):
        same = results[(results["indicator"] == row["indicator"]) & (results["pct"].isin(peer_codes))]
        summary = peers.peer_summary(_clean(row["value"]), [_clean(v) for v in same["value"]])
        rows.append({k: _clean(v) for k, v in row.items() if k != "pct"} | {"peers": summary})
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
    measures = selectors.measure_frame()
    return [(org, _card(cycle, org, competencies, governance, members, results, measures)) for org in organisations]


def _card(cycle, org, competencies, governance, members, results, measures) -> dict:
    group = sorted((m.peer for m in members if m.organisation_id == org.pk), key=lambda p: p.name)
    own_measures = measures.loc[org.code] if org.code in measures.index else pd.Series(dtype=float)
    return {
        "cycle": cycle.code,
        "organisation": {"code": org.code, "name": org.name, "sha": org.parent.name if org.parent else ""},
        "competencies": competencies[org.code],
        "governance": governance[org.code],
        "outcomes": _outcomes(results, org.code, [p.code for p in group]),
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
