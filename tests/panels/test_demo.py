"""The panels demo: idempotent, and its ratings and reports agree with each PCT's workflow state."""

import pytest

from assurance import demo as assurance_demo
from assurance.choices import State
from panels import demo
from panels.choices import ReportState
from panels.models import AgreedRating, ProvisionalRating, Report, ReviewDay

pytestmark = pytest.mark.django_db


def test_the_demo_is_idempotent_and_consistent_with_each_state():
    assurance_demo.load()
    demo.load()
    counts = (ReviewDay.objects.count(), ProvisionalRating.objects.count(), AgreedRating.objects.count())
    demo.load()
    assert (ReviewDay.objects.count(), ProvisionalRating.objects.count(), AgreedRating.objects.count()) == counts
    for day in ReviewDay.objects.filter(assessment__cycle__code="2009-10").select_related("assessment"):
        state, reports = day.assessment.state, Report.objects.filter(assessment=day.assessment)
        agreed = AgreedRating.objects.filter(assessment=day.assessment).count()
        if state == State.SUBMITTED:
            assert agreed == 0 and not reports.exists()
        elif state == State.IN_REVIEW:
            assert 0 < agreed < 23 and not reports.exists()
        else:  # 11 competencies, 9 governance items and the 3 areas they inform
            assert agreed == 23 and reports.get().state == ReportState.SIGNED_OFF
    assert Report.objects.filter(assessment__cycle__code="2008-09", state=ReportState.SIGNED_OFF).count() == 24
