"""Reads of the national app: frames for the rollup task, and the stored rollups and cards for the pages."""

import pandas as pd
from django.apps import apps
from django.db.models import Exists, F, OuterRef, Q

from assurance.choices import OrgKind, State
from assurance.models import Assessment, Cycle, Organisation
from assurance.reference import ENGLAND_CODE

from .models import PeerGroupMember, PeerMeasure, Publication, ReportCard, Rollup

SIGNED_OFF = (State.REPORTED, State.PUBLISHED)
RATING_COLUMNS = ["pct", "sha", "competency", "level"]
RAG_COLUMNS = ["pct", "sha", "area", "rag"]
RESULT_COLUMNS = ["pct", "sha", "indicator", "comparison", "quartile", "trend"]


def _model(app_label: str, name: str):
    """Another app's model, or None while that app does not provide it."""
    try:
        return apps.get_model(app_label, name)
    except LookupError:
        return None


def signed_off(cycle: Cycle):
    """The cycle's assessments whose panel report is signed off (reported or published)."""
    return Assessment.objects.filter(cycle=cycle, state__in=SIGNED_OFF, organisation__kind=OrgKind.PCT)


def agreed_frames(cycle: Cycle) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The agreed competency levels and governance RAGs of the cycle's signed-off PCTs, as two frames."""
    agreed = _model("panels", "AgreedRating")
    if agreed is None:
        return pd.DataFrame(columns=RATING_COLUMNS), pd.DataFrame(columns=RAG_COLUMNS)
    rows = agreed.objects.filter(assessment__in=signed_off(cycle)).values(
        "level",
        "rag",
        pct=F("assessment__organisation__code"),
        sha=F("assessment__organisation__parent__code"),
        competency_number=F("competency__number"),
        governance_area=F("area"),
    )
    frame = pd.DataFrame(list(rows), columns=["level", "rag", "pct", "sha", "competency_number", "governance_area"])
    ratings = frame.dropna(subset=["competency_number"]).rename(columns={"competency_number": "competency"})
    rags = frame.dropna(subset=["governance_area"]).rename(columns={"governance_area": "area"})
    return (
        ratings[RATING_COLUMNS].astype({"competency": int}).reset_index(drop=True),
        rags[RAG_COLUMNS].astype({"area": int}).reset_index(drop=True),
    )


def result_frame(cycle: Cycle) -> pd.DataFrame:
    """Each PCT's stored benchmark result per indicator for the cycle's data period (empty without outcomes)."""
    benchmark = _model("outcomes", "OrganisationBenchmark")
    if benchmark is None:
        return pd.DataFrame(columns=RESULT_COLUMNS)
    rows = benchmark.objects.filter(organisation__kind=OrgKind.PCT).values_list(
        "organisation__code", "organisation__parent__code", "indicator__code", "comparison", "quartile", "trend"
    )
    return pd.DataFrame(list(rows), columns=RESULT_COLUMNS)


def measure_frame() -> pd.DataFrame:
    """Every PCT's peer measures: indexed by PCT code, one column per measure."""
    rows = PeerMeasure.objects.filter(organisation__kind=OrgKind.PCT).values_list(
        "organisation__code", "measure", "value"
    )
    frame = pd.DataFrame(list(rows), columns=["pct", "measure", "value"])
    return frame.pivot(index="pct", columns="measure", values="value")


def scopes() -> dict[str, Organisation]:
    """England and the SHAs, by code."""
    return {o.code: o for o in Organisation.objects.filter(Q(kind=OrgKind.SHA) | Q(code=ENGLAND_CODE))}


def stored_rollups(cycle: Cycle, scope_codes: list[str]) -> dict[str, dict[str, Rollup]]:
    """The stored rollups of the cycle for the given scopes: {scope code: {kind: Rollup}} in one query."""
    found: dict[str, dict[str, Rollup]] = {code: {} for code in scope_codes}
    for rollup in Rollup.objects.filter(cycle=cycle, scope__code__in=scope_codes).select_related("scope"):
        found[rollup.scope.code][rollup.kind] = rollup
    return found


def live_publication(cycle: Cycle) -> Publication | None:
    """The cycle's publication that is not withdrawn and past its embargo, if any."""
    return Publication.objects.live().filter(cycle=cycle).first()


