"""Writes of the national app: store rollups, peer groups and report cards; publish and withdraw a cycle."""

import json
from datetime import datetime

import pandas as pd
from django.db import transaction
from django.utils import timezone

from assurance import access
from assurance.choices import Action, OrgKind, State
from assurance.codes import ENGLAND_CODE
from assurance.models import Cycle, Organisation
from assurance.services import assessment_transition

from . import areas, cards, peers, rollups, selectors
from .choices import RollupKind
from .models import PeerGroupMember, Publication, ReportCard, Rollup
from .signals import in_batch


class PublicationRefused(Exception):
    """Publishing (or withdrawing) a cycle is not allowed now; the message says why."""


class AlreadyDone(PublicationRefused):
    """The publication or withdrawal asked for has already happened (a second click of the same button)."""


# `seen` of cycle_publish and cycle_withdraw: the open publication the page showed, or NOT_PUBLISHED; UNCHECKED
# leaves the check out (callers other than the publication page).
NOT_PUBLISHED, UNCHECKED = "none", None


def _lock_publication(cycle: Cycle) -> Publication | None:
    """Inside a transaction: wait for any other publication or withdrawal of the cycle, then its open publication."""
    Cycle.objects.select_for_update().filter(pk=cycle.pk).first()
    return selectors.open_publication(cycle)


def _table(frame: pd.DataFrame) -> dict:
    """A frame as JSON-ready {"columns", "rows"} (numpy numbers become plain numbers, missing values None)."""
    split = json.loads(frame.to_json(orient="split", index=False))
    return {"columns": split["columns"], "rows": split["data"]}


def _named(table: pd.DataFrame, key: str, names: dict, *, complete: bool = True) -> pd.DataFrame:
    """Add a `name` column after the key and order rows as `names` (the framework's order).

    With `complete`, a scope with any count gets a row for every key in `names` (zeros where none), so a table
    always lists every competency or area of the framework.
    """
    if complete and not table.empty:
        full = pd.MultiIndex.from_product([table["scope"].unique(), list(names)], names=["scope", key])
        table = table.set_index(["scope", key]).reindex(full.union(table.set_index(["scope", key]).index))
        table = table.fillna(0).astype(int).reset_index()
    order = {k: i for i, k in enumerate(names)}
    named = table.assign(name=table[key].map(names).fillna(table[key].astype(str)))
    named = named.assign(_order=named[key].map(order)).sort_values(["scope", "_order"], kind="stable")
    columns = ["scope", key, "name", *[c for c in table.columns if c not in ("scope", key)]]
    return named[columns].reset_index(drop=True)


def rollup_tables(cycle: Cycle) -> dict[str, pd.DataFrame]:
    """Every rollup table of the cycle, each with a `scope` column (England and each SHA)."""
    ratings, rags = selectors.agreed_frames(cycle)
    names = selectors.framework_names(cycle)
    tables = {
        RollupKind.COMPETENCY_LEVELS: _named(rollups.competency_levels(ratings), "competency", names["competencies"]),
        RollupKind.GOVERNANCE_RAG: _named(rollups.governance_rag(rags), "area", names["areas"]),
        RollupKind.INDICATORS: _named(
            rollups.indicator_comparison(selectors.result_frame(cycle)),
            "indicator",
            names["indicators"],
            complete=False,
        ),
    }
    previous = selectors.agreed_frames(cycle.previous)[0] if cycle.previous else ratings.iloc[0:0]
    tables[RollupKind.PROGRESS] = _named(rollups.progress(previous, ratings), "competency", names["competencies"])
    tables[RollupKind.PCTS] = selectors.pct_rows(cycle, ratings, rags).assign(scope=lambda f: f["sha"])
    area_rags = selectors.area_frame(cycle, rags)
    area_order = {name: name for name in selectors.area_names(cycle).values()}
    tables[RollupKind.GOVERNANCE_AREAS] = _named(areas.area_counts(area_rags), "area", area_order, complete=False)
    tables[RollupKind.GOVERNANCE_ALL] = areas.every_area(area_rags, list(area_order))
    tables[RollupKind.COMPETENCY_MEANS] = _named(
        areas.competency_means(ratings), "competency", names["competencies"], complete=False
    )
    return tables


def _store_rollups(cycle: Cycle, tables: dict[str, pd.DataFrame]) -> int:
    """Replace the cycle's stored rollups with these tables, one row per scope and kind."""
    scopes = selectors.scopes()
    now = timezone.now()
    stored = [
        Rollup(cycle=cycle, scope=scope, kind=kind, table=_table(rollups.for_scope(table, code)), computed_at=now)
        for kind, table in tables.items()
        for code, scope in scopes.items()
        if kind != RollupKind.PCTS or scope.kind == OrgKind.SHA
    ]
    # Upsert (not delete and insert), so two runs for the same cycle at once cannot collide on the unique key.
    Rollup.objects.bulk_create(
        stored, update_conflicts=True, unique_fields=["cycle", "scope", "kind"], update_fields=["table", "computed_at"]
    )
    return len(stored)


