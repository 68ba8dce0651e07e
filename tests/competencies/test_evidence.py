"""Evidence uploads: stored outside the served roots, downloaded only through the access check, refused cleanly."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DataError
from django.urls import reverse

from competencies.services import evidence_upload
from evidence.models import Evidence
from tests.competencies.helpers import text_file
from tests.conftest import requires_postgres
from tests.queries import page_queries


def url(world):
    return reverse("competencies:evidence", args=[world.cycle.code, world.pct.code])


def stored_files() -> set[Path]:
    root = Path(settings.EVIDENCE_ROOT)
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def post(world, upload, role="pct_contributor", **extra):
    data = {"title": "Board minutes", "document_date": "31/3/2009", "file": upload, **extra}
    return world.client_for(role).post(url(world), data)


def test_an_upload_is_stored_outside_the_served_roots_and_linked(world):
    competency = world.cycle.competencies.get(number=2)
    area = world.cycle.governance_areas.first()
    response = post(world, text_file(), competencies=[competency.pk], governance_areas=[area.pk])
    assert response.status_code == 302
    document = Evidence.objects.get(assessment=world.assessment)
    path = Path(document.file.path).resolve()
    assert path.is_relative_to(Path(settings.EVIDENCE_ROOT).resolve())
    assert not path.is_relative_to(Path(settings.STATIC_ROOT).resolve())
    assert not any(path.is_relative_to(Path(d).resolve()) for d in settings.STATICFILES_DIRS)
    assert "minutes" not in path.name  # the stored name reveals nothing
    assert (document.original_name, document.content_type, document.size) == ("minutes.txt", "text/plain", 27)
    assert document.document_date == datetime.date(2009, 3, 31)
    assert document.uploaded_by == world.users["pct_contributor"]
    assert list(document.competencies.all()) == [competency]
    assert list(document.governance_areas.all()) == [area]


def test_the_download_checks_access(world):
    post(world, text_file(text="Confidential minutes\n"))
    document = Evidence.objects.get(assessment=world.assessment)
    download = reverse("competencies:evidence-download", args=[document.pk])
    response = world.client_for("sha_lead").get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Confidential minutes\n"
    assert response["Content-Disposition"].startswith('attachment; filename="minutes.txt"')
    assert response["Content-Type"] == "text/plain"
    for role in ("other_pct_lead", "other_sha_lead", "la_partner", "no_membership"):
        assert world.client_for(role).get(download).status_code == 404, role
    assert world.client_for("anonymous").get(download).status_code == 302


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("empty.txt", b""), "The selected file is empty"),
        (SimpleUploadedFile("tool.exe", b"MZ\x90\x00" + bytes(300)), "must be a PDF, Word, Excel, PowerPoint"),
        (SimpleUploadedFile("disguised.pdf", b"MZ\x90\x00" + bytes(300)), "must be a PDF, Word, Excel, PowerPoint"),
        (SimpleUploadedFile("big.txt", b"x" * (1024 * 1024 + 1)), "must be smaller than 1 MB"),
    ],
    ids=["empty", "forbidden", "disguised", "too-large"],
)
def test_a_bad_upload_is_refused_by_the_field_and_nothing_is_stored(world, settings, upload, message):
    settings.EVIDENCE_MAX_BYTES = 1024 * 1024
    before = stored_files()
    response = post(world, upload, title="Kept title")
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html and message in html
    assert 'value="Kept title"' in html  # what was typed stays
    assert not Evidence.objects.filter(assessment=world.assessment).exists()
    assert stored_files() == before


def test_a_missing_title_and_date_are_refused_by_their_fields(world):
    response = post(world, text_file(), title="", document_date="31 March")
    html = response.content.decode()
    assert "Enter the date of the document as day/month/year" in html
    assert "This field is required" in html or "Enter" in html
    assert not Evidence.objects.exists()


@requires_postgres()
def test_a_database_failure_after_the_file_is_written_leaves_no_file(world):
    """PostgreSQL enforces the title's length at insert, after the file is written: the file must go too."""
    before = stored_files()
    with pytest.raises(DataError):
        evidence_upload(
            assessment=world.assessment,
            by=world.users["pct_lead"],
            title="x" * 300,
            upload=text_file(),
            document_date=datetime.date(2009, 3, 31),
        )
    assert stored_files() == before


