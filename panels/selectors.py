"""Reads of the panels app: the pack, the review-day workspace, reports, upcoming days and SHA summaries."""

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from assurance import discovery, pagecache
from assurance.choices import State
from assurance.models import Assessment, Cycle, Membership, Organisation
from competencies.models import Competency, CompetencyAssessment
from evidence.models import Evidence
from feedback import selectors as feedback_selectors
from governance.models import GovernanceArea, GovernanceDeclaration

from . import access, differences, movement, outcomes
from .access import Seat
from .choices import WIDE_SPREAD, ReportState
from .models import AgreedRating, Panel, PanelMember, ProvisionalRating, Report, ReviewDay


@dataclass
class Row:
    """One rated item (a competency or a governance area) with everything a page shows beside it."""

    key: str
    kind: str  # "competency" or "governance"
    item: Any  # the Competency ("competency") or the GovernanceArea ("governance")
    self_value: object = None
    narrative: str = ""
    own: ProvisionalRating | None = None
    others: list = field(default_factory=list)  # (PanelMember, ProvisionalRating | None)
    revealed: bool = False
    spread: int | None = None
    agreed: AgreedRating | None = None
    previous: object = None
    evidence: list = field(default_factory=list)
    area_rating: bool = False  # an area's own rating in a cycle whose areas hold items (the one that counts)

    @property
    def label(self) -> str:
        if self.kind == "competency":
            return f"{self.item.number}. {self.item.short_name}"
        return f"{self.item.name} (area rating)" if self.area_rating else self.item.name

    @property
    def notes(self) -> list[tuple]:
        """Members' notes on this item, once revealed: (member, text)."""
        return [(m, r.notes) for m, r in self.others if r and r.notes] if self.revealed else []

    @property
    def wide(self) -> bool:
        return self.spread is not None and self.spread >= WIDE_SPREAD


def _items(cycle: Cycle) -> list[Row]:
    """Every competency and governance area of the cycle as empty rows (two queries)."""
    rows = [Row(f"c{c.pk}", "competency", c) for c in Competency.objects.filter(cycle=cycle).order_by("number")]
    areas = list(GovernanceArea.objects.filter(cycle=cycle).order_by("order"))
    has_items = any(not a.is_area for a in areas)
    rows += [Row(f"g{a.pk}", "governance", a, area_rating=has_items and a.is_area) for a in areas]
    return rows


def _self_assessed(assessment: Assessment) -> dict[str, tuple]:
    """The PCT's submitted level or RAG and narrative per item key (two queries)."""
    answers = CompetencyAssessment.objects.filter(assessment=assessment).order_by()  # no ordering: no joins
    found: dict[str, tuple] = {
        f"c{pk}": (level, narrative)
        for pk, level, narrative in answers.values_list("competency_id", "level", "narrative")
    }
    declarations = GovernanceDeclaration.objects.filter(assessment=assessment).order_by()
    found |= {
        f"g{pk}": (rag or None, text) for pk, rag, text in declarations.values_list("area_id", "rag", "commentary")
    }
    return found


def _value(rating) -> object:
    if rating is None:
        return None
    return rating.level if rating.competency_id else (rating.rag or None)


def rated(rating) -> bool:
    """Whether a provisional rating carries a level or RAG: from then on the member sees colleagues' ratings of the
    item, so the rating may change but not be withdrawn (`services.provisional_ratings_save`)."""
    return _value(rating) is not None


def item_labels(cycle: Cycle, keys: list[str]) -> list[str]:
    """The labels of some items of the cycle, in framework order."""
    return [row.label for row in _items(cycle) if row.key in keys]


