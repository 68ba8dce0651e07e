"""Free text is limited to TEXT_MAX_LENGTH with a form message, and a report at that length prints as a PDF
(issue 14: a 4.8 MB report text made the PDF outlive the worker's timeout). The PDF's time is printed, not asserted:
`pytest -s tests/panels/test_long_text.py` shows it (wall and CPU time: on a busy machine the CPU time is nearer
what the request costs on an idle one)."""

import time

from django.urls import reverse

from assurance.fields import SHORT_TEXT_MAX_LENGTH, TEXT_MAX_LENGTH
from panels.models import Report
from panels.services import REPORT_FIELDS
from tests.panels.helpers import review_day

PROSE = "The board has agreed a plan with the council and reviews it each quarter, with the data it needs. "


def prose(length: int) -> str:
    """Text of exactly `length` characters, in paragraphs of realistic sentences."""
    paragraph = PROSE * 8 + "\n\n"
    return (paragraph * (length // len(paragraph) + 1))[: length - 1] + "."


def _kwargs(world):
    return {"cycle_code": world.cycle.code, "code": world.pct.code}


def test_report_text_longer_than_the_limit_is_a_form_error_and_nothing_is_saved(world):
    review_day(world)
    client = world.client_for("panel_chair")
    url = reverse("panels:report_edit", kwargs=_kwargs(world))
    form = client.get(url).context["form"]
    data = {name: "" for name in form.fields} | {"revision": form.initial["revision"]}
    response = client.post(url, data | {"strengths": prose(TEXT_MAX_LENGTH + 1)})
    assert response.status_code == 400
    message = f"Enter {TEXT_MAX_LENGTH:,} characters or fewer (this has {TEXT_MAX_LENGTH + 1})"
    assert message in response.content.decode()
    assert not Report.objects.exclude(strengths="").exists()
    assert client.post(url, data | {"strengths": prose(TEXT_MAX_LENGTH)}).status_code == 302


def test_a_rationale_longer_than_its_limit_is_a_form_error(world):
    from tests.panels.helpers import agreed_post

    review_day(world)
    client = world.client_for("panel_chair")
    url = reverse("panels:workspace", kwargs=_kwargs(world))
    key = next(name for name in client.get(url).context["form"].fields if name.startswith("t_"))
    response = client.post(url, agreed_post(world) | {key: prose(SHORT_TEXT_MAX_LENGTH + 1)})
    assert response.status_code == 400
    assert f"Enter {SHORT_TEXT_MAX_LENGTH:,} characters or fewer" in response.content.decode()


def test_the_pdf_of_a_report_at_the_maximum_length_renders(world):
    day = review_day(world, reported=True)
    report = Report.objects.get(assessment=day.assessment)
    for name in REPORT_FIELDS:
        setattr(report, name, prose(TEXT_MAX_LENGTH))
    snapshot = report.ratings_snapshot
    for entry in snapshot["competencies"] + snapshot["governance"]:
        entry["rationale"] = prose(SHORT_TEXT_MAX_LENGTH)
    Report.objects.filter(pk=report.pk).update(
        ratings_snapshot=snapshot, **{name: getattr(report, name) for name in REPORT_FIELDS}
    )
    client = world.client_for("pct_lead")
    started, cpu_started = time.perf_counter(), time.process_time()
    response = client.get(reverse("panels:report_pdf", kwargs=_kwargs(world)))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    rows = len(snapshot["competencies"]) + len(snapshot["governance"])
    print(
        f"\nPDF of a report with {len(REPORT_FIELDS)} sections of {TEXT_MAX_LENGTH:,} characters and {rows} rationales"
        f" of {SHORT_TEXT_MAX_LENGTH:,}: {seconds:.1f} s ({cpu:.1f} s of CPU), {len(response.content):,} bytes"
    )
