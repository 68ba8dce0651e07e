"""Importing indicator values: every bad file refused whole with its messages, nothing written; idempotence."""

import io
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from outcomes import services
from outcomes.choices import ImportStatus
from outcomes.models import ImportJob, IndicatorValue
from outcomes.tasks import run_import
from tests.outcomes.data import HEADER, csv_text

GOOD = ["LE_BIRTH_M,5NT,2009-10,74.5,,,74.1,74.9", "LE_BIRTH_M,E92000001,2009-10,77.9,,,,"]

# (case, file bytes, file name, (row, column, message) expected among the problems)
BAD_FILES = [
    ("unknown indicator", csv_text(["NOT_AN_INDICATOR,5NT,2009-10,1,,,,"]), "f.csv",
     (2, "indicator_code", "Unknown indicator code 'NOT_AN_INDICATOR'")),
    ("unknown organisation", csv_text(["LE_BIRTH_M,XXX,2009-10,1,,,,"]), "f.csv",
     (2, "org_code", "Unknown organisation code 'XXX'")),
    ("non-numeric value", csv_text([GOOD[0], "LE_BIRTH_M,5HQ,2009-10,seventy,,,,"]), "f.csv",
     (3, "value", "'seventy' is not a number")),
    ("duplicate row", csv_text([GOOD[0], GOOD[0]]), "f.csv",
     (3, None, "Duplicate of row 2 (same indicator_code, org_code and period)")),
    ("interval not containing the value", csv_text(["LE_BIRTH_M,5NT,2009-10,80,,,74.1,74.9"]), "f.csv",
     (2, "value", "Value 80 lies outside its confidence interval, 74.1 to 74.9: check the value, lower_ci and "
                  "upper_ci")),
    ("missing column", b"indicator_code,org_code,period\nLE_BIRTH_M,5NT,2009-10\n", "f.csv",
     (None, "value", "Missing column 'value'")),
    ("wrong encoding", (HEADER + "\nLE_BIRTH_M,5NT,2009-10,74.5,,,,caf\xe9\n").encode("latin-1"), "f.csv",
     (None, None, "File is not UTF-8 encoded")),
    ("bad period", csv_text(["LE_BIRTH_M,5NT,2009-08,74.5,,,,"]), "f.csv",
     (2, "period", "Period '2009-08' is neither a financial year nor rolling years: after 2009 the second part "
                   "must be 10 (a financial year) or up to 13 (rolling years such as 2009-11)")),
]  # fmt: skip
IDS = [case[0] for case in BAD_FILES]


def _problem_text(row, column, message) -> str:
    return str(services.importing.RowError(row, column, message))


@pytest.mark.parametrize(("case", "content", "name", "expected"), BAD_FILES, ids=IDS)
def test_the_command_refuses_a_bad_file_with_every_problem_and_writes_nothing(
    world, tmp_path, capsys, case, content, name, expected
):
    path = tmp_path / name
    path.write_bytes(content + csv_text(GOOD)[len(HEADER) + 1 :] if case != "missing column" else content)
    stderr = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_indicators", str(path), stderr=stderr)
    assert _problem_text(*expected) in stderr.getvalue()
    assert IndicatorValue.objects.count() == 0


@pytest.mark.parametrize(("case", "content", "name", "expected"), BAD_FILES, ids=IDS)
def test_the_upload_refuses_a_bad_file_with_every_problem_and_writes_nothing(
    world, django_capture_on_commit_callbacks, case, content, name, expected
):
    job = _upload(world, content, name, django_capture_on_commit_callbacks)
    assert job.status == ImportStatus.REFUSED
    row, column, message = expected
    assert {"row": row, "column": column, "message": message} in job.errors
    assert IndicatorValue.objects.count() == 0
    page = world.client_for("dh_analyst").get(reverse("outcomes:import_status", kwargs={"pk": job.pk}))
    assert "nothing was imported" in page.content.decode()
    assert message.replace("'", "&#x27;") in page.content.decode()


def _upload(world, content: bytes, name: str, capture) -> ImportJob:
    """Upload through the page, then run the queued task here (a real worker is tested separately)."""
    client = world.client_for("dh_analyst")
    upload = io.BytesIO(content)
    upload.name = name
    with capture(execute=False) as callbacks:
        response = client.post(reverse("outcomes:import_upload"), {"file": upload})
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert len(callbacks) == 1
    run_import.apply(args=[job.pk])
    job.refresh_from_db()
    return job


