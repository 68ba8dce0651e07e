"""Writes of the competencies app: a PCT's self-assessment of a competency, and its evidence documents."""

import datetime

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from assurance import history
from assurance.assessments import StaleEdit, lock_for_edit
from assurance.models import Assessment
from evidence import filecheck
from evidence.models import Evidence
from evidence.services import link_evidence

from .models import Competency, CompetencyAssessment


def competency_save(
    *,
    assessment: Assessment,
    competency: Competency,
    by,
    version: int,
    level: int | None,
    narrative: str,
    completed: bool,
    evidence=(),
) -> CompetencyAssessment:
    """Save the PCT's level, narrative and status for a competency, unless someone saved since `version` was read.

    Raises StaleEdit (with the saved row) when the stored version differs, AssessmentLocked after submission.
    """
    with transaction.atomic():
        locked = lock_for_edit(assessment, by)
        # The assessment row is locked, so no one else can create this row meanwhile: one history record per save.
        found = CompetencyAssessment.objects.filter(assessment=locked, competency=competency).first()
        row = found or CompetencyAssessment(assessment=locked, competency=competency)
        if row.version != version:
            raise StaleEdit(row)
        row.level, row.narrative, row.completed = level, narrative.strip(), completed
        row.version += 1
        history.record(row, by=by)
        row.save()
        link_evidence(assessment=locked, relation="competencies", target=competency, chosen=evidence)
    return row


def evidence_upload(
    *,
    assessment: Assessment,
    by,
    title: str,
    upload: UploadedFile,
    document_date: datetime.date,
    competencies=(),
    governance_areas=(),
) -> Evidence:
    """Check and store an evidence document; on any failure nothing stays behind, in the database or on disk."""
    upload.seek(0)
    name, size = upload.name or "", upload.size or 0
    checked = filecheck.check(name, upload.read(8192), size, settings.EVIDENCE_MAX_BYTES)
    upload.seek(0)
    evidence = None
    try:
        with transaction.atomic():
            locked = lock_for_edit(assessment, by)
            evidence = Evidence(
                assessment=locked,
                title=title.strip(),
                original_name=name[:255],
                content_type=checked.content_type,
                size=size,
                document_date=document_date,
                uploaded_by=by,
            )
            evidence.file.save(upload.name, upload, save=False)
            history.record(evidence, by=by)
            evidence.save()
            evidence.competencies.set(competencies)
            evidence.governance_areas.set(governance_areas)
    except BaseException:
        if evidence is not None and evidence.file.name:
            evidence.file.storage.delete(evidence.file.name)
        raise
    return evidence


def evidence_remove(*, document: Evidence, by) -> bool:
    """Remove an evidence document from a draft self-assessment: its links, its record (the history keeps who removed
    what, when) and, once that commits, its file. False when someone else removed it first.

    Raises AssessmentLocked after submission.
    """
    with transaction.atomic():
        lock_for_edit(document.assessment, by)
        found = Evidence.objects.select_for_update().filter(pk=document.pk).first()
        if found is None:
            return False
        name, storage = found.file.name, found.file.storage
        history.record(found, by=by)
        found.delete()
        transaction.on_commit(lambda: storage.delete(name))
    return True
