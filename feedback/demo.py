"""Demo partner feedback: invitations and answers for the North West PCTs in the current cycle (idempotent).

Each PCT has partners of every type invited; most types have enough responses to show, and some have too few, so
both sides of the anonymity rule are on show. Manchester, the demo PCT users' own, has invitations still waiting so
its lead can send reminders.
"""

import random

from django.db import transaction

from assurance.models import Cycle, Organisation

from .choices import PartnerType
from .models import Answer, Invitation, Response
from .selectors import asked_competencies

# Per partner type: (invited, responded) for most PCTs.
PLAN = {
    PartnerType.PRACTICE: (5, 4),
    PartnerType.COUNCIL: (3, 3),
    PartnerType.PROVIDER: (4, 3),
    PartnerType.PUBLIC: (3, 2),
}
NAMES = ["Alex Morgan", "Sam Patel", "Jo Fletcher", "Chris Okoro", "Pat Lindqvist"]
COMMENTS = {
    1: "We see little of the PCT's leadership yet; plans reach us late.",
    2: "Good intentions, but joint work depends on a few individuals.",
    3: "Engages us early and follows through on what it agrees.",
    4: "Sets the direction for the local NHS and brings partners with it.",
}


def _rng(*parts) -> random.Random:
    return random.Random("-".join(str(p) for p in parts))


@transaction.atomic
def load() -> str:
    cycle = Cycle.objects.get(code="2009-10")
    competencies = asked_competencies(cycle)
    pcts = Organisation.objects.get(code="Q31").children.order_by("code")
    made = 0
    for pct in pcts:
        for partner_type, (invited, responded) in PLAN.items():
            if pct.code == "5NT" and partner_type == PartnerType.PROVIDER:
                responded = 1  # Manchester: providers still to answer, for the reminder
            for n in range(invited):
                name = NAMES[n]
                email = f"{name.split()[0].lower()}.{partner_type}.{pct.code.lower()}@example.org"
                invitation, created = Invitation.objects.get_or_create(
                    pct=pct,
                    cycle=cycle,
                    email=email,
                    defaults={"name": name, "partner_type": partner_type, "is_demo": True},
                )
                if not created or n >= responded:
                    continue
                response = Response.objects.create(invitation=invitation)
                rng = _rng(pct.code, partner_type, n)
                for competency in competencies:
                    level = rng.choice([None, 2, 2, 3, 3, 3, 4])
                    comment = COMMENTS[level] if level and rng.random() < 0.4 else ""
                    Answer.objects.create(response=response, competency=competency, level=level, comment=comment)
                made += 1
    return f"partner feedback for {pcts.count()} North West PCTs ({made} new responses)"
