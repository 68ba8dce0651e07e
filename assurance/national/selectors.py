"""Reads of the national app: frames for the rollup task, and the stored rollups and cards for the pages."""

from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, cached_property

import pandas as pd
from django.contrib.auth import get_user_model
from django.db.models import F, OuterRef, Prefetch, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from assurance import pagecache
from assurance.choices import OrgKind, State
from assurance.codes import ENGLAND_CODE
from assurance.models import Assessment, Cycle, Membership, Organisation
from outcomes.models import Benchmark, Indicator, OrganisationBenchmark, PriorityOutcome
from panels import selectors as panel_selectors

from . import charts, moderation
from .choices import RollupKind
from .models import (
    ModerationNote,
    ModerationSignOff,
    PeerGroupMember,
    PeerMeasure,
    Publication,
    ReportCard,
    Rollup,
    Withdrawal,
)

SIGNED_OFF = (State.REPORTED, State.PUBLISHED)
RATING_COLUMNS = ["pct", "sha", "competency", "level"]
RAG_COLUMNS = ["pct", "sha", "area", "rag"]
RESULT_COLUMNS = ["pct", "sha", "indicator", "comparison", "quartile", "trend"]


def signed_off(cycle: Cycle):
    """The cycle's assessments whose panel report is signed off (reported or published)."""
    return Assessment.objects.filter(cycle=cycle, state__in=SIGNED_OFF, organisation__kind=OrgKind.PCT)


def agreed_frames(cycle: Cycle) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every signed-off PCT of the cycle against every competency and governance area, with its agreed level
    or RAG as its latest signed-off report version recorded it (missing where none, so "not rated" is counted too).

    Read from the signed-off snapshots, never the live agreed ratings: a chair drafting a corrected version changes
    those, and nothing national or public may show a draft.
    """
    pcts = list(signed_off(cycle).values_list("pk", "organisation__code", "organisation__parent__code"))
    snapshots = panel_selectors.signed_off_ratings(signed_off(cycle))
    names = framework_names(cycle)
    area_names = names["areas"]
    ratings = [
        (code, sha, number, snapshots.get(pk, {}).get("competencies", {}).get(number))
        for pk, code, sha in pcts
        for number in names["competencies"]
    ]
    rags = [
        (code, sha, area, snapshots.get(pk, {}).get("governance", {}).get(name) or None)
        for pk, code, sha in pcts
        for area, name in area_names.items()
    ]
    levels = pd.DataFrame(ratings, columns=RATING_COLUMNS).astype({"level": "float"})  # a missing level is NaN
    return levels, pd.DataFrame(rags, columns=RAG_COLUMNS)


def _latest_results(cycle: Cycle, pct_codes: list[str] | None, fields: list[str]) -> pd.DataFrame:
    """PCT benchmark results in each indicator's latest period of the cycle (DESIGN.md section 5, cycle bounding:
    periods ending by the end of the cycle's financial year), in one query."""
    paths = ["organisation__code", "organisation__parent__code", "indicator__code", "period_start_year", *fields]
    columns = ["pct", "sha", "indicator", "start_year", *fields]
    rows = OrganisationBenchmark.objects.for_cycle(cycle).filter(org_type=OrgKind.PCT)
    if pct_codes is not None:
        rows = rows.filter(organisation__code__in=pct_codes)
    frame = pd.DataFrame(list(rows.values_list(*paths)), columns=columns)
    latest = frame.groupby("indicator")["start_year"].transform("max")
    return frame[frame["start_year"] == latest].reset_index(drop=True)


def result_frame(cycle: Cycle) -> pd.DataFrame:
    """Each signed-off PCT's stored comparison, quartile and trend per indicator, in the latest period the cycle
    covers (the latest of any PCT's: a PCT without a value then is not counted).

    Only PCTs whose report is signed off count, as in every other national table: the dashboard says so.
    """
    frame = _latest_results(cycle, None, ["comparison", "quartile", "trend"])
    counted = set(signed_off(cycle).values_list("organisation__code", flat=True))
    return frame[frame["pct"].isin(counted)].reset_index(drop=True)[RESULT_COLUMNS]


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


def public_from():
    """For a report card row: when its PCT's current publication (the latest naming it in the cycle) shows."""
    latest = Publication.objects.filter(cycle=OuterRef("cycle"), pcts=OuterRef("organisation"))
    return Subquery(latest.order_by("-published_at", "-pk").values("visible_from")[:1])