@cache
def workspace_rows() -> tuple[pagecache.Rows, ...]:
    """The rows a request for the review-day workspace reads, for its stamp (assurance/pagecache.py): the access
    rule's (the user, their memberships, the PCT, its review days and panels), the base page's, the grid's, partner
    feedback's and the apps' parts'. Parameters: user (an id) and code (the PCT's)."""
    select = pagecache.select
    assessments = f"assessment_id IN ({pagecache.pct_assessments()})"
    panels = select(ReviewDay, assessments, "panel_id")
    pct = f"code = %(code)s OR id IN ({select(Organisation, 'code = %(code)s', 'parent_id')})"  # and its SHA
    own = [
        pagecache.Rows(
            get_user_model(), f"id = %(user)s OR id IN ({select(PanelMember, f'panel_id IN ({panels})', 'user_id')})"
        ),
        pagecache.Rows(Membership, "user_id = %(user)s"),
        pagecache.Rows(Organisation, f"{pct} OR id IN ({select(Membership, 'user_id = %(user)s', 'organisation_id')})"),
        pagecache.Rows(Cycle),
        pagecache.Rows(Assessment, f"id IN ({pagecache.pct_assessments()})"),
        pagecache.Rows(ReviewDay, assessments),
        pagecache.Rows(Panel, f"id IN ({panels})"),
        pagecache.Rows(PanelMember, f"panel_id IN ({panels})"),
        pagecache.Rows(Competency),
        pagecache.Rows(GovernanceArea),
        pagecache.Rows(CompetencyAssessment, assessments),
        pagecache.Rows(GovernanceDeclaration, assessments),
        pagecache.Rows(ProvisionalRating, f"review_day_id IN ({select(ReviewDay, assessments)})"),
        pagecache.Rows(AgreedRating, assessments),
        pagecache.Rows(Report, assessments),
    ]
    return (*own, *feedback_selectors.panel_rows(), *discovery.page_rows("workspace"))


def workspace_stamp(user, code: str) -> str | None:
    """A digest of every row a request for the PCT's workspace reads for this user, the access rule's included."""
    return pagecache.stamp(workspace_rows(), {"user": user.pk, "code": code})


def rows_for(review_day: ReviewDay, user, seat: Seat, *, reveal_all: bool = False) -> list[Row]:
    """Rows of the pack or workspace: a fixed number of queries whatever the panel size."""
    assessment = review_day.assessment
    rows = _items(assessment.cycle)
    own_self = _self_assessed(assessment)
    provisional: dict[tuple[str, int], ProvisionalRating] = {
        (p.item_key, p.member_id): p for p in ProvisionalRating.objects.filter(review_day=review_day)
    }
    agreed = {a.item_key: a for a in AgreedRating.objects.filter(assessment=assessment)}
    members = list(review_day.panel.members.all())
    for row in rows:
        row.self_value, row.narrative = own_self.get(row.key, (None, ""))
        row.own = provisional.get((row.key, user.pk))
        row.revealed = access.sees_others_ratings(seat, own_rated=rated(row.own), reveal_all=reveal_all)
        row.others = [(m, provisional.get((row.key, m.user_id))) for m in members]
        row.spread = differences.spread([_value(p) for _, p in row.others]) if row.revealed else None
        row.agreed = agreed.get(row.key)
    return rows


def previous_agreed(assessment: Assessment) -> dict[str, object]:
    """The previous cycle's agreed ratings, keyed as this cycle's rows (competency by number, area by name)."""
    previous = assessment.cycle.previous
    if previous is None:
        return {}
    report = (
        Report.objects.filter(
            assessment__organisation_id=assessment.organisation_id, assessment__cycle=previous,
            state=ReportState.SIGNED_OFF,
        )
        .order_by("-version")
        .first()
    )  # fmt: skip
    if report is None:
        return {}
    found = {f"n{r['number']}": r for r in report.ratings_snapshot.get("competencies", [])}
    found |= {f"a{r['name']}": r for r in report.ratings_snapshot.get("governance", [])}
    return found


def pack(review_day: ReviewDay, user, seat: Seat) -> dict:
    """Everything a member reads before the day, with their own provisional ratings."""
    rows = rows_for(review_day, user, seat)
    previous = previous_agreed(review_day.assessment)
    documents, supports = _evidence(review_day.assessment, rows)
    for row in rows:
        key = f"n{row.item.number}" if row.kind == "competency" else f"a{row.item.area}"
        row.previous = previous.get(key)
        row.evidence = supports.get(row.key, [])
    return {
        "rows": rows,
        "rated": sum(1 for row in rows if rated(row.own)),
        "evidence": documents,
        "competency_rows": [r for r in rows if r.kind == "competency"],
        "governance_rows": [r for r in rows if r.kind == "governance"],
        "previous_governance": [v for k, v in previous.items() if k.startswith("a")],
        "previous_cycle": review_day.assessment.cycle.previous,
        "scorecard": scorecard_for(review_day.assessment),
    }