def test_uploading_after_submission_is_refused(world):
    world.assessment.state = "submitted"
    world.assessment.save()
    before = stored_files()
    response = world.client_for("pct_lead").post(
        url(world), {"title": "Late", "document_date": "1/4/2009", "file": text_file()}, follow=True
    )
    assert "can no longer be changed" in response.content.decode()
    assert not Evidence.objects.exists()
    assert stored_files() == before


def test_the_evidence_list_reads_a_fixed_number_of_queries(world):
    client = world.client_for("sha_lead")
    evidence_upload(
        assessment=world.assessment,
        by=world.users["pct_lead"],
        title="One",
        upload=text_file(),
        document_date=datetime.date(2009, 3, 31),
        competencies=world.cycle.competencies.all()[:2],
    )
    one = page_queries(client, url(world))
    for n in range(4):
        evidence_upload(
            assessment=world.assessment,
            by=world.users["pct_lead"],
            title=f"More {n}",
            upload=text_file(),
            document_date=datetime.date(2009, 3, 31),
            governance_areas=world.cycle.governance_areas.all()[:2],
        )
    assert page_queries(client, url(world)) <= one


def _uploaded(world, **links) -> Evidence:
    post(world, text_file(), **links)
    return Evidence.objects.get(assessment=world.assessment)


def test_the_pct_removes_a_document_after_confirming_and_its_file_and_links_go(
    world, django_capture_on_commit_callbacks
):
    competency = world.cycle.competencies.get(number=2)
    document = _uploaded(world, competencies=[competency.pk])
    path = Path(document.file.path)
    client = world.client_for("pct_contributor")
    listing = client.get(url(world)).content.decode()
    remove = reverse("competencies:evidence-remove", args=[document.pk])
    assert f'href="{remove}"' in listing
    page = " ".join(client.get(remove).content.decode().split())
    assert "Remove Board minutes?" in page and f"Competency 2: {competency.short_name}" in page
    assert path.exists() and Evidence.objects.filter(pk=document.pk).exists()  # asking removes nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(remove, follow=True)
    assert response.redirect_chain[-1][0] == url(world)
    assert "Board minutes has been removed." in response.content.decode()
    assert not Evidence.objects.filter(pk=document.pk).exists()
    assert not path.exists()
    assert not competency.evidence_documents.exists()
    log = client.get(reverse("assessment-activity", args=[world.cycle.code, world.pct.code])).content.decode()
    assert 'Evidence: Board minutes <span class="govuk-body-s">(deleted)</span>' in log


def test_removing_is_refused_after_submission_and_keeps_the_document(world):
    document = _uploaded(world)
    world.assessment.state = "submitted"
    world.assessment.save()
    client = world.client_for("pct_lead")
    remove = reverse("competencies:evidence-remove", args=[document.pk])
    assert f'href="{remove}"' not in client.get(url(world)).content.decode()
    for response in (client.get(remove, follow=True), client.post(remove, follow=True)):
        assert "can no longer" in response.content.decode()
    assert Evidence.objects.filter(pk=document.pk).exists() and Path(document.file.path).exists()


def test_only_the_pcts_own_people_may_remove_a_document(world):
    document = _uploaded(world)
    remove = reverse("competencies:evidence-remove", args=[document.pk])
    for role, status in [("sha_lead", 403), ("dh_analyst", 403), ("other_pct_lead", 404), ("other_sha_lead", 404)]:
        assert world.client_for(role).post(remove).status_code == status, role
    assert Evidence.objects.filter(pk=document.pk).exists() and Path(document.file.path).exists()


def test_a_document_removed_meanwhile_is_removed_once(world):
    from competencies.services import evidence_remove

    document = _uploaded(world)
    assert evidence_remove(document=document, by=world.users["pct_lead"]) is True
    assert evidence_remove(document=document, by=world.users["pct_contributor"]) is False


def test_saving_a_competency_with_a_document_removed_meanwhile_says_so_and_keeps_the_text(world):
    from competencies.models import CompetencyAssessment
    from competencies.services import evidence_remove

    document = _uploaded(world)
    evidence_remove(document=document, by=world.users["pct_lead"])  # after the contributor opened the page
    address = reverse("competencies:competency", args=[world.cycle.code, world.pct.code, 1])
    data = {"version": 1, "level": "2", "narrative": "Typed before the removal", "evidence": [document.pk]}
    response = world.client_for("pct_contributor").post(address, data)
    html = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in html
    assert "A document you ticked was removed after you opened this page" in html
    assert "Typed before the removal</textarea>" in html
    assert not CompetencyAssessment.objects.filter(assessment=world.assessment).exists()