def _public_cards(cycle_code: str):
    """Report cards shown to the public: of PCTs in state published whose current publication's embargo has passed.

    A PCT's card shows from the publication that made it public until a withdrawal returns it to reported (and
    deletes the card); publishing other PCTs later never touches it.
    """
    return ReportCard.objects.annotate(public_from=public_from()).filter(
        cycle__code=cycle_code,
        public_from__lte=timezone.now(),
        organisation__kind=OrgKind.PCT,
        organisation__assessments__cycle=F("cycle"),
        organisation__assessments__state=State.PUBLISHED,
    )


def public_card(cycle_code: str, org_code: str) -> ReportCard | None:
    """A published PCT's report card, or None (unpublished cycle, unknown or non-PCT code: the same answer)."""
    return _public_cards(cycle_code).filter(organisation__code=org_code).first()


def public_index(cycle_code: str) -> list[dict]:
    """The published PCTs of a cycle grouped by SHA, alphabetically (never in any order of merit)."""
    rows = (
        _public_cards(cycle_code)
        .order_by("organisation__parent__name", "organisation__name")
        .values_list("organisation__parent__name", "organisation__code", "organisation__name")
    )
    groups: dict[str, list[dict]] = {}
    for sha_name, code, name in rows:
        groups.setdefault(sha_name, []).append({"code": code, "name": name})
    return [{"sha": sha_name, "pcts": pcts} for sha_name, pcts in groups.items()]


def peer_members(pct_codes: list[str] | None = None):
    """Stored peer-group members (optionally of some PCTs), with the peer's code and name."""
    members = PeerGroupMember.objects.select_related("organisation", "peer")
    return members.filter(organisation__code__in=pct_codes) if pct_codes is not None else members


def framework_names(cycle: Cycle) -> dict[str, dict]:
    """Names in framework order: competencies by number, governance areas by id, indicators by code."""
    from competencies.models import Competency
    from governance.models import GovernanceArea

    return {
        "competencies": dict(Competency.objects.filter(cycle=cycle).values_list("number", "short_name")),
        "areas": {a.pk: a.name for a in GovernanceArea.objects.filter(cycle=cycle).order_by("order")},
        "indicators": dict(Indicator.objects.order_by("name").values_list("code", "name")),
    }


def area_names(cycle: Cycle) -> dict[int, str]:
    """The cycle's area-level governance ratings (strategy, finance, board: the ones that count), id to name, in
    framework order; the items beneath them in 2009-10 are left out."""
    from governance.models import GovernanceArea

    return dict(GovernanceArea.objects.filter(cycle=cycle, item="").order_by("order").values_list("pk", "area"))


def area_frame(cycle: Cycle, rags: pd.DataFrame) -> pd.DataFrame:
    """The signed-off RAG frame (`agreed_frames`) narrowed to area-level ratings, each area by its name."""
    names = area_names(cycle)
    return rags[rags["area"].isin(list(names))].assign(area=lambda f: f["area"].map(names)).reset_index(drop=True)


def pct_rows(cycle: Cycle, ratings: pd.DataFrame, rags: pd.DataFrame) -> pd.DataFrame:
    """Every PCT with its SHA, state in the cycle, agreed level per competency and RAG counts (by SHA, by name)."""
    states = dict(Assessment.objects.filter(cycle=cycle).values_list("organisation__code", "state"))
    pcts = Organisation.objects.pcts().order_by("parent__name", "name").values_list("code", "name", "parent__code")
    frame = pd.DataFrame(list(pcts), columns=["pct", "name", "sha"])
    frame["state"] = frame["pct"].map(states).map(dict(State.choices)).fillna("Not started")
    if not ratings.empty:
        levels = ratings.pivot_table(index="pct", columns="competency", values="level", aggfunc="first")
        levels.columns = [f"competency_{c}" for c in levels.columns]
        frame = frame.merge(levels.astype("Int64"), left_on="pct", right_index=True, how="left")
    if not rags.empty:
        counts = rags.groupby(["pct", "rag"]).size().unstack("rag", fill_value=0)
        counts = counts.reindex(columns=["red", "amber", "green"], fill_value=0)
        frame = frame.merge(counts.astype("Int64"), left_on="pct", right_index=True, how="left")
    return frame


@dataclass(frozen=True)
class PctLine:
    """A PCT as the publication pages list it: where it stands, and why it waits if it does."""

    code: str
    name: str
    sha: str
    reason: str = ""
    until: date | None = None  # the day its factual-accuracy window closes
    public_from: datetime | None = None

    @property
    def embargoed(self) -> bool:
        return self.public_from is not None and self.public_from > timezone.now()


