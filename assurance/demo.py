"""Demo users, memberships and PCTs in each workflow state (idempotent; every record marked as demo)."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from .choices import Role, State
from .models import Assessment, Cycle, Membership, Organisation

PASSWORD = "commissioning-demo"

# username: (first name, last name, organisation code, role, external panel member)
USERS = {
    "pct.lead": ("Priya", "Shah", "5NT", Role.PCT_LEAD, False),
    "pct.contributor": ("Callum", "Reid", "5NT", Role.PCT_CONTRIBUTOR, False),
    "panel.member": ("Mary", "Okafor", "Q31", Role.PANEL_MEMBER, False),
    "panel.external": ("Edward", "Lyons", "Q31", Role.PANEL_MEMBER, True),
    "panel.member2": ("Ruth", "Adeyemi", "Q31", Role.PANEL_MEMBER, False),
    "panel.chair": ("Charles", "Whitfield", "Q31", Role.PANEL_CHAIR, False),
    "sha.lead": ("Sarah", "Holt", "Q31", Role.SHA_LEAD, False),
    "dh.analyst": ("Daniel", "Hughes", "E92000001", Role.DH_ANALYST, False),
    "la.partner": ("Lena", "Marsh", "E08000003", Role.LA_PARTNER, False),
}

# North West PCTs placed in each 2009-10 state, so every page has something to show.
STATES_2009_10 = {
    "5NT": State.DRAFT,  # Manchester: the demo PCT users' own
    "5HG": State.SUBMITTED,  # Ashton, Leigh and Wigan
    "5HQ": State.IN_REVIEW,  # Bolton
    "5JX": State.REPORTED,  # Bury
    "5NQ": State.PUBLISHED,  # Heywood, Middleton and Rochdale
}


def _user(username: str, first: str, last: str, *, superuser: bool = False):
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={
            "first_name": first,
            "last_name": last,
            "email": f"{username}@example.nhs.uk",
            "is_staff": superuser,
            "is_superuser": superuser,
        },
    )
    if created:
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def load() -> str:
    """Create the demo users and the PCT-in-cycle assessments of the demo SHA."""
    _user("admin", "Site", "Administrator", superuser=True)
    for username, (first, last, code, role, external) in USERS.items():
        user = _user(username, first, last)
        Membership.objects.update_or_create(
            user=user,
            organisation=Organisation.objects.get(code=code),
            role=role,
            defaults={"external": external},
        )
    north_west = Organisation.objects.get(code="Q31").children.all()
    current, previous = Cycle.objects.get(code="2009-10"), Cycle.objects.get(code="2008-09")
    for pct in north_west:
        Assessment.objects.get_or_create(
            organisation=pct, cycle=previous, defaults={"state": State.REPORTED, "is_demo": True}
        )
        Assessment.objects.get_or_create(
            organisation=pct,
            cycle=current,
            defaults={"state": STATES_2009_10.get(pct.code, State.DRAFT), "is_demo": True},
        )
    open_current_cycle(current)
    return f"{len(USERS) + 1} users, {north_west.count()} PCTs in two cycles"


# The demo runs 2009-10 as the cycle under way (its review days are set around today): its submission deadline is
# moved to this many days after today, so its PCTs can still change their drafts. 2008-09 keeps its real deadline
# (28 November 2008) and is closed.
DEMO_DEADLINE_DAYS = 28


def open_current_cycle(cycle) -> None:
    """Move the cycle's submission deadline to DEMO_DEADLINE_DAYS after today (the demo and the tests use it)."""
    deadline = timezone.localdate() + timedelta(days=DEMO_DEADLINE_DAYS)
    Cycle.objects.filter(pk=cycle.pk).update(submission_deadline=deadline)
    cycle.submission_deadline = deadline
