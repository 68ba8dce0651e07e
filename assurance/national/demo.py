"""Demo publication of 2009-10 (the demo PCTs already in state published), ratings in other SHAs so that moderation
across SHAs has something to compare (one SHA flagged), peer groups and rollups."""

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
from .services import rollups_refresh

# Signed-off 2009-10 ratings for four PCTs in each of these SHAs, unless the SHA already has some: North East's
# panel judged generously (levels 3 and 4), the others about as North West's demo panel did (around 2). North East
# then stands half a level or more above the rest of England on most competencies: the moderation page flags it.
MODERATION_DEMO = {"Q30": (3, 3, 4, 3, 3), "Q32": (2, 2, 3, 2, 2), "Q35": (2, 3, 2, 2, 2)}
RAGS = ["red", "amber", "amber", "green", "green"]


def _signed_off_elsewhere(cycle: Cycle) -> int:
    """Give each SHA in MODERATION_DEMO that has no signed-off report yet four demo PCTs with signed-off ratings."""
    competencies = list(Competency.objects.filter(cycle=cycle).order_by("number"))
    areas = list(GovernanceArea.objects.filter(cycle=cycle).order_by("order"))
    chair = get_user_model().objects.filter(username="dh.analyst").first()
    today, added = timezone.localdate(), 0
    for code, pattern in MODERATION_DEMO.items():
        sha = Organisation.objects.filter(code=code).first()
        if sha is None or selectors.signed_off(cycle).filter(organisation__parent=sha).exists():
            continue
        panel, _ = Panel.objects.get_or_create(sha=sha, cycle=cycle)
        for n, pct in enumerate(Organisation.objects.pcts().filter(parent=sha).order_by("code")[:4]):
            assessment, _ = Assessment.objects.update_or_create(
                organisation=pct, cycle=cycle, defaults={"state": State.REPORTED, "is_demo": True}
            )
            when = today - timedelta(days=50 + n)
            ReviewDay.objects.get_or_create(
                assessment=assessment,
                defaults={"panel": panel, "date": when, "place": f"{pct.name} headquarters",
                          "factual_accuracy_until": when + timedelta(days=28)},
            )  # fmt: skip
            for i, competency in enumerate(competencies):
                level = pattern[(i + n) % len(pattern)]
                AgreedRating.objects.get_or_create(
                    assessment=assessment, competency=competency, defaults={"level": level}
                )
            for i, area in enumerate(areas):
                rag = RAGS[pattern[(i + n) % len(pattern)]]
                AgreedRating.objects.get_or_create(assessment=assessment, area=area, defaults={"rag": rag})
            if not assessment.reports.exists():
                Report.objects.create(
                    assessment=assessment, version=1, state=ReportState.SIGNED_OFF,
                    strengths="Demo report: ratings for moderation across SHAs.",
                    ratings_snapshot=snapshot(assessment), signed_off_by=chair,
                    signed_off_at=timezone.now() - timedelta(days=20),
                )  # fmt: skip
            added += 1
    return added


@transaction.atomic
def load() -> str:
    """Record the 2009-10 publication of the demo's published PCTs, add ratings in other SHAs for moderation, then
    compute every cycle's rollups."""
    cycle = Cycle.objects.get(code="2009-10")
    published = Assessment.objects.filter(cycle=cycle, state=State.PUBLISHED, is_demo=True)
    unrecorded = published.exclude(organisation__publications__cycle=cycle)
    if unrecorded.exists():
        publication = Publication.objects.create(
            cycle=cycle,
            visible_from=timezone.now(),
            published_by=get_user_model().objects.filter(username="dh.analyst").first(),
        )
        publication.pcts.set([a.organisation for a in unrecorded.select_related("organisation")])
    added = _signed_off_elsewhere(cycle)
    flagged = selectors.moderation_comparison(cycle, selectors.moderation_threshold())
    shas = sorted(set(flagged[flagged["flagged"]]["sha_name"]))
    summaries = [rollups_refresh(cycle=c) for c in Cycle.objects.all()]
    return (
        f"{published.count()} PCTs published in 2009-10; {added} PCTs in other SHAs signed off for moderation "
        f"(flagged: {', '.join(shas) or 'none'}); " + "; ".join(summaries)
    )