def _evidence(assessment: Assessment, rows: list[Row]) -> tuple[list[Evidence], dict[str, list[Evidence]]]:
    """The PCT's evidence documents, each with the labels of the items it supports (`supports`), and the documents
    by the key of each item they support. The links come from the join tables as plain pairs and are matched to
    the rows already loaded, rather than prefetching the competencies and areas as objects again."""
    documents = list(Evidence.objects.filter(assessment=assessment))
    if not documents:
        return [], {}
    keys_of: dict[int, set[str]] = {document.pk: set() for document in documents}
    competency_links = Evidence.competencies.through.objects.filter(evidence_id__in=keys_of)
    for evidence_id, competency_id in competency_links.values_list("evidence_id", "competency_id"):
        keys_of[evidence_id].add(f"c{competency_id}")
    area_links = Evidence.governance_areas.through.objects.filter(evidence_id__in=keys_of)
    for evidence_id, area_id in area_links.values_list("evidence_id", "governancearea_id"):
        keys_of[evidence_id].add(f"g{area_id}")
    by_item: dict[str, list[Evidence]] = {}
    for document in documents:
        supported = [row for row in rows if row.key in keys_of[document.pk]]  # competencies, then areas, in order
        document.supports = [row.label for row in supported]  # type: ignore[attr-defined]  # for the templates
        for row in supported:
            by_item.setdefault(row.key, []).append(document)
    return documents, by_item


def scorecard_for(assessment: Assessment, report: Report | None = None) -> dict:
    """The PCT's outcome scorecard from the outcomes app (rows None while that app has none), with its data period.

    A signed-off report shows the scorecard as it stood at sign-off (`frozen`), not today's stored results; a report
    signed off before scorecards were kept with it shows today's.
    """
    kept = report.ratings_snapshot.get("scorecard") if report is not None and report.is_signed_off else None
    if kept is not None:
        rows = [outcomes.OutcomeSummary.from_snapshot(row) for row in kept]
    else:
        rows = outcomes.summaries(assessment)
    return {"rows": rows, "period": outcomes.data_period(rows), "frozen": kept is not None}


def sign_off_snapshot(assessment: Assessment, review_day: ReviewDay | None) -> dict:
    """What a report keeps at sign-off: the ratings (`snapshot`) and the outcome scorecard as it stands."""
    rows = outcomes.summaries(assessment)
    kept = None if rows is None else [row.as_snapshot() for row in rows]
    return snapshot(assessment, review_day) | {"scorecard": kept}


def latest_signed_off(assessment: Assessment | None) -> Report | None:
    if assessment is None:
        return None
    return assessment.reports.filter(state=ReportState.SIGNED_OFF).order_by("-version").first()


def signed_off_ratings(assessments) -> dict[int, dict]:
    """The agreed ratings of each assessment's latest signed-off report version, by assessment id: what national
    and public views read (never the live agreed ratings, which a chair may be changing in a draft correction).

    Each value is {"competencies": {number: level}, "governance": {area name: RAG}}; an assessment without a
    signed-off version is absent. One query, reading only the ratings of the snapshot (not its scorecard).
    """
    rows = (
        Report.objects.filter(assessment__in=assessments, state=ReportState.SIGNED_OFF)
        .order_by("assessment_id", "-version")
        .values_list("assessment_id", "ratings_snapshot__competencies", "ratings_snapshot__governance")
    )
    found: dict[int, dict] = {}
    for assessment_id, competencies, governance in rows:
        if assessment_id in found:
            continue  # an older version
        found[assessment_id] = {
            "competencies": {r["number"]: r.get("agreed") for r in competencies or []},
            "governance": {r["name"]: r.get("agreed") for r in governance or []},
        }
    return found