FACTUAL_ACCURACY = "Factual-accuracy window still open: the PCT may comment on its report"


def publication_plan(cycle: Cycle) -> dict[str, list[PctLine]]:
    """The cycle's signed-off PCTs by where they stand for publication, each list by SHA then name:

    - `ready`: signed off (reported), every window closed: publishing now makes their cards public;
    - `held_back`: signed off but within the factual-accuracy window their review day sets, with its last day;
    - `published`: published, with the time their card shows from (a future time is an embargo).
    """
    rows = (
        signed_off(cycle)
        .annotate(public_from=Subquery(_latest_publication(cycle)), window=F("review_day__factual_accuracy_until"))
        .order_by("organisation__parent__name", "organisation__name")
        .values_list("organisation__code", "organisation__name", "organisation__parent__name", "state", "public_from",
                     "window")
    )  # fmt: skip
    today = timezone.localdate()
    plan: dict[str, list[PctLine]] = {"ready": [], "held_back": [], "published": []}
    for code, name, sha, state, shown_from, window in rows:
        if state == State.PUBLISHED:
            plan["published"].append(PctLine(code, name, sha, public_from=shown_from))
        elif window is not None and window >= today:
            plan["held_back"].append(PctLine(code, name, sha, reason=FACTUAL_ACCURACY, until=window))
        else:
            plan["ready"].append(PctLine(code, name, sha))
    return plan


def _latest_publication(cycle: Cycle):
    """For an assessment row: the time its PCT's latest publication in the cycle shows from."""
    latest = Publication.objects.filter(cycle=cycle, pcts=OuterRef("organisation"))
    return latest.order_by("-published_at", "-pk").values("visible_from")[:1]


OUTCOME_FIELDS = ["period", "value", "lower_ci", "upper_ci", "comparison", "quartile", "trend", "is_synthetic"]


def outcome_frame(cycle: Cycle, pct_codes: list[str]) -> pd.DataFrame:
    """Some PCTs' latest stored results for the cycle, with the indicator's name and unit and England's value."""
    frame = _latest_results(cycle, pct_codes, OUTCOME_FIELDS)
    if frame.empty:
        return frame.assign(name="", unit="", polarity="", england=None)
    defined = pd.DataFrame(
        list(Indicator.objects.values_list("code", "name", "unit", "polarity")),
        columns=["indicator", "name", "unit", "polarity"],
    )
    england = pd.DataFrame(
        list(
            Benchmark.objects.for_cycle(cycle)
            .filter(org_type=OrgKind.PCT)
            .values_list("indicator__code", "period", "national_average")
        ),
        columns=["indicator", "period", "england"],
    )
    return frame.merge(defined, on="indicator", how="left").merge(england, on=["indicator", "period"], how="left")


def chosen_outcomes(cycle: Cycle, pct_codes: list[str]) -> dict[str, list[str]]:
    """The indicator codes each PCT chose as priority outcomes in the cycle."""
    chosen: dict[str, list[str]] = {code: [] for code in pct_codes}
    rows = PriorityOutcome.objects.filter(assessment__cycle=cycle, assessment__organisation__code__in=pct_codes)
    for pct, indicator in rows.values_list("assessment__organisation__code", "indicator__code"):
        chosen[pct].append(indicator)
    return chosen


def england() -> Organisation:
    return Organisation.objects.get(code=ENGLAND_CODE)


@dataclass
class Section:
    """One rollup on a dashboard: its chart and tables, worked out only when the cached HTML is missing."""

    kind: str
    rollup: Rollup | None
    scope: Organisation
    beside: Rollup | None

    @property
    def title(self) -> str:
        return charts.LAYOUTS[self.kind][0]

    @property
    def cache_key(self) -> str:
        """Changes whenever either rollup is recomputed, so a cached rendering is never stale."""
        stamps = [r.computed_at.timestamp() if r else 0 for r in (self.rollup, self.beside)]
        return "-".join(str(s) for s in stamps)

    @cached_property
    def records(self) -> list[dict]:
        return self.rollup.records if self.rollup else []

    @cached_property
    def columns(self) -> list[tuple[str, str]]:
        return charts.columns(self.kind, extra=False)

    @cached_property
    def extra_columns(self) -> list[tuple[str, str]]:
        return charts.extra_columns(self.kind)

    def rows(self) -> list[list]:
        return _cells(self.records, self.columns)

    def extra_rows(self) -> list[list]:
        return _cells(self.records, self.extra_columns)

    def beside_rows(self) -> list[list] | None:
        return _cells(self.beside.records, self.columns) if self.beside else None

    def beside_extra_rows(self) -> list[list] | None:
        return _cells(self.beside.records, self.extra_columns) if self.beside else None

    def figure(self) -> dict | None:
        return charts.figure(self.kind, self.records, self.scope.name) if self.records else None


