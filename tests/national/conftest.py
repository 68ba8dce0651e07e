"""Fixtures of the national tests."""

import pytest


@pytest.fixture
def eager_celery():
    """Run tasks in-process for a test that checks what a trigger computes (a real worker is tested apart)."""
    from assurance.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before
