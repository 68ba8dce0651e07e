"""Access cases for the competencies app's URLs: a PCT's competencies, its evidence, and the API."""

from django.core.files.base import ContentFile

from tests.access import PCT_USERS, SHA_USERS, Case, allow

VIEWERS = (*PCT_USERS, *SHA_USERS, "dh_analyst")
EDITORS = allow(*PCT_USERS, others=404, anonymous=302) | {role: 403 for role in (*SHA_USERS, "dh_analyst")}


def _pct(world) -> dict:
    return {"cycle": world.cycle.code, "code": world.pct.code}


def _document(world) -> dict:
    """An evidence document of Manchester's 2009-10 assessment (created on first use)."""
    from evidence.models import Evidence

    document = Evidence.objects.filter(assessment=world.assessment, title="Access test").first()
    if document is None:
        document = Evidence(
            assessment=world.assessment,
            title="Access test",
            original_name="note.txt",
            content_type="text/plain",
            size=5,
            document_date="2009-03-31",
        )
        document.file.save("note.txt", ContentFile(b"hello"), save=True)
    return {"pk": document.pk}


CASES = [
    Case("competencies:competency", allow(*VIEWERS), kwargs=lambda w: {**_pct(w), "number": 3}),
    Case(
        "competencies:competency",
        allow("other_sha_lead", "other_panel_chair", "dh_analyst"),
        kwargs=lambda w: {"cycle": w.cycle.code, "code": w.far_pct.code, "number": 3},
    ),
    Case("competencies:competency", EDITORS, kwargs=lambda w: {**_pct(w), "number": 3}, method="post"),
    Case("competencies:evidence", allow(*VIEWERS), kwargs=_pct),
    Case("competencies:evidence", EDITORS, kwargs=_pct, method="post"),
    Case("competencies:evidence-download", allow(*VIEWERS), kwargs=_document),
    # Removing a document: the PCT's own people (a confirmation page, then a redirect); the SHA and DH may only read.
    Case("competencies:evidence-remove", EDITORS, kwargs=_document),
    Case("competencies:evidence-remove", EDITORS | dict.fromkeys(PCT_USERS, 302), kwargs=_document, method="post"),
    Case(
        "self-assessment-detail",
        allow(*VIEWERS, anonymous=403),
        kwargs=lambda w: {"cycle": w.cycle.code, "org_code": w.pct.code},
    ),
]
