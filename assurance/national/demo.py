"""Demo publication of 2009-10 (the demo PCTs already in state published), signed-off ratings in every other SHA so
that moderation across SHAs has something to compare (North East flagged on competencies, South West on governance
areas, most SHAs not flagged), peer groups and rollups."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from assurance.choices import State
from assurance.models import Assessment, Cycle, Organisation
from competencies.models import Competency
from governance.models import GovernanceArea
from panels.choices import ReportState
from panels.models import AgreedRating, Panel, Report, ReviewDay
from panels.selectors import snapshot

from . import selectors
from .models import Publication
from .services import moderation_note_save, moderation_sign_off, rollups_refresh

# Signed-off 2009-10 agreed ratings for four PCTs in every other SHA, unless the SHA has some already (North West's
# come from the panels demo). Per SHA: the levels its panel gave (cycled over competencies and PCTs) and, where its
# panel judged governance apart, the RAGs of its areas (else each level's RAG). Most panels judged alike (levels 2
# and 3, means 2.5 to 2.75 on every competency; amber and green). North East's judged generously (levels 3 and 4:
# flagged on every competency; all green, so on two areas too) and South West's strictly on governance (red and
# amber: flagged on every area), so the moderation page shows flagged SHAs beside SHAs not flagged at all.
MODERATION_DEMO = {
    "Q30": ((3, 4, 4, 3, 4), None),  # North East: generous
    "Q32": ((2, 3, 3, 2, 3), None),
    "Q33": ((3, 2, 2, 3, 3), None),
    "Q34": ((2, 3, 2, 3, 3), None),
    "Q35": ((3, 2, 3, 2, 3), None),
    "Q36": ((2, 3, 3, 3, 2), None),
    "Q37": ((3, 3, 2, 2, 3), None),
    "Q38": ((2, 2, 3, 3, 3), None),
    "Q39": ((3, 2, 3, 3, 2), ("red", "amber", "red", "amber", "amber")),  # South West: strict on governance
}
PCTS_PER_SHA = 4
RAGS = ["red", "amber", "amber", "green", "green"]


def _demo_ratings(assessment: Assessment, n: int, pattern, rags, competencies, areas) -> list[AgreedRating]:
    """The agreed ratings of the SHA's n-th demo PCT: the patterns read from a different start for each PCT."""
    ratings = [
        AgreedRating(assessment=assessment, competency=c, level=pattern[(i + n) % len(pattern)])
        for i, c in enumerate(competencies)
    ]
    for i, area in enumerate(areas):
        rag = rags[(i + n) % len(rags)] if rags else RAGS[pattern[(i + n) % len(pattern)]]
        ratings.append(AgreedRating(assessment=assessment, area=area, rag=rag))
    return ratings


