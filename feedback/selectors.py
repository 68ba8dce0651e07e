"""Reads of partner feedback shared by its pages, the panel's pack and workspace, and the SHA home page."""

from dataclasses import dataclass, field

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from assurance import pagecache
from assurance.models import Assessment, Cycle, Organisation
from competencies.models import Competency, CompetencyAssessment

from . import links, results
from .choices import PartnerType
from .models import Answer, Invitation, Response


def asked_competencies(cycle: Cycle) -> list[Competency]:
    """The competencies the cycle's framework asks partners about, in framework order."""
    return list(Competency.objects.filter(cycle=cycle, partner_feedback=True).order_by("number"))


@dataclass
class TypeCount:
    partner_type: str
    label: str
    invited: int = 0
    responded: int = 0

    @property
    def shown(self) -> bool:
        return self.responded >= results.MIN_RESPONSES


def counts_by_type(pct: Organisation, cycle: Cycle) -> list[TypeCount]:
    """Invited and responded per partner type, every type listed (one query)."""
    found = {
        row["partner_type"]: row
        for row in Invitation.objects.filter(pct=pct, cycle=cycle)
        .values("partner_type")
        .annotate(invited=Count("id"), responded=Count("response"))
        .order_by()
    }
    return [
        TypeCount(value, label, found.get(value, {}).get("invited", 0), found.get(value, {}).get("responded", 0))
        for value, label in PartnerType.choices
    ]


def invitations_of(pct: Organisation, cycle: Cycle) -> list[Invitation]:
    """The PCT's invitations in the cycle with whether each has been answered (`answered`), by type and name."""
    return list(
        Invitation.objects.filter(pct=pct, cycle=cycle)
        .select_related("invited_by")
        .annotate(answered=Count("response"))
        .order_by("partner_type", "name")
    )


@dataclass
class ShaRow:
    pct: Organisation
    types: list = field(default_factory=list)  # TypeCount per partner type

    @property
    def invited(self) -> int:
        return sum(t.invited for t in self.types)

    @property
    def responded(self) -> int:
        return sum(t.responded for t in self.types)


def sha_summary(sha: Organisation, cycle: Cycle) -> list[ShaRow]:
    """Every PCT of the SHA with its invited and responded partners by type (two queries)."""
    counts = {
        (row["pct_id"], row["partner_type"]): row
        for row in Invitation.objects.filter(cycle=cycle, pct__parent=sha)
        .values("pct_id", "partner_type")
        .annotate(invited=Count("id"), responded=Count("response"))
        .order_by()
    }
    rows = []
    for pct in Organisation.objects.pcts().filter(parent=sha).order_by("name"):
        types = []
        for value, label in PartnerType.choices:
            row = counts.get((pct.pk, value), {})
            types.append(TypeCount(value, label, row.get("invited", 0), row.get("responded", 0)))
        rows.append(ShaRow(pct, types))
    return rows


def summary(
    pct: Organisation, cycle: Cycle, assessment: Assessment | None, counts: list[TypeCount] | None = None
) -> list[results.CompetencySummary]:
    """What partners said of the PCT, per asked competency and partner type, beside its self-assessed level
    (``counts``: `counts_by_type`, read here when not given)."""
    competencies = asked_competencies(cycle)
    responded = {t.partner_type: t.responded for t in counts or counts_by_type(pct, cycle)}
    answers = [
        results.AnswerRow(*row)
        for row in Answer.objects.filter(response__invitation__pct=pct, response__invitation__cycle=cycle)
        .order_by()
        .values_list("response__invitation__partner_type", "competency_id", "level", "comment")
    ]
    self_levels = {}
    if assessment is not None:
        self_levels = dict(
            CompetencyAssessment.objects.filter(assessment=assessment, competency__in=competencies)
            .order_by()
            .values_list("competency_id", "level")
        )
    return results.summarise(competencies, list(PartnerType.choices), responded, answers, self_levels)


def invitation_for_token(token: str, today=None) -> tuple[str, Invitation | None, links.Signed | None]:
    """(state, invitation, signed) of a link: links.OPEN, ALTERED, USED or EXPIRED."""
    signed = links.read_token(token)
    invitation = None
    if signed is not None:
        invitation = (
            Invitation.objects.filter(pk=signed.invitation_id, nonce=signed.nonce)
            .select_related("pct", "cycle")
            .annotate(answered=Count("response"))
            .first()
        )
    state = links.state(
        found=invitation is not None,
        responded=bool(invitation and invitation.answered),
        deadline=invitation.cycle.submission_deadline if invitation else None,
        today=today or timezone.localdate(),
    )
    return state, invitation, signed


def panel_context(assessment: Assessment) -> dict:
    """What the panel's pack and workspace show of partner feedback (`feedback/_results.html`)."""
    pct, cycle = assessment.organisation, assessment.cycle
    counts = counts_by_type(pct, cycle)
    return {
        "partner_feedback": summary(pct, cycle, assessment, counts),
        "partner_counts": counts,
        "minimum": results.MIN_RESPONSES,
        "partner_csv_url": reverse("feedback:results_csv", args=[cycle.code, pct.code]),
    }


def quotable_comments(assessment: Assessment) -> list[results.Quote]:
    """The partners' comments on the PCT a panel report may quote: those its pack shows (the same threshold), of this
    PCT in this cycle only."""
    return results.quotable(summary(assessment.organisation, assessment.cycle, assessment))


def results_rows(summaries: list[results.CompetencySummary]) -> tuple[list[str], list[list]]:
    """The results as CSV rows; a type below the threshold gives its count of responses and nothing else."""
    header = [
        "Competency number", "Competency", "PCT's self-assessed level", "Type of partner", "Partners responded",
        "Shown", "Level 1", "Level 2", "Level 3", "Level 4", "Don't know",
    ]  # fmt: skip
    rows = [
        [
            c.competency.number,
            c.competency.short_name,
            c.self_level or "",
            t.label,
            t.responses,
            "yes" if t.shown else "no: too few responses to show",
            *(t.count_list if t.shown else [""] * len(results.LEVEL_KEYS)),
        ]
        for c in summaries
        for t in c.types
    ]
    return header, rows


def sha_rows(summary: list[ShaRow]) -> tuple[list[str], list[list]]:
    """The SHA table as CSV rows: per PCT, invited and responded for each partner type, then all."""
    header = ["PCT code", "PCT"]
    for _, label in PartnerType.choices:
        header += [f"{label} invited", f"{label} responded"]
    header += ["All invited", "All responded"]
    rows = [
        [
            row.pct.code,
            row.pct.name,
            *[n for t in row.types for n in (t.invited, t.responded)],
            row.invited,
            row.responded,
        ]
        for row in summary
    ]
    return header, rows


def panel_rows() -> list[pagecache.Rows]:
    """The rows `panel_context` reads, of the PCT whose code is %(code)s, in every cycle (assurance/pagecache.py)."""
    invited = f"pct_id IN ({pagecache.pct()})"
    responses = f"invitation_id IN ({pagecache.select(Invitation, invited)})"
    return [
        pagecache.Rows(Invitation, invited),
        pagecache.Rows(Response, responses),
        pagecache.Rows(Answer, f"response_id IN ({pagecache.select(Response, responses)})"),
    ]