def open_publication(cycle: Cycle) -> Publication | None:
    """The cycle's publication that is not withdrawn (it may still be under embargo)."""
    return Publication.objects.filter(cycle=cycle, withdrawn_at__isnull=True).first()


def _public_cards():
    live = Publication.objects.live().filter(cycle=OuterRef("cycle"))
    published = Assessment.objects.filter(
        cycle=OuterRef("cycle"), organisation=OuterRef("organisation"), state=State.PUBLISHED
    )
    return ReportCard.objects.filter(Exists(live), Exists(published), organisation__kind=OrgKind.PCT)


def public_card(cycle_code: str, org_code: str) -> ReportCard | None:
    """A published PCT's report card, or None (unpublished cycle, unknown or non-PCT code: the same answer)."""
    return _public_cards().filter(cycle__code=cycle_code, organisation__code=org_code).first()


def public_index(cycle_code: str) -> list[dict]:
    """The published PCTs of a cycle, by SHA then alphabetically, as light dictionaries."""
    return list(
        _public_cards()
        .filter(cycle__code=cycle_code)
        .order_by("organisation__parent__name", "organisation__name")
        .values("organisation__code", "organisation__name", "organisation__parent__name")
    )


def peer_members(pct_codes: list[str] | None = None):
    """Stored peer-group members (optionally of some PCTs), with the peer's code and name."""
    members = PeerGroupMember.objects.select_related("organisation", "peer")
    return members.filter(organisation__code__in=pct_codes) if pct_codes is not None else members


def framework_names(cycle: Cycle) -> dict[str, dict]:
    """Names in framework order: competencies by number, governance areas by id, indicators by code."""
    from competencies.models import Competency
    from governance.models import GovernanceArea

    indicator = _model("outcomes", "Indicator")
    return {
        "competencies": dict(Competency.objects.filter(cycle=cycle).values_list("number", "short_name")),
        "areas": {a.pk: a.name for a in GovernanceArea.objects.filter(cycle=cycle).order_by("order")},
        "indicators": dict(indicator.objects.order_by("code").values_list("code", "name")) if indicator else {},
    }


def pct_rows(cycle: Cycle, ratings: pd.DataFrame, rags: pd.DataFrame) -> pd.DataFrame:
    """Every PCT with its SHA, state in the cycle, agreed level per competency and RAG counts (by SHA, by name)."""
    states = dict(Assessment.objects.filter(cycle=cycle).values_list("organisation__code", "state"))
    pcts = Organisation.objects.pcts().order_by("parent__name", "name").values_list("code", "name", "parent__code")
    frame = pd.DataFrame(list(pcts), columns=["pct", "name", "sha"])
    frame["state"] = frame["pct"].map(states).fillna("not started")
    if not ratings.empty:
        levels = ratings.pivot_table(index="pct", columns="competency", values="level", aggfunc="first")
        levels.columns = [f"competency_{c}" for c in levels.columns]
        frame = frame.merge(levels, left_on="pct", right_index=True, how="left")
    if not rags.empty:
        counts = rags.groupby(["pct", "rag"]).size().unstack("rag", fill_value=0)
        counts = counts.reindex(columns=["red", "amber", "green"], fill_value=0)
        frame = frame.merge(counts, left_on="pct", right_index=True, how="left")
    return frame


def factual_accuracy_open(cycle: Cycle) -> bool:
    """Whether a factual-accuracy window on a draft report of the cycle is still open (False without one)."""
    window = _model("panels", "FactualAccuracyWindow")
    if window is None:
        return False
    return window.objects.filter(report__assessment__cycle=cycle, closed_at__isnull=True).exists()


OUTCOME_COLUMNS = [
    "pct",
    "indicator",
    "name",
    "unit",
    "period",
    "value",
    "lower_ci",
    "upper_ci",
    "england",
    "comparison",
    "quartile",
    "trend",
]


def outcome_frame(cycle: Cycle, pct_codes: list[str]) -> pd.DataFrame:
    """The stored benchmark results of some PCTs for the cycle, with England's value (empty without outcomes)."""
    benchmark = _model("outcomes", "OrganisationBenchmark")
    if benchmark is None:
        return pd.DataFrame(columns=OUTCOME_COLUMNS)
    return pd.DataFrame(columns=OUTCOME_COLUMNS)
