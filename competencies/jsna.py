"""The joint strategic needs assessment a PCT records with its partner councils: reads and the one write."""

import datetime

from django.db import transaction

from assurance import access
from assurance.models import Organisation
from evidence.models import Evidence

from .models import JointNeedsAssessment


class JointNeedsRefused(Exception):
    """A joint needs assessment that cannot be saved; the message says why."""


def latest_for_pct(pct: Organisation) -> JointNeedsAssessment | None:
    """The PCT's most recent joint needs assessment."""
    return JointNeedsAssessment.objects.filter(pct=pct).select_related("document").first()


def for_council(council: Organisation, pcts) -> list[JointNeedsAssessment]:
    """The joint needs assessments the council shares with the given PCTs."""
    found = JointNeedsAssessment.objects.filter(councils=council, pct__in=pcts).select_related("pct", "document")
    return list(found.prefetch_related("councils"))


def documents_of(pct: Organisation):
    """The PCT's evidence documents, any cycle, newest first: the choices for a JSNA's document."""
    return Evidence.objects.filter(assessment__organisation=pct).order_by("-document_date", "title")


def version_of(jsna: JointNeedsAssessment | None) -> str:
    """A token of the stored record, so a save over someone else's newer change is refused, not lost."""
    return f"{jsna.updated_at.timestamp():.6f}" if jsna else ""


@transaction.atomic
def jsna_save(
    *,
    pct: Organisation,
    title: str,
    assessment_date: datetime.date,
    councils,
    document: Evidence | None,
    needs: list[str],
    version: str,
    by,
) -> JointNeedsAssessment:
    """Create or update the PCT's joint needs assessment (one per PCT: the latest)."""
    access.require(by, access.EDIT, pct)
    current = JointNeedsAssessment.objects.select_for_update().filter(pct=pct).first()
    if version != version_of(current):
        raise JointNeedsRefused(
            "Someone else changed this needs assessment while you were editing. Check it and try again."
        )
    partners = set(Organisation.objects.filter(pct_partnerships__pct=pct).values_list("pk", flat=True))
    if not councils or any(c.pk not in partners for c in councils):
        raise JointNeedsRefused("Choose one or more of the PCT's partner councils.")
    if document is not None and document.assessment.organisation_id != pct.pk:
        raise JointNeedsRefused("Choose one of the PCT's own evidence documents.")
    jsna = current or JointNeedsAssessment(pct=pct)
    jsna.title, jsna.assessment_date, jsna.document = title.strip(), assessment_date, document
    jsna.needs, jsna.updated_by = needs, by
    jsna.save()
    jsna.councils.set(councils)
    return jsna
