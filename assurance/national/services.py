"""Writes of the national app: store rollups, peer groups and report cards; publish and withdraw a cycle."""

import json
from datetime import datetime

import pandas as pd
from django.db import transaction
from django.utils import timezone

from assurance import access
from assurance.assessments import StaleEdit
from assurance.choices import Action, OrgKind, State
from assurance.codes import ENGLAND_CODE
from assurance.models import Cycle, Organisation
from assurance.services import assessment_transition

from . import areas, cards, peers, rollups, selectors
from .choices import RollupKind
from .models import ModerationNote, ModerationSignOff, PeerGroupMember, Publication, ReportCard, Rollup, Withdrawal
from .signals import in_batch


class PublicationRefused(Exception):
    """Publishing (or withdrawing) is not allowed now; the message says why."""


class AlreadyDone(PublicationRefused):
    """The publication or withdrawal asked for has already happened (a second click of the same button)."""


def _lock_cycle(cycle: Cycle) -> None:
    """Inside a transaction: wait for any other publication or withdrawal of the cycle to finish."""
    Cycle.objects.select_for_update().filter(pk=cycle.pk).first()


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
    tables: dict[str, pd.DataFrame] = {
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
    """Rebuild the stored report cards of the cycle's published PCTs (prepared under embargo too: the public pages
    show a card only once its publication's time has come)."""
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


def _transition(assessments, *, action: str, by, reason: str = "") -> None:
    """Apply one workflow action to each assessment; the caller queues the rollups once after."""
    token = in_batch.set(True)
    try:
        for assessment in assessments:
            assessment_transition(assessment=assessment, action=action, by=by, reason=reason)
    finally:
        in_batch.reset(token)


def _chosen(assessments, pct_codes: list[str] | None) -> list:
    """The assessments of the PCTs named (all when None), by SHA then name."""
    found = assessments.select_related("organisation").order_by("organisation__parent__name", "organisation__name")
    return list(found if pct_codes is None else found.filter(organisation__code__in=pct_codes))


def cycle_publish(
    *, cycle: Cycle, by, visible_from: datetime | None = None, pct_codes: list[str] | None = None
) -> Publication:
    """Publish the report cards of the cycle's PCTs that are ready (signed off, factual-accuracy window closed),
    from `visible_from` (the embargo; now when None), as a new publication record naming them.

    PCTs already published stay as they are (public, or under their own embargo); PCTs still within their
    factual-accuracy window are held back (`selectors.publication_plan` lists them with the day it closes).
    With `pct_codes` (the PCTs a confirmation page showed) only those are published; when every one of them is
    published already (a second click) it is AlreadyDone.
    """
    access.require(by, access.MANAGE_DATA, _england())
    publication_allowed(cycle)
    with transaction.atomic():
        _lock_cycle(cycle)
        plan = selectors.publication_plan(cycle)
        ready = {line.code for line in plan["ready"]}
        wanted = ready if pct_codes is None else ready & set(pct_codes)
        if not wanted:
            published = {line.code for line in plan["published"]}
            if pct_codes and set(pct_codes) <= published:
                raise AlreadyDone(f"Already published: those {cycle.code} report cards were published before.")
            raise PublicationRefused(nothing_ready(cycle, plan))
        assessments = _chosen(selectors.signed_off(cycle).filter(state=State.REPORTED), sorted(wanted))
        _transition(assessments, action=Action.PUBLISH, by=by)
        publication = Publication.objects.create(
            cycle=cycle, visible_from=visible_from or timezone.now(), published_by=by
        )
        publication.pcts.set([a.organisation for a in assessments])
        _queue_rollups(cycle)
    return publication


def publication_allowed(cycle: Cycle) -> None:
    """Raise PublicationRefused when the cycle may not be published now: its framework forbids it, or its
    moderation across SHAs is not signed off."""
    if not cycle.may_publish:
        raise PublicationRefused(f"The {cycle.code} framework does not allow its ratings to be published nationally.")
    if selectors.moderation_sign_off(cycle) is None:
        raise PublicationRefused(
            f"Moderation of {cycle.code} across SHAs has not been signed off: publication waits until a DH analyst "
            "signs it off on the moderation page."
        )


def nothing_ready(cycle: Cycle, plan: dict) -> str:
    """Why there is nothing to publish, naming any PCTs held back and when their windows close."""
    if plan["held_back"]:
        waiting = "; ".join(f"{line.name} until {line.until:%-d %B %Y}" for line in plan["held_back"])
        return f"No {cycle.code} report is ready to publish: factual-accuracy windows are still open ({waiting})."
    return f"No {cycle.code} report is signed off and waiting to be published."


def cycle_withdraw(*, cycle: Cycle, by, reason: str, pct_codes: list[str] | None = None) -> Withdrawal:
    """Withdraw the report cards of the published PCTs named (all when None): they go back to reported, their
    cards disappear at once, and the reason is kept on the withdrawal record and in each PCT's activity log.

    When every PCT named is no longer published (a second click), it is AlreadyDone.
    """
    access.require(by, access.MANAGE_DATA, _england())
    reason = reason.strip()
    if not reason:
        raise PublicationRefused("Give a reason for withdrawing: it is kept with the publication record.")
    with transaction.atomic():
        _lock_cycle(cycle)
        assessments = _chosen(selectors.signed_off(cycle).filter(state=State.PUBLISHED), pct_codes)
        if not assessments:
            if pct_codes:
                raise AlreadyDone(f"Already withdrawn: those {cycle.code} report cards are no longer published.")
            raise PublicationRefused(f"No {cycle.code} report card is published.")
        _transition(assessments, action=Action.WITHDRAW, by=by, reason=reason)
        withdrawal = Withdrawal.objects.create(cycle=cycle, withdrawn_by=by, reason=reason)
        organisations = [a.organisation for a in assessments]
        withdrawal.pcts.set(organisations)
        ReportCard.objects.filter(cycle=cycle, organisation__in=organisations).delete()
        _queue_rollups(cycle)
    return withdrawal


# Moderation across SHAs ------------------------------------------------------------------------------------------


class ModerationRefused(PublicationRefused):
    """A moderation note or sign-off that is not allowed now; the message says why."""


def _moderation_open(cycle: Cycle) -> None:
    signed = selectors.moderation_sign_off(cycle)
    if signed is not None:
        when = timezone.localtime(signed.signed_off_at)
        raise ModerationRefused(
            f"Moderation of {cycle.code} was signed off on {when.day} {when:%B %Y}: its notes can no longer change."
        )


def moderation_note_save(
    *, cycle: Cycle, sha: Organisation, competency=None, area=None, text: str, by, version: int
) -> ModerationNote:
    """Record (or change) DH's moderation note on one SHA's ratings of one competency or one governance area (the
    area as a whole: an item beneath it is refused). Exactly one of `competency` and `area`.

    `version` is the note's version the form was loaded with (0 when there was none): a save over someone else's
    newer note is refused with StaleEdit. Refused once the cycle's moderation is signed off.
    """
    access.require(by, access.MANAGE_DATA, _england())
    if (competency is None) == (area is None):
        raise ValueError("A moderation note is on one competency or one governance area.")
    if area is not None and not area.is_area:
        raise ValueError("Moderation notes are on a governance area as a whole, not an item beneath it.")
    item = {"competency": competency} if competency is not None else {"area": area}
    text = text.strip()
    if not text:
        raise ModerationRefused("Enter the moderation note")
    with transaction.atomic():
        _lock_cycle(cycle)
        _moderation_open(cycle)
        note = ModerationNote.objects.select_for_update().filter(cycle=cycle, sha=sha, **item).order_by("pk").first()
        if (note.version if note else 0) != version:
            raise StaleEdit(note)
        if note is None:
            note = ModerationNote(cycle=cycle, sha=sha, version=0, **item)
        note.text, note.written_by, note.written_at = text, by, timezone.now()
        note.version += 1
        note.save()
    return note


def moderation_sign_off(*, cycle: Cycle, by, notes: str = "") -> ModerationSignOff:
    """DH signs off the cycle's moderation across SHAs (who, when, notes): publication is allowed from then on.

    Refused while no PCT's report is signed off (nothing to moderate); a second sign-off is AlreadyDone.
    """
    access.require(by, access.MANAGE_DATA, _england())
    with transaction.atomic():
        _lock_cycle(cycle)
        if selectors.moderation_sign_off(cycle) is not None:
            raise AlreadyDone(f"Moderation of {cycle.code} is already signed off.")
        counted = selectors.signed_off(cycle).count()
        if not counted:
            raise ModerationRefused(f"No {cycle.code} report is signed off yet: there is nothing to moderate.")
        return ModerationSignOff.objects.create(
            cycle=cycle,
            signed_off_by=by,
            notes=notes.strip(),
            threshold=selectors.moderation_threshold(),
            pcts_counted=counted,
        )
