"""Writes of the evidence app: which evidence documents support an item of the self-assessment."""

from assurance.models import Assessment


def link_evidence(*, assessment: Assessment, relation: str, target, chosen) -> None:
    """Make `chosen` (evidence of this assessment) exactly the documents linked to `target` through `relation`."""
    chosen_ids = {doc.pk for doc in chosen}
    for doc in assessment.evidence.all():
        related = getattr(doc, relation)
        if doc.pk in chosen_ids:
            related.add(target)
        else:
            related.remove(target)
