"""The upload runs on a real Celery worker over Redis, and the scorecards are computed after it."""

import io
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.urls import reverse

from assurance.celery import app
from outcomes.choices import ImportStatus
from outcomes.models import ImportJob, OrganisationBenchmark
from tests.conftest import requires_redis
from tests.outcomes import data


def _wait_for(check, seconds: float = 30.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if found := check():
            return found
        time.sleep(0.2)
    raise AssertionError("timed out waiting for the worker")


@requires_redis()
@pytest.mark.django_db(transaction=True)
def test_an_uploaded_file_is_imported_by_a_worker_and_scorecards_follow(world_tx):
    content = data.csv_text(data.value_rows(data.pct_codes(4), indicators=["LE_BIRTH_M", "LE_SII_M"]))
    upload = io.BytesIO(content)
    upload.name = "values.csv"
    with start_worker(app, queues=[settings.CELERY_TASK_DEFAULT_QUEUE], perform_ping_check=False, pool="solo"):
        response = world_tx.client_for("dh_analyst").post(reverse("outcomes:import_upload"), {"file": upload})
        assert response.status_code == 302
        job = _wait_for(lambda: ImportJob.objects.filter(status=ImportStatus.DONE).first())
        assert (job.created, job.updated, job.unchanged, job.progress) == (len(content.splitlines()) - 1, 0, 0, 100)
        _wait_for(lambda: OrganisationBenchmark.objects.filter(organisation__code="5NT").count() == 10)
