"""A North West panel around the test personas: Manchester (5NT) reviewed by panel_member, an external and the chair."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from assurance.choices import Role, State
from assurance.models import Membership
from panels.demo import _self_assessment
from panels.models import Panel, PanelMember, ReviewDay
from tests.personas import PASSWORD


def seat_user(username: str, sha, *, role=Role.PANEL_MEMBER):
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"first_name": username.split("_")[-1].title(), "last_name": "Tester"}
    )
    if created:
        user.set_password(PASSWORD)
        user.save()
    Membership.objects.get_or_create(user=user, organisation=sha, role=role)
    return user


def review_day(world, state: str = State.IN_REVIEW, *, reported: bool = False) -> ReviewDay:
    """Manchester's review day on the North West panel (chair, member, an external), with a self-assessment.

    The North East panel seats other_panel_chair, so the tests can show it sees nothing of this one.
    """
    panel, _ = Panel.objects.get_or_create(sha=world.sha, cycle=world.cycle)
    PanelMember.objects.get_or_create(panel=panel, user=world.users["panel_chair"], defaults={"is_chair": True})
    PanelMember.objects.get_or_create(panel=panel, user=world.users["panel_member"])
    external = seat_user("panel_external", world.sha)
    PanelMember.objects.get_or_create(panel=panel, user=external, defaults={"external": True})
    far, _ = Panel.objects.get_or_create(sha=world.other_sha, cycle=world.cycle)
    PanelMember.objects.get_or_create(panel=far, user=world.users["other_panel_chair"], defaults={"is_chair": True})
    assessment = world.assessment
    assessment.state = State.REPORTED if reported else state
    assessment.save()
    _self_assessment(assessment)
    today = timezone.localdate()
    day, _ = ReviewDay.objects.get_or_create(
        assessment=assessment,
        defaults={"panel": panel, "date": today, "place": "Parkway", "factual_accuracy_until": today + timedelta(7)},
    )
    if reported:
        from panels.demo import _ratings, _signed_off_report

        _ratings(day, agreed_share=1)
        _signed_off_report(day)
    return day


def kwargs(world, state=State.IN_REVIEW, *, reported=False) -> dict:
    review_day(world, state, reported=reported)
    return {"cycle_code": world.cycle.code, "code": world.pct.code}


def agreed_post(world) -> dict:
    """A workspace POST that changes nothing (every version as on the page)."""
    from panels.selectors import _items

    data = {f"ver_{row.key}": 0 for row in _items(world.cycle)}
    return data | {"commentary_version": 0}