def _cells(records: list[dict], columns: list[tuple[str, str]]) -> list[list]:
    return [[r.get(c) for c, _ in columns] for r in records]


def dashboard(cycle: Cycle, scope: Organisation, beside: Organisation | None = None) -> dict:
    """Everything a dashboard page shows, from the stored rollups: one query for the rollups whatever the size."""
    codes = [scope.code] + ([beside.code] if beside else [])
    stored = stored_rollups(cycle, codes)
    own, other = stored[scope.code], stored[beside.code] if beside else {}
    kinds = [k for k in RollupKind.values if k in charts.LAYOUTS]  # the charted ones; areas.html shows the rest
    if cycle.previous is None:
        kinds.remove(RollupKind.PROGRESS)
    context = {
        "cycle": cycle,
        "cycles": list(Cycle.objects.values_list("code", flat=True)),
        "scope": scope,
        "beside": beside,
        "sections": [Section(k, own.get(k), scope, other.get(k) if beside else None) for k in kinds],
        "computed_at": next((r.computed_at for r in own.values()), None),
    }
    if scope.kind == OrgKind.SHA:
        context["pcts"] = _pct_table(cycle, own.get(RollupKind.PCTS))
    else:
        context["shas"] = _sha_summary(cycle)
    return context


@cache
def dashboard_rows() -> tuple[pagecache.Rows, ...]:
    """The rows a request for England's dashboard reads, for its stamp (assurance/pagecache.py): the access rule's
    (the user, their memberships), the SHAs, the cycles and the cycle's rollups shown. Parameters: user (an id) and
    cycle (a code)."""
    select = pagecache.select
    england = f"code = '{ENGLAND_CODE}'"
    own = select(Membership, "user_id = %(user)s", "organisation_id")
    shown = f"scope_id IN ({select(Organisation, england)}) OR kind = '{RollupKind.COMPETENCY_LEVELS.value}'"
    return (
        pagecache.Rows(get_user_model(), "id = %(user)s"),
        pagecache.Rows(Membership, "user_id = %(user)s"),
        pagecache.Rows(Organisation, f"{england} OR kind = '{OrgKind.SHA.value}' OR id IN ({own})"),
        pagecache.Rows(Cycle),
        pagecache.Rows(Rollup, f"cycle_id IN ({select(Cycle, 'code = %(cycle)s')}) AND ({shown})"),
    )


def dashboard_stamp(user, cycle_code: str) -> str | None:
    """A digest of every row a request for England's dashboard reads for this user, the access rule's included."""
    return pagecache.stamp(dashboard_rows(), {"user": user.pk, "cycle": cycle_code})


def _sha_summary(cycle: Cycle) -> list[dict]:
    """Each SHA, alphabetically, with how many of its PCTs are counted (signed off): two queries."""
    counted = {
        r.scope_id: max((row["total"] for row in r.records), default=0)
        for r in Rollup.objects.filter(cycle=cycle, kind=RollupKind.COMPETENCY_LEVELS, scope__kind=OrgKind.SHA)
    }
    return [
        {"code": sha.code, "name": sha.name, "signed_off": counted.get(sha.pk, 0)}
        for sha in Organisation.objects.shas().order_by("name")
    ]


def _pct_table(cycle: Cycle, rollup: Rollup | None) -> dict:
    """The PCTs of an SHA with their state and agreed levels, for the drill-down table."""
    from competencies.models import Competency

    numbers = list(Competency.objects.filter(cycle=cycle).values_list("number", flat=True))
    records = rollup.records if rollup else []
    rows = [
        {
            "code": r["pct"],
            "url": _pct_url(cycle, r["pct"], r["state"]),
            "name": r["name"],
            "state": r["state"],
            "published": r["state"] == State.PUBLISHED.label,
            "levels": [r.get(f"competency_{n}") for n in numbers],
            "rags": [r.get("red"), r.get("amber"), r.get("green")],
        }
        for r in records
    ]
    return {"numbers": numbers, "rows": rows}