def _signed_off_elsewhere(cycle: Cycle) -> int:
    """Give each SHA in MODERATION_DEMO with no signed-off PCT yet four demo PCTs with signed-off agreed ratings
    (reported; the report's snapshot is what moderation reads). Written in bulk: one query per table."""
    competencies = list(Competency.objects.filter(cycle=cycle).order_by("number"))
    areas = list(GovernanceArea.objects.filter(cycle=cycle).order_by("order"))
    chair = get_user_model().objects.filter(username="dh.analyst").first()
    done = set(selectors.signed_off(cycle).values_list("organisation__parent__code", flat=True))
    chosen = []  # (sha code, n, pct)
    for code in MODERATION_DEMO:
        if code in done:
            continue
        pcts = Organisation.objects.pcts().filter(parent__code=code).order_by("code")[:PCTS_PER_SHA]
        chosen += [(code, n, pct) for n, pct in enumerate(pcts)]
    if not chosen:
        return 0
    pcts = [pct for _, _, pct in chosen]
    Assessment.objects.filter(organisation__in=pcts, cycle=cycle).update(state=State.REPORTED, is_demo=True)
    have = set(Assessment.objects.filter(organisation__in=pcts, cycle=cycle).values_list("organisation_id", flat=True))
    Assessment.objects.bulk_create(
        Assessment(organisation=pct, cycle=cycle, state=State.REPORTED, is_demo=True)
        for pct in pcts
        if pct.pk not in have
    )
    assessments = {a.organisation_id: a for a in Assessment.objects.filter(organisation__in=pcts, cycle=cycle)}
    for a in assessments.values():
        a.cycle = cycle
    panels = {}
    for code in {code for code, _, _ in chosen}:
        panels[code], _ = Panel.objects.get_or_create(sha=Organisation.objects.get(code=code), cycle=cycle)
    today, days, ratings = timezone.localdate(), [], []
    for code, n, pct in chosen:
        assessment, (pattern, rags) = assessments[pct.pk], MODERATION_DEMO[code]
        when = today - timedelta(days=50 + n)
        days.append(ReviewDay(assessment=assessment, panel=panels[code], date=when, place=f"{pct.name} headquarters",
                              factual_accuracy_until=when + timedelta(days=28)))  # fmt: skip
        ratings += _demo_ratings(assessment, n, pattern, rags, competencies, areas)
    ReviewDay.objects.bulk_create(days, ignore_conflicts=True)
    AgreedRating.objects.bulk_create(ratings, ignore_conflicts=True)
    Report.objects.bulk_create(
        Report(
            assessment=assessment,
            version=1,
            state=ReportState.SIGNED_OFF,
            strengths="Demo report: ratings for moderation across SHAs.",
            ratings_snapshot=snapshot(assessment),
            signed_off_by=chair,
            signed_off_at=timezone.now() - timedelta(days=20),
        )  # fmt: skip
        for assessment in assessments.values()
        if not assessment.reports.exists()
    )
    return len(chosen)


def _moderated(cycle: Cycle, analyst, tables) -> None:
    """DH's notes on every flagged comparison, then its sign-off of the cycle's moderation (once; the notes are
    frozen by it), through the services as DH would."""
    if selectors.moderation_sign_off(cycle) is not None or analyst is None:
        return
    competencies, areas = tables
    flagged = [
        (row, {"competency": Competency.objects.get(cycle=cycle, number=row["competency"])})
        for _, row in competencies[competencies["flagged"]].iterrows()
    ]
    flagged += [(row, {"area": GovernanceArea.objects.get(cycle=cycle, item="", area=row["area"])})
                for _, row in areas[areas["flagged"]].iterrows()]  # fmt: skip
    for row, item in flagged:
        judged = "more generously" if row["difference"] > 0 else "more strictly"
        text = f"The panel judged {judged} than the rest of England: discussed with the SHA, ratings kept."
        moderation_note_save(
            cycle=cycle, sha=Organisation.objects.get(code=row["sha"]), text=text, by=analyst, version=0, **item
        )
    moderation_sign_off(cycle=cycle, by=analyst, notes="Flagged SHAs discussed with each; no rating changed.")


@transaction.atomic
def load() -> str:
    """Record the 2009-10 publication of the demo's published PCTs, add ratings in other SHAs for moderation, then
    compute every cycle's rollups."""
    cycle = Cycle.objects.get(code="2009-10")
    analyst = get_user_model().objects.filter(username="dh.analyst").first()
    added = _signed_off_elsewhere(cycle)
    threshold = selectors.moderation_threshold()
    tables = (selectors.moderation_comparison(cycle, threshold), selectors.moderation_area_comparison(cycle, threshold))
    shas = sorted({name for table in tables for name in table[table["flagged"]]["sha_name"]})
    _moderated(cycle, analyst, tables)  # as the service requires: moderation signed off before anything is published
    published = Assessment.objects.filter(cycle=cycle, state=State.PUBLISHED, is_demo=True)
    unrecorded = published.exclude(organisation__publications__cycle=cycle)
    if unrecorded.exists():
        publication = Publication.objects.create(cycle=cycle, visible_from=timezone.now(), published_by=analyst)
        publication.pcts.set([a.organisation for a in unrecorded.select_related("organisation")])
    summaries = [rollups_refresh(cycle=c) for c in Cycle.objects.all()]
    return (
        f"{published.count()} PCTs published in 2009-10; {added} PCTs in other SHAs signed off for moderation "
        f"(flagged: {', '.join(shas) or 'none'}); " + "; ".join(summaries)
    )
