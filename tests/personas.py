"""One user per role, and the strangers the access tests need, on the real reference organisations."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from assurance.choices import Role, State
from assurance.demo import open_current_cycle
from assurance.models import Assessment, Cycle, Membership, Organisation

PASSWORD = "test-password-123"

# persona: (organisation code, role). Manchester PCT (5NT) is in NHS North West (Q31); Bolton (5HQ) is too;
# County Durham (5ND) is in NHS North East (Q30); Manchester council is E08000003.
PERSONAS = {
    "pct_contributor": ("5NT", Role.PCT_CONTRIBUTOR),
    "pct_lead": ("5NT", Role.PCT_LEAD),
    "other_pct_lead": ("5HQ", Role.PCT_LEAD),
    "panel_member": ("Q31", Role.PANEL_MEMBER),
    "panel_chair": ("Q31", Role.PANEL_CHAIR),
    "sha_lead": ("Q31", Role.SHA_LEAD),
    "other_sha_lead": ("Q30", Role.SHA_LEAD),
    "other_panel_chair": ("Q30", Role.PANEL_CHAIR),
    "dh_analyst": ("E92000001", Role.DH_ANALYST),
    "la_partner": ("E08000003", Role.LA_PARTNER),
}
ROLES = ["anonymous", "no_membership", *PERSONAS]


def create() -> None:
    """Create the personas and a draft assessment for Manchester, Bolton and County Durham (idempotent)."""
    users = get_user_model().objects
    for name, (code, role) in PERSONAS.items():
        user, created = users.get_or_create(
            username=name,
            defaults={"email": f"{name}@example.nhs.uk", "first_name": name.replace("_", " ").title()},
        )
        if created:
            user.set_password(PASSWORD)
            user.save()
        Membership.objects.get_or_create(user=user, organisation=Organisation.objects.get(code=code), role=role)
    if not users.filter(username="no_membership").exists():
        users.create_user("no_membership", password=PASSWORD)
    cycle = Cycle.objects.get(code="2009-10")
    open_current_cycle(cycle)  # as in the demo: 2009-10 is under way (2008-09 keeps its real, past deadline)
    for code in ("5NT", "5HQ", "5ND"):
        Assessment.objects.get_or_create(
            organisation=Organisation.objects.get(code=code), cycle=cycle, defaults={"state": State.DRAFT}
        )


@dataclass
class World:
    """Handles on the personas and their organisations."""

    users: dict
    cycle: Cycle
    previous_cycle: Cycle
    pct: Organisation
    other_pct: Organisation
    far_pct: Organisation
    sha: Organisation
    other_sha: Organisation
    council: Organisation
    assessment: Assessment

    @classmethod
    def get(cls) -> "World":
        users = {u.username: u for u in get_user_model().objects.filter(username__in=ROLES)}
        orgs = {
            o.code: o for o in Organisation.objects.filter(code__in=["5NT", "5HQ", "5ND", "Q31", "Q30", "E08000003"])
        }
        cycle = Cycle.objects.get(code="2009-10")
        return cls(
            users=users,
            cycle=cycle,
            previous_cycle=Cycle.objects.get(code="2008-09"),
            pct=orgs["5NT"],
            other_pct=orgs["5HQ"],
            far_pct=orgs["5ND"],
            sha=orgs["Q31"],
            other_sha=orgs["Q30"],
            council=orgs["E08000003"],
            assessment=Assessment.objects.get(organisation=orgs["5NT"], cycle=cycle),
        )

    def client_for(self, role: str, client_class=None):
        """A Django test client signed in as the persona (anonymous: not signed in)."""
        from django.test import Client

        client = (client_class or Client)()
        if role != "anonymous":
            client.force_login(self.users[role], backend="django.contrib.auth.backends.ModelBackend")
        return client