def _pct_url(cycle: Cycle, code: str, state: str) -> str:
    """Where a PCT in the drill-down leads: its panel report once signed off, otherwise its organisation page."""
    if state in (State.REPORTED.label, State.PUBLISHED.label):
        return reverse("panels:report", kwargs={"cycle_code": cycle.code, "code": code})
    return reverse("organisation", kwargs={"code": code})


def csv_rows(cycle: Cycle, scope: Organisation, kind: str) -> tuple[list[str], list[list]]:
    """The header and rows of one stored rollup, as its table shows them."""
    rollup = Rollup.objects.filter(cycle=cycle, scope=scope, kind=kind).first()
    records = rollup.records if rollup else []  # not computed yet: the header alone
    columns = charts.columns(kind) if kind != RollupKind.PCTS else charts.pct_columns(framework_names(cycle))
    return [label for _, label in columns], [[r.get(c) for c, _ in columns] for r in records]


def publication_status(cycle: Cycle) -> dict:
    """The cycle's PCTs by where they stand for publication, and its publication history (newest first)."""
    plan = publication_plan(cycle)
    return {
        "cycle": cycle,
        "plan": plan,
        "history": publication_history(cycle),
        "moderation_signed_off": moderation_sign_off(cycle),
        "reported_count": len(plan["ready"]) + len(plan["held_back"]),
        "published_count": len(plan["published"]),
    }


@dataclass(frozen=True)
class HistoryEntry:
    """One publication or withdrawal of a cycle, as the publication page lists it."""

    kind: str  # "published" or "withdrawn"
    when: datetime
    who: str
    pcts: list[tuple[str, str]]  # (code, name), alphabetically by name
    public_from: datetime | None = None
    reason: str = ""


def _person(user) -> str:
    return (user.get_full_name() or user.username) if user else "Unknown"


def publication_history(cycle: Cycle) -> list[HistoryEntry]:
    """Every publication and withdrawal of the cycle, newest first, each with the PCTs it named (four queries)."""
    pcts = Prefetch("pcts", queryset=Organisation.objects.order_by("name"))
    entries = [
        HistoryEntry("published", p.published_at, _person(p.published_by), [(o.code, o.name) for o in p.pcts.all()],
                     public_from=p.visible_from)
        for p in Publication.objects.filter(cycle=cycle).select_related("published_by").prefetch_related(pcts)
    ] + [
        HistoryEntry("withdrawn", w.withdrawn_at, _person(w.withdrawn_by), [(o.code, o.name) for o in w.pcts.all()],
                     reason=w.reason)
        for w in Withdrawal.objects.filter(cycle=cycle).select_related("withdrawn_by").prefetch_related(pcts)
    ]  # fmt: skip
    return sorted(entries, key=lambda e: e.when, reverse=True)


def rollup_document(cycle: Cycle, codes: list[str]) -> dict:
    """The stored rollups of some scopes as one JSON document (the tables the dashboard draws)."""
    stored = stored_rollups(cycle, codes)
    names = dict(Organisation.objects.filter(code__in=codes).values_list("code", "name"))
    return {
        "cycle": cycle.code,
        "scopes": [
            {
                "code": code,
                "name": names.get(code, code),
                "tables": {
                    kind: rollup.table | {"computed_at": rollup.computed_at.isoformat()}
                    for kind, rollup in stored[code].items()
                },
            }
            for code in codes
        ],
    }


# Moderation across SHAs ------------------------------------------------------------------------------------------


def moderation_threshold() -> float:
    from django.conf import settings

    return settings.MODERATION_THRESHOLD


def moderation_comparison(cycle: Cycle, threshold: float, frames: tuple | None = None) -> pd.DataFrame:
    """Each competency and SHA: the distribution and mean of its signed-off agreed levels beside the rest of
    England's, flagged at `threshold` (`moderation.compare`), with SHA and competency names. `frames`: the
    cycle's `agreed_frames` when the caller has read them already."""
    ratings, _ = frames or agreed_frames(cycle)
    shas = dict(Organisation.objects.shas().order_by("name").values_list("code", "name"))
    names = framework_names(cycle)["competencies"]
    table = moderation.compare(ratings, shas=list(shas), competencies=list(names), threshold=threshold)
    return table.assign(sha_name=table["sha"].map(shas), name=table["competency"].map(names))