def test_the_upload_page_refuses_a_file_of_another_type(world):
    upload = io.BytesIO(b"hello")
    upload.name = "notes.txt"
    response = world.client_for("dh_analyst").post(reverse("outcomes:import_upload"), {"file": upload})
    assert response.status_code == 400
    assert "The selected file must be a CSV or an Excel (.xlsx) file" in response.content.decode()
    assert ImportJob.objects.count() == 0


def test_a_good_upload_reports_counts_and_progress_reaches_100(world, django_capture_on_commit_callbacks):
    job = _upload(world, csv_text(GOOD), "good.csv", django_capture_on_commit_callbacks)
    assert (job.status, job.progress, job.created, job.updated, job.unchanged) == (ImportStatus.DONE, 100, 2, 0, 0)
    client = world.client_for("dh_analyst")
    assert client.get(reverse("outcomes:import_progress", kwargs={"pk": job.pk})).json()["finished"] is True
    assert (
        "2 created, 0 updated, 0 unchanged"
        in client.get(reverse("outcomes:import_status", kwargs={"pk": job.pk})).content.decode()
    )


def test_importing_the_same_file_twice_changes_nothing_and_says_so(world, tmp_path):
    path = tmp_path / "values.csv"
    path.write_bytes(csv_text(GOOD))
    out = io.StringIO()
    call_command("import_indicators", str(path), stdout=out)
    assert "2 created, 0 updated, 0 unchanged" in out.getvalue()
    before = list(IndicatorValue.objects.values_list("pk", "value", "updated_at"))
    call_command("import_indicators", str(path), stdout=(out := io.StringIO()))
    assert "0 created, 0 updated, 2 unchanged" in out.getvalue()
    assert list(IndicatorValue.objects.values_list("pk", "value", "updated_at")) == before
    path.write_bytes(csv_text([GOOD[0].replace("74.5", "74.6"), GOOD[1]]))
    call_command("import_indicators", str(path), stdout=(out := io.StringIO()))
    assert "0 created, 1 updated, 1 unchanged" in out.getvalue()
    assert IndicatorValue.objects.get(organisation__code="5NT").value == 74.6


def test_an_excel_file_imports_like_a_csv(world, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    sheet.append(["LE_BIRTH_M", "5NT", "2009-10", 74.5, None, None, 74.1, 74.9])
    book.save(path := tmp_path / "values.xlsx")
    result = services.import_values(Path(path))
    assert (result.created, result.errors) == (1, [])
    value = IndicatorValue.objects.get()
    assert (value.value, value.lower_ci, value.upper_ci, value.period_start_year) == (74.5, 74.1, 74.9, 2009)


def test_an_import_queues_the_scorecard_computation_after_commit(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.import_values(csv_text(GOOD), "good.csv")
    assert [c.__name__ for c in callbacks] == ["_queue_compute"]


def test_a_refused_file_queues_nothing(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert services.import_values(csv_text(["LE_BIRTH_M,XXX,2009-10,1,,,,"]), "bad.csv").refused
    assert callbacks == []


def test_rolling_years_import_and_trend_over_their_first_years(world):
    """Life expectancy as published for small areas: three-year pooled periods, 2003-05 to 2007-09, rising a year a
    period in Manchester; the scorecard sorts them by first year. Overlapping periods share years, so their trend
    is not tested (DESIGN.md section 5); without intervals it would be "not enough data"."""
    from outcomes.models import OrganisationBenchmark

    rows = [
        f"LE_BIRTH_M,5NT,{year}-{(year + 2) % 100:02d},{72 + year - 2003}.0,,,{71.5 + year - 2003},{72.5 + year - 2003}"
        for year in range(2003, 2008)
    ]
    rows += [f"LE_BIRTH_M,E92000001,{year}-{(year + 2) % 100:02d},77.0,,,," for year in range(2003, 2008)]
    result = services.import_values(io.BytesIO(csv_text(rows)), "rolling.csv", recompute=False)
    assert not result.refused, result.errors
    services.scorecards_compute()
    stored = OrganisationBenchmark.objects.filter(organisation__code="5NT", indicator__code="LE_BIRTH_M")
    assert list(stored.order_by("period_start_year").values_list("period", "period_start_year")) == [
        ("2003-05", 2003), ("2004-06", 2004), ("2005-07", 2005), ("2006-08", 2006), ("2007-09", 2007),
    ]  # fmt: skip
    assert stored.get(period="2007-09").trend == "not tested"
