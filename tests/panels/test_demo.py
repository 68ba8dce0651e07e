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


def test_the_demo_review_days_fall_in_the_cycles_review_season_and_each_review_can_go_on(client):
    """2009-10 review days lie after the cycle's real submission deadline and within the cycle, so before today:
    the submitted PCT's review can be opened and the one in review signed off (neither may precede the day)."""
    from datetime import date

    from django.contrib.auth import get_user_model
    from django.urls import reverse
    from django.utils.html import escape

    from panels import services
    from panels.models import Panel

    assurance_demo.load()
    demo.load()
    days = ReviewDay.objects.filter(assessment__cycle__code="2009-10").select_related("assessment__cycle")
    assert days.count() >= 3  # the test personas start Bolton (in review in the demo) as a draft
    for day in days:
        assert date(2009, 10, 30) < day.date <= day.assessment.cycle.end_date
        assert services.before_review_day(day, "opened") == ""
    assert not Panel.objects.filter(data_pack_url__contains="example").exists()
    client.force_login(get_user_model().objects.get(username="panel.member"))
    home = client.get(reverse("home")).content.decode()
    waiting = days.filter(assessment__state__in=[State.SUBMITTED, State.IN_REVIEW])
    assert waiting.exists()
    for day in waiting:  # past review days with work still to do stay listed
        assert escape(day.assessment.organisation.name) in home and f"{day.date:%-d %B %Y}" in home