def peer_groups_refresh() -> int:
    """Recompute every PCT's peer group from the stored measures and store it (a rerun changes nothing)."""
    groups = peers.nearest_neighbours(selectors.measure_frame())
    orgs = {o.code: o for o in Organisation.objects.pcts()}
    members = [
        PeerGroupMember(organisation=orgs[row.pct], peer=orgs[row.peer], distance=row.distance)
        for row in groups.itertuples()
    ]
    with transaction.atomic():
        kept = PeerGroupMember.objects.bulk_create(
            members, update_conflicts=True, unique_fields=["organisation", "peer"], update_fields=["distance"]
        )
        PeerGroupMember.objects.exclude(pk__in=[m.pk for m in kept]).delete()
    return len(members)


def report_cards_refresh(cycle: Cycle) -> int:
    """Rebuild the stored report cards of the cycle's published PCTs (none while the cycle is not published)."""
    published = []
    if selectors.open_publication(cycle) is not None:
        published = list(selectors.signed_off(cycle).filter(state=State.PUBLISHED).select_related("organisation"))
    built = cards.build(cycle, [a.organisation for a in published])
    now = timezone.now()
    with transaction.atomic():
        ReportCard.objects.bulk_create(
            [ReportCard(cycle=cycle, organisation=org, card=card, computed_at=now) for org, card in built],
            update_conflicts=True,
            unique_fields=["cycle", "organisation"],
            update_fields=["card", "computed_at"],
        )
        ReportCard.objects.filter(cycle=cycle).exclude(organisation__in=[org for org, _ in built]).delete()
    return len(built)


def rollups_refresh(*, cycle: Cycle) -> str:
    """Compute and store everything the national pages read for a cycle; return a summary line."""
    peer_count = peer_groups_refresh()
    rollup_count = _store_rollups(cycle, rollup_tables(cycle))
    card_count = report_cards_refresh(cycle)
    return f"{cycle.code}: {rollup_count} rollups, {card_count} report cards, {peer_count} peer links"


def _england() -> Organisation:
    return Organisation.objects.get(code=ENGLAND_CODE)


def _queue_rollups(cycle: Cycle) -> None:
    from .tasks import compute_rollups

    transaction.on_commit(lambda: compute_rollups.delay(cycle.pk))


def _transition_all(cycle: Cycle, *, state: str, action: str, by, reason: str = "") -> int:
    """Apply one workflow action to each of the cycle's assessments in `state`, recomputing rollups once after."""
    token = in_batch.set(True)
    try:
        with transaction.atomic():
            assessments = selectors.signed_off(cycle).filter(state=state).select_related("organisation")
            for assessment in assessments:
                assessment_transition(assessment=assessment, action=action, by=by, reason=reason)
            count = len(assessments)
    finally:
        in_batch.reset(token)
    return count


def cycle_publish(
    *, cycle: Cycle, by, visible_from: datetime | None = None, seen: str | None = UNCHECKED
) -> Publication:
    """Publish the ratings of every PCT of the cycle whose report is signed off, from `visible_from` (embargo).

    With `seen` (what the page showed: NOT_PUBLISHED or the open publication's id), a publication made since the
    page was shown (a second click) is AlreadyDone rather than published again.
    """
    access.require(by, access.MANAGE_DATA, _england())
    if not cycle.may_publish:
        raise PublicationRefused(f"The {cycle.code} framework does not allow its ratings to be published nationally.")
    if selectors.factual_accuracy_open(cycle):
        raise PublicationRefused("A factual-accuracy window is still open: publish once every window has closed.")
    with transaction.atomic():
        publication = _lock_publication(cycle)
        if seen is not UNCHECKED and publication is not None and str(publication.pk) != seen:
            raise AlreadyDone(f"{cycle.code} is already published.")
        publication = publication or Publication(cycle=cycle, published_by=by)
        publication.visible_from = visible_from or publication.visible_from or timezone.now()
        _transition_all(cycle, state=State.REPORTED, action=Action.PUBLISH, by=by)
        publication.pct_count = selectors.signed_off(cycle).filter(state=State.PUBLISHED).count()
        publication.save()
        _queue_rollups(cycle)
    return publication


def cycle_withdraw(*, cycle: Cycle, by, reason: str, seen: str | None = UNCHECKED) -> Publication:
    """Withdraw the cycle's publication: its PCTs go back to reported and their report cards disappear.

    With `seen` (the id of the open publication the page showed), a publication withdrawn since the page was shown
    (a second click) is AlreadyDone.
    """
    access.require(by, access.MANAGE_DATA, _england())
    if not reason.strip():
        raise PublicationRefused("Give a reason for withdrawing: it is kept with the publication record.")
    with transaction.atomic():
        publication = _lock_publication(cycle)
        if seen is not UNCHECKED and (publication is None or str(publication.pk) != seen):
            raise AlreadyDone(f"The publication of {cycle.code} is already withdrawn.")
        if publication is None:
            raise PublicationRefused(f"{cycle.code} is not published.")
        _transition_all(cycle, state=State.PUBLISHED, action=Action.WITHDRAW, by=by, reason=reason)
        publication.withdrawn_at, publication.withdrawn_by = timezone.now(), by
        publication.withdrawn_reason = reason.strip()
        publication.save()
        ReportCard.objects.filter(cycle=cycle).delete()
        _queue_rollups(cycle)
    return publication