def reports_of(assessment: Assessment, *, signed_off_only: bool) -> list[Report]:
    reports = assessment.reports.select_related("signed_off_by").order_by("-version")
    return list(reports.filter(state=ReportState.SIGNED_OFF) if signed_off_only else reports)


def snapshot(assessment: Assessment, review_day: ReviewDay | None = None) -> dict:
    """The agreed ratings beside the self-assessed ones, as a report stores them at sign-off."""
    rows = _items(assessment.cycle)
    own_self = _self_assessed(assessment)
    agreed = {a.item_key: a for a in AgreedRating.objects.filter(assessment=assessment)}
    result: dict[str, Any] = {"competencies": [], "governance": [], "outcomes_commentary": ""}
    for row in rows:
        rating = agreed.get(row.key)
        entry = {
            "self": own_self.get(row.key, (None, ""))[0],
            "agreed": _value(rating),
            "rationale": rating.rationale if rating else "",
        }
        if row.kind == "competency":
            entry |= {"number": row.item.number, "name": row.item.short_name}
            entry["difference"] = differences.difference(entry["self"], entry["agreed"])
            result["competencies"].append(entry)
        else:
            result["governance"].append(entry | {"name": row.item.name, "area": row.item.area})
    if review_day is not None:
        result["outcomes_commentary"] = review_day.outcomes_commentary
    return result


def rating_changes(report: Report | None, ratings: dict) -> list[str]:
    """The agreed ratings this version changed from the version it corrects (none for a first version)."""
    if report is None or report.previous is None:
        return []
    return differences.rating_changes(report.previous.ratings_snapshot, ratings)


def missing_agreed(assessment: Assessment) -> list[str]:
    """Names of the items without an agreed rating (sign-off is refused while any are missing)."""
    snap = snapshot(assessment)
    missing = [f"{r['number']}. {r['name']}" for r in snap["competencies"] if r["agreed"] is None]
    return missing + [r["name"] for r in snap["governance"] if r["agreed"] is None]


def upcoming_review_days(user) -> list[ReviewDay]:
    """The review days of the panels the user sits on that are still to come or whose report is not yet signed
    off (a review day past with its review still open is work to do), soonest first."""
    if not user.is_authenticated:
        return []
    unfinished = Q(assessment__state__in=[State.DRAFT, State.SUBMITTED, State.IN_REVIEW])
    return list(
        ReviewDay.objects.filter(Q(date__gte=timezone.localdate()) | unfinished, panel__members__user=user)
        .select_related("assessment__organisation", "assessment__cycle", "panel")
        .order_by("date")
    )


def upcoming_review_days_of(sha: Organisation, cycle: Cycle) -> list[ReviewDay]:
    """The review days of the SHA's panel in the cycle still to come or whose report is not yet signed off,
    soonest first (for the SHA lead's home)."""
    unfinished = Q(assessment__state__in=[State.DRAFT, State.SUBMITTED, State.IN_REVIEW])
    return list(
        ReviewDay.objects.filter(Q(date__gte=timezone.localdate()) | unfinished, panel__sha=sha, panel__cycle=cycle)
        .select_related("assessment__organisation", "assessment__cycle", "panel__sha")
        .order_by("date")
    )


def holds_role(user, organisation: Organisation, role: str) -> bool:
    """Whether the person holds the role at the organisation (the chair's confirmation says if it will be given)."""
    return Membership.objects.filter(user=user, organisation=organisation, role=role).exists()


def sits_on_a_panel(user) -> bool:
    """Whether the user is a member of any panel (past or future)."""
    return user.is_authenticated and user.panel_seats.exists()


def panel_of(sha: Organisation, cycle: Cycle) -> Panel | None:
    return Panel.objects.filter(sha=sha, cycle=cycle).prefetch_related("members__user").first()