def moderation_area_comparison(cycle: Cycle, threshold: float, frames: tuple | None = None) -> pd.DataFrame:
    """Each governance area (the area-level ratings, never the items beneath) and SHA: the distribution of its
    signed-off agreed RAGs and mean on red 1, amber 2, green 3 beside the rest of England's, flagged at `threshold`
    (`moderation.compare_areas`), with SHA names. `frames` as for `moderation_comparison`."""
    _, rags = frames or agreed_frames(cycle)
    shas = dict(Organisation.objects.shas().order_by("name").values_list("code", "name"))
    areas = list(area_names(cycle).values())
    table = moderation.compare_areas(area_frame(cycle, rags), shas=list(shas), areas=areas, threshold=threshold)
    return table.assign(sha_name=table["sha"].map(shas))


def _by_sha(flagged: list[dict], flagged_areas: list[dict]) -> list[dict]:
    """The flagged comparisons grouped by SHA (by name): its competencies, then its governance areas."""
    groups: dict[str, dict] = {}
    for key, rows in (("competencies", flagged), ("areas", flagged_areas)):
        for row in rows:
            group = groups.setdefault(row["sha_name"], {"sha_name": row["sha_name"], "competencies": [], "areas": []})
            group[key].append(row)
    return [groups[name] | {"count": len(groups[name]["competencies"]) + len(groups[name]["areas"])}
            for name in sorted(groups)]  # fmt: skip


def moderation_notes(cycle: Cycle, sha_code: str | None = None) -> dict[tuple[str, int | str], ModerationNote]:
    """The cycle's moderation notes of one SHA or all: a competency's by (SHA code, competency number), a governance
    area's by (SHA code, area name)."""
    notes = ModerationNote.objects.filter(cycle=cycle).select_related("sha", "competency", "area", "written_by")
    if sha_code is not None:
        notes = notes.filter(sha__code=sha_code)
    return {(n.sha.code, _note_subject(n)): n for n in notes}


def _note_subject(note: ModerationNote) -> int | str:
    """A note's competency number, or its governance area's name (a note is on exactly one of them)."""
    if note.competency is not None:
        return note.competency.number
    assert note.area is not None  # the database checks that a note has one or the other
    return note.area.area


def moderation_area(cycle: Cycle, anchor: str):
    """The cycle's area-level governance rating whose name slugifies to `anchor` (as on the moderation page), or
    None."""
    from governance.models import GovernanceArea

    areas = GovernanceArea.objects.filter(cycle=cycle, item="").order_by("order")
    return next((area for area in areas if slugify(area.area) == anchor), None)


def moderation_sign_off(cycle: Cycle) -> ModerationSignOff | None:
    return ModerationSignOff.objects.filter(cycle=cycle).select_related("signed_off_by").first()


def moderation_page(cycle: Cycle, sha: Organisation | None = None) -> dict:
    """What a moderation page shows: per competency, each SHA's row (or only `sha`'s) with its note and flag; per
    governance area, the same on red 1, amber 2, green 3, with its note."""
    threshold = moderation_threshold()
    frames = agreed_frames(cycle)
    rows = moderation.records(moderation_comparison(cycle, threshold, frames))
    notes = moderation_notes(cycle, sha.code if sha else None)
    competencies: dict[int, dict] = {}
    for row in rows:
        if sha is not None and row["sha"] != sha.code:
            continue
        row["note"] = notes.get((row["sha"], row["competency"]))
        entry = competencies.setdefault(
            row["competency"], {"number": row["competency"], "name": row["name"], "rows": []}
        )
        entry["rows"].append(row)
    shown = list(competencies.values())
    for entry in shown:
        entry["flagged"] = [r for r in entry["rows"] if r["flagged"]]
    flagged = [r for entry in shown for r in entry["flagged"]]
    areas: dict[str, dict] = {}
    for row in moderation.records(moderation_area_comparison(cycle, threshold, frames)):
        if sha is not None and row["sha"] != sha.code:
            continue
        entry = areas.setdefault(row["area"], {"name": row["area"], "anchor": slugify(row["area"]), "rows": []})
        row["anchor"] = entry["anchor"]
        row["note"] = notes.get((row["sha"], row["area"]))
        entry["rows"].append(row)
    for entry in areas.values():
        entry["flagged"] = [r for r in entry["rows"] if r["flagged"]]
    flagged_areas = [r for entry in areas.values() for r in entry["flagged"]]
    counted = signed_off(cycle).count()
    return {
        "cycle": cycle,
        "cycles": list(Cycle.objects.values_list("code", flat=True)),
        "sha": sha,
        "threshold": threshold,
        "competencies": shown,
        "rows": [r for entry in shown for r in entry["rows"]],
        "flagged": flagged,
        "unnoted": [r for r in flagged if r["note"] is None],
        "unnoted_areas": [r for r in flagged_areas if r["note"] is None],
        "unnoted_total": sum(1 for r in flagged + flagged_areas if r["note"] is None),
        "areas": list(areas.values()),
        "area_rows": [r for entry in areas.values() for r in entry["rows"]],
        "flagged_areas": flagged_areas,
        "flagged_by_sha": _by_sha(flagged, flagged_areas),
        "flagged_total": len(flagged) + len(flagged_areas),
        "pcts_counted": counted,
        "sign_off": moderation_sign_off(cycle),
        "figure": charts.moderation_figure(shown, threshold, sha.name if sha else None) if counted else None,
    }


