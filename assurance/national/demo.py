"""Demo publication of 2009-10 (the demo PCTs already in state published), peer groups and rollups."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from assurance.choices import State
from assurance.models import Assessment, Cycle

from .models import Publication
from .services import rollups_refresh


@transaction.atomic
def load() -> str:
    """Record the 2009-10 publication of the demo's published PCTs, then compute every cycle's rollups."""
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
    published = published.count()
    summaries = [rollups_refresh(cycle=c) for c in Cycle.objects.all()]
    return f"{published} PCTs published in 2009-10; " + "; ".join(summaries)