def review_days_of(sha: Organisation, cycle: Cycle) -> list[dict]:
    """Every PCT of the SHA with its assessment and review day in the cycle."""
    pcts = Organisation.objects.pcts().filter(parent=sha).order_by("name")
    assessments = {a.organisation_id: a for a in Assessment.objects.filter(cycle=cycle, organisation__in=pcts)}
    days = {
        d.assessment.organisation_id: d
        for d in ReviewDay.objects.filter(panel__sha=sha, panel__cycle=cycle).select_related("assessment")
    }
    return [{"organisation": p, "assessment": assessments.get(p.pk), "review_day": days.get(p.pk)} for p in pcts]


def sha_differences(sha: Organisation, cycle: Cycle) -> dict:
    """Which competencies the SHA's PCTs over- or under-rate most, from their latest signed-off reports."""
    reports = (
        Report.objects.filter(
            assessment__organisation__parent=sha, assessment__cycle=cycle, state=ReportState.SIGNED_OFF
        )
        .order_by("assessment_id", "-version")
        .only("assessment_id", "ratings_snapshot")
    )
    latest: dict[int, dict] = {}
    for report in reports:
        latest.setdefault(report.assessment_id, report.ratings_snapshot)
    return {"rows": differences.summarise(list(latest.values())), "pcts": len(latest)}


def ratings(assessment: Assessment, *, panel_side: bool) -> dict:
    """Self-assessed and agreed levels, governance RAG and report state, for the API.

    The PCT itself sees agreed ratings only from a signed-off report once the assessment is reported.
    """
    report = latest_signed_off(assessment)
    reported = assessment.state in (State.REPORTED, State.PUBLISHED)
    if panel_side and not reported:
        data = snapshot(assessment)
    elif reported and report is not None:
        data = report.ratings_snapshot
    else:
        data = snapshot(assessment)
        for row in data["competencies"] + data["governance"]:
            row["agreed"], row["rationale"] = None, ""
            row.pop("difference", None)
    latest = assessment.reports.order_by("-version").first()
    return {
        "organisation": assessment.organisation.code,
        "cycle": assessment.cycle.code,
        "state": assessment.state,
        "report": {
            "version": report.version if report else None,
            "state": (latest.state if panel_side and latest else (report.state if report else None)),
            "signed_off_at": report.signed_off_at if report else None,
        },
        "competencies": data["competencies"],
        "governance": data["governance"],
    }


def previous_signed_off(assessment: Assessment) -> dict | None:
    """The previous cycle's signed-off agreed ratings of the same PCT (None without a signed-off report)."""
    previous = assessment.cycle.previous
    if previous is None:
        return None
    found = Assessment.objects.filter(organisation_id=assessment.organisation_id, cycle=previous)
    return next(iter(signed_off_ratings(found).values()), None)


def with_movement(assessment: Assessment, ratings: dict) -> dict:
    """A signed-off report's ratings, each entry with its movement since the previous cycle's signed-off report."""
    moved = movement.movements(previous_signed_off(assessment), movement.from_snapshot(ratings))
    return ratings | {
        "competencies": [r | {"movement": moved["competencies"].get(r["number"])} for r in ratings["competencies"]],
        "governance": [r | {"movement": moved["governance"].get(r["name"])} for r in ratings["governance"]],
        "previous_cycle": assessment.cycle.previous.code if assessment.cycle.previous else "",
    }


def current_movements(assessment: Assessment | None) -> dict | None:
    """The PCT's latest signed-off ratings in this cycle with their movement, for its scorecard (None until the
    panel signs off its report)."""
    report = latest_signed_off(assessment)
    if assessment is None or report is None:
        return None
    return with_movement(assessment, report.ratings_snapshot)


def report_to_write(assessment: Assessment) -> Report:
    """The report version the chair would write: the open draft, else the latest version, else an unsaved version 1
    (the edit page's GET shows it; only saving it creates it, so opening the page writes nothing)."""
    draft = assessment.reports.filter(state=ReportState.DRAFT).first()
    if draft:
        return draft
    latest = assessment.reports.order_by("-version").first()
    if latest:
        return latest
    commentary = getattr(getattr(assessment, "review_day", None), "outcomes_commentary", "")
    return Report(assessment=assessment, version=1, outcomes_summary=commentary)