MODERATION_CSV = [
    ("kind", "Compared"),
    ("competency", "Competency number"),
    ("name", "Competency or governance area"),
    ("sha", "SHA code"),
    ("sha_name", "SHA"),
    ("level_1", "Level 1"),
    ("level_2", "Level 2"),
    ("level_3", "Level 3"),
    ("level_4", "Level 4"),
    ("red", "Red"),
    ("amber", "Amber"),
    ("green", "Green"),
    ("rated", "PCTs rated"),
    ("scale", "Scale of the means"),
    ("mean", "Mean"),
    ("rest_rated", "Rest of England: PCTs rated"),
    ("rest_mean", "Rest of England: mean"),
    ("difference", "Difference"),
    ("flagged", "Flagged"),
    ("note", "Moderation note"),
]
LEVEL_SCALE = "levels 1 to 4"
RAG_SCALE = "red 1, amber 2, green 3"


def moderation_csv(cycle: Cycle, sha: Organisation | None = None) -> tuple[list[str], list[list]]:
    """The moderation table as CSV (means to two decimal places, as on the page), one SHA's or every SHA's: the
    competencies' rows, then the governance areas' (with the RAG counts and means on red 1, amber 2, green 3)."""
    page = moderation_page(cycle, sha)
    competency_rows = [
        row | {"kind": "competency", "scale": LEVEL_SCALE, "note": row["note"].text if row["note"] else ""}
        for entry in page["competencies"]
        for row in entry["rows"]
    ]
    area_rows = [
        row
        | {
            "kind": "governance area",
            "scale": RAG_SCALE,
            "competency": "",
            "name": row["area"],
            "note": row["note"].text if row["note"] else "",
        }
        for row in page["area_rows"]
    ]
    rows = []
    for cells in competency_rows + area_rows:
        for key in ("mean", "rest_mean", "difference"):
            cells[key] = "" if cells[key] is None else f"{cells[key]:.2f}"
        cells["flagged"] = "yes" if cells["flagged"] else "no"
        rows.append([cells.get(key, "") for key, _ in MODERATION_CSV])
    return [label for _, label in MODERATION_CSV], rows


def _percent(share) -> str:
    return "-" if share is None else f"{share * 100:.0f}%"


def _points(change) -> str:
    return "-" if change is None else f"{change * 100:+.0f} points"


def _level(mean) -> str:
    return "-" if mean is None else f"{mean:.2f}"


def _level_change(change) -> str:
    return "-" if change is None else f"{change:+.2f}"


def area_page(cycle: Cycle, scope: Organisation) -> dict:
    """Governance by area and mean agreed levels of a scope, this cycle beside the previous one, from the stored
    rollups (signed-off ratings only): display-ready tables for `national/areas.html`."""
    from . import areas

    previous = cycle.previous
    shas = list(Organisation.objects.shas().order_by("name")) if scope.code == ENGLAND_CODE else []
    codes = list(dict.fromkeys([scope.code, ENGLAND_CODE, *[s.code for s in shas]]))
    now = stored_rollups(cycle, codes)
    before = stored_rollups(previous, codes) if previous else {code: {} for code in codes}

    def records(stored, code, kind) -> list[dict]:
        rollup = stored.get(code, {}).get(kind)
        return rollup.records if rollup else []

    this, last = cycle.code, previous.code if previous else "previous cycle"
    current_areas = records(now, scope.code, RollupKind.GOVERNANCE_AREAS)
    shares = ("share_red", "share_amber", "share_green")
    area_rows = [
        [r["name"], r["red"], r["amber"], r["green"], r["not_rated"], *[_percent(r.get(s)) for s in shares]]
        for r in current_areas
    ]
    moved = areas.side_by_side(
        records(before, scope.code, RollupKind.GOVERNANCE_AREAS), current_areas, "area", ["share_green", "share_red"]
    )
    movement_rows = [
        [
            r["name"],
            _percent(r["previous_share_green"]),
            _percent(r["share_green"]),
            _points(r["change_share_green"]),
            _percent(r["previous_share_red"]),
            _percent(r["share_red"]),
            _points(r["change_share_red"]),
        ]
        for r in moved
    ]
    every = {
        "previous": next(iter(records(before, scope.code, RollupKind.GOVERNANCE_ALL)), {}),
        "current": next(iter(records(now, scope.code, RollupKind.GOVERNANCE_ALL)), {}),
    }

    def of(row: dict, count: str, share: str) -> str:
        if not row:
            return "-"
        return f"{row[count]} of {row['rated_all']} ({_percent(row[share])})"

    def change(share: str):
        a, b = every["previous"].get(share), every["current"].get(share)
        return _points(None if a is None or b is None else round(b - a, 4))

    every_rows = [
        [label, of(every["previous"], count, share), of(every["current"], count, share), change(share)]
        for label, count, share in (
            ("Green on every area", "green_all", "share_green_all"),
            ("Red on every area", "red_all", "share_red_all"),
        )
    ]
    current_means = records(now, scope.code, RollupKind.COMPETENCY_MEANS)
    means = areas.side_by_side(
        records(before, scope.code, RollupKind.COMPETENCY_MEANS), current_means, "competency", ["mean"]
    )
    rated = {r["competency"]: r["rated"] for r in current_means}
    england = {r["competency"]: r["mean"] for r in records(now, ENGLAND_CODE, RollupKind.COMPETENCY_MEANS)}
    mean_columns = ["Competency", f"Mean {last}", f"Mean {this}", "Change", f"PCTs rated {this}"]
    if scope.code != ENGLAND_CODE:
        mean_columns.append(f"England {this}")
    mean_rows = [
        [
            f"{r['competency']}. {r['name']}",
            _level(r["previous_mean"]),
            _level(r["mean"]),
            _level_change(r["change_mean"]),
            rated.get(r["competency"], "-"),
            *([_level(england.get(r["competency"]))] if scope.code != ENGLAND_CODE else []),
        ]
        for r in means
    ]
    by_sha = None
    if shas:
        per_sha = {
            sha.code: {
                r["competency"]: r
                for r in areas.side_by_side(
                    records(before, sha.code, RollupKind.COMPETENCY_MEANS),
                    records(now, sha.code, RollupKind.COMPETENCY_MEANS),
                    "competency",
                    ["mean"],
                )
            }
            for sha in shas
        }

        def cell(code, number) -> str:
            row = per_sha[code].get(number)
            if row is None or row["mean"] is None:
                return "-"
            moved = f" ({_level_change(row['change_mean'])})" if row["change_mean"] is not None else ""
            return f"{_level(row['mean'])}{moved}"

        by_sha = {
            "columns": [("name", "Competency"), *[(s.code, s.name) for s in shas]],
            "rows": [
                [f"{r['competency']}. {r['name']}", *[cell(s.code, r["competency"]) for s in shas]] for r in means
            ],
        }
    return {
        "cycle": cycle,
        "previous": previous,
        "scope": scope,
        "area_columns": [(c, label) for c, label in charts.TABLE_COLUMNS[RollupKind.GOVERNANCE_AREAS] if c != "rated"],
        "area_rows": area_rows,
        "movement_columns": [
            (c, c)
            for c in (
                "Governance area",
                f"Green {last}",
                f"Green {this}",
                "Change",
                f"Red {last}",
                f"Red {this}",
                "Change",
            )
        ],
        "movement_rows": movement_rows,
        "every_columns": [(c, c) for c in ("", last, this, "Change in share")],
        "every_rows": every_rows,
        "mean_columns": [(c, c) for c in mean_columns],
        "mean_rows": mean_rows,
        "by_sha": by_sha,
        "kinds": [RollupKind.GOVERNANCE_AREAS, RollupKind.GOVERNANCE_ALL, RollupKind.COMPETENCY_MEANS],
        "computed_at": next((r.computed_at for r in now.get(scope.code, {}).values()), None),
    }
